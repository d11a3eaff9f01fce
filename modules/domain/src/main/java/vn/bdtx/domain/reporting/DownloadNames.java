package vn.bdtx.domain.reporting;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Names of the files a report hands out: the download's own name, in UTF-8 with
 * an ASCII fallback for old clients (RFC 6266 with RFC 8187's {@code filename*}),
 * and the names of the entries inside a ZIP, where a person's name is kept with
 * its diacritics but can never be a path.
 */
public final class DownloadNames {

  private static final int MAX = 150;

  private DownloadNames() {
  }

  /**
   * The name as it may stand in a file system: NFC, no path separator, no character
   * Windows refuses ({@code \ / : * ? " < > |}), no control character, no leading dot,
   * spaces collapsed, at most 150 characters; "tep" when nothing is left.
   */
  public static String safe(String name) {
    String n = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFC);
    var sb = new StringBuilder(n.length());
    n.codePoints().forEach(cp -> {
      if (cp < 0x20 || cp == 0x7F || "\\/:*?\"<>|".indexOf(cp) >= 0 || Character.getType(cp) == Character.FORMAT
          || Character.isWhitespace(cp)) {
        sb.append(' ');
      } else {
        sb.appendCodePoint(cp);
      }
    });
    String s = sb.toString().replaceAll(" +", " ").strip();
    while (s.startsWith(".")) {
      s = s.substring(1).strip();
    }
    if (s.codePointCount(0, s.length()) > MAX) {
      s = s.substring(0, s.offsetByCodePoints(0, MAX)).strip();
    }
    return s.isEmpty() ? "tep" : s;
  }

  /** A certificate's entry in a run's ZIP: "GV02-2026-000123-4F0A - Nguyễn Thị Ánh.pdf". */
  public static String certificateEntry(String number, String fullName) {
    return safe(safe(number) + " - " + safe(fullName)) + ".pdf";
  }

  /**
   * The ASCII fallback of a file name: Vietnamese letters without their marks (đ → d),
   * anything else outside letters, digits, dot, dash and underscore as a dash.
   */
  public static String ascii(String name) {
    String d = Normalizer.normalize(safe(name).replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD);
    var sb = new StringBuilder(d.length());
    for (char c : d.toCharArray()) {
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      boolean plain = c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_');
      sb.append(plain ? c : '-');
    }
    String s = sb.toString().replaceAll("-{2,}", "-").replaceAll("^-|-(?=\\.)|-$", "");
    return s.isEmpty() ? "tep" : s;
  }

  /**
   * The Content-Disposition of a download named {@code fileName} (extension included):
   * {@code attachment; filename="ascii"; filename*=UTF-8''percent-encoded}.
   */
  public static String attachment(String fileName) {
    String safe = safe(fileName);
    return "attachment; filename=\"" + ascii(safe) + "\"; filename*=UTF-8''" + percentEncoded(safe);
  }

  /** RFC 8187 value characters: attr-char stays, every other byte of the UTF-8 form as %XX. */
  static String percentEncoded(String s) {
    var sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      boolean attr = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || "!#$&+-.^_`|~".indexOf(c) >= 0;
      if (attr) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return sb.toString();
  }
}
