package vn.bdtx.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.zip.ZipFile;
import org.apache.tika.Tika;
import org.springframework.util.unit.DataSize;

/**
 * What an uploaded file is, read from its bytes and never from its name: Tika's
 * magic numbers, plus the cases tika-core alone gets wrong for us — MP4 brands
 * (Tika says QuickTime), WebM (Tika says Matroska) and Office Open XML files
 * (Tika says zip; the package's [Content_Types].xml names the main part).
 * Blocking: call on a bounded-elastic thread.
 */
public final class FileTypes {

  public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  public static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
  public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private static final Tika TIKA = new Tika();

  /** The kinds {@link #kind} names; each has a text {@code filekind.<name>} (MessagesTest). */
  public enum Kind {
    PDF, WORD, POWERPOINT, EXCEL, WORD_OLD, POWERPOINT_OLD, EXCEL_OLD, OFFICE_OLD, OPENDOCUMENT, JPEG, PNG, WEBP, IMAGE,
    MP4, WEBM, VIDEO, AUDIO, ARCHIVE, TEXT, CSV, HTML, PROGRAM, RTF, UNKNOWN
  }

  /**
   * What a person calls a file of this type, as the code of a message
   * ({@code filekind.<code>}): pages name "Tài liệu Word", never
   * "application/x-tika-msoffice". Tika's x-tika-msoffice is any legacy (OLE2)
   * Office file: .doc, .xls or .ppt.
   */
  public static String kind(String mime) {
    return kindOf(mime).name();
  }

  private static Kind kindOf(String mime) {
    String t = mime == null ? "" : mime.toLowerCase(java.util.Locale.ROOT).split(";")[0].strip();
    return switch (t) {
      case "application/pdf" -> Kind.PDF;
      case DOCX -> Kind.WORD;
      case PPTX -> Kind.POWERPOINT;
      case XLSX -> Kind.EXCEL;
      case "application/msword" -> Kind.WORD_OLD;
      case "application/vnd.ms-powerpoint" -> Kind.POWERPOINT_OLD;
      case "application/vnd.ms-excel" -> Kind.EXCEL_OLD;
      case "application/x-tika-msoffice", "application/x-ole-storage" -> Kind.OFFICE_OLD;
      case "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
           "application/vnd.oasis.opendocument.presentation" -> Kind.OPENDOCUMENT;
      case "image/jpeg" -> Kind.JPEG;
      case "image/png" -> Kind.PNG;
      case "image/webp" -> Kind.WEBP;
      case "video/mp4" -> Kind.MP4;
      case "video/webm" -> Kind.WEBM;
      case "application/zip", "application/x-tika-ooxml", "application/x-rar-compressed", "application/vnd.rar",
           "application/x-7z-compressed", "application/gzip", "application/x-tar" -> Kind.ARCHIVE;
      case "text/plain" -> Kind.TEXT;
      case "text/csv" -> Kind.CSV;
      case "text/html", "application/xhtml+xml" -> Kind.HTML;
      case "application/x-msdownload", "application/x-dosexec", "application/x-executable", "application/x-sh",
           "application/x-elf", "application/x-sharedlib", "application/x-mach-o-executable",
           "application/x-msdos-program" -> Kind.PROGRAM;
      case "application/rtf", "text/rtf" -> Kind.RTF;
      default -> t.startsWith("image/") ? Kind.IMAGE : t.startsWith("video/") ? Kind.VIDEO : t.startsWith("audio/") ? Kind.AUDIO : Kind.UNKNOWN;
    };
  }

  private FileTypes() {
  }

  public static String detect(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(64 * 1024);
    }
    if (mp4Brand(head)) {
      return "video/mp4";
    }
    if (webmDocType(head)) {
      return "video/webm";
    }
    String type = TIKA.detect(head);
    if ("application/zip".equals(type) || "application/x-tika-ooxml".equals(type)) {
      return ooxml(file, type);
    }
    return type;
  }

  /** The Office document a zip package is, from its [Content_Types].xml; {@code otherwise} when it is none. */
  private static String ooxml(Path file, String otherwise) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      var entry = zip.getEntry("[Content_Types].xml");
      if (entry == null || entry.getSize() > 1024 * 1024) {
        return otherwise;
      }
      String types;
      try (InputStream in = zip.getInputStream(entry)) {
        types = new String(in.readNBytes(1024 * 1024), StandardCharsets.UTF_8);
      }
      if (types.contains("wordprocessingml.document.main+xml")) {
        return DOCX;
      }
      if (types.contains("presentationml.presentation.main+xml")) {
        return PPTX;
      }
      if (types.contains("spreadsheetml.sheet.main+xml")) {
        return XLSX;
      }
      return otherwise;
    } catch (IOException e) {
      return otherwise;
    }
  }

  /** ISO base media files with an MP4 brand (ffmpeg writes "isom"), which Tika calls QuickTime. */
  static boolean mp4Brand(byte[] head) {
    if (head.length < 12 || head[4] != 'f' || head[5] != 't' || head[6] != 'y' || head[7] != 'p') {
      return false;
    }
    String brand = new String(head, 8, 4, StandardCharsets.US_ASCII);
    return Set.of("isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "dash").contains(brand);
  }

  /** A Matroska (EBML) file whose DocType is "webm", which Tika alone calls Matroska. */
  static boolean webmDocType(byte[] head) {
    if (head.length < 8 || (head[0] & 0xff) != 0x1A || (head[1] & 0xff) != 0x45 || (head[2] & 0xff) != 0xDF
        || (head[3] & 0xff) != 0xA3) {
      return false;
    }
    String start = new String(head, 0, Math.min(head.length, 64), StandardCharsets.ISO_8859_1);
    return start.contains("webm");
  }

  public static String sha256(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** "300 MB", "512 KB": a limit as people read it. */
  public static String human(DataSize size) {
    long mb = size.toMegabytes();
    return mb >= 1 ? mb + " MB" : size.toKilobytes() + " KB";
  }

  public static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return Math.round(bytes / 1024.0) + " KB";
    }
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB"
        : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024)).replace('.', ',');
  }
}
