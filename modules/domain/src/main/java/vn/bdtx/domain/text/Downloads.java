package vn.bdtx.domain.text;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a stored file is answered to a browser (OWASP ASVS 5.4.1, 3.4.4; issue 18 item 9), whether the
 * application streams it or the store answers a presigned link with the headers the link asks for. The type
 * is the one read from the file's bytes at upload, never the name's: a JPEG that is also an HTML page (a
 * polyglot) is an image. Only what a browser shows as a picture, a sound, a video or a PDF is shown in the
 * page ({@code inline}); anything else is downloaded ({@code attachment}), and a type a browser would run as
 * a document (HTML, XHTML, SVG, XML, scripts) is answered as {@code application/octet-stream}, so that it can
 * never be opened as a page of the site, even where {@code X-Content-Type-Options: nosniff} is not sent.
 * A file shown inline carries an extension of its type (a JPEG named "anh.html" is offered as
 * "anh.html.jpg"), so that saving it from the browser cannot make a page either. The name is cleaned
 * ({@link FileNames#clean}) and given both ways RFC 6266 allows: an ASCII {@code filename} for old clients
 * and {@code filename*=UTF-8''…} (RFC 8187).
 */
public final class Downloads {

  /** What the answer declares: its Content-Type and its Content-Disposition. */
  public record Answer(String contentType, String disposition, boolean inline) {
  }

  /** Types shown in the page, with the extensions a file of the type may carry (the first is added when missing). */
  private static final Map<String, List<String>> INLINE = Map.ofEntries(
      Map.entry("application/pdf", List.of("pdf")),
      Map.entry("image/jpeg", List.of("jpg", "jpeg", "jpe", "jfif")),
      Map.entry("image/png", List.of("png")),
      Map.entry("image/gif", List.of("gif")),
      Map.entry("image/webp", List.of("webp")),
      Map.entry("image/avif", List.of("avif")),
      Map.entry("image/bmp", List.of("bmp")),
      Map.entry("video/mp4", List.of("mp4", "m4v")),
      Map.entry("video/webm", List.of("webm")),
      Map.entry("video/ogg", List.of("ogv", "ogg")),
      Map.entry("audio/mpeg", List.of("mp3")),
      Map.entry("audio/mp4", List.of("m4a", "mp4")),
      Map.entry("audio/ogg", List.of("ogg", "oga", "opus")),
      Map.entry("audio/webm", List.of("weba", "webm")),
      Map.entry("audio/wav", List.of("wav")),
      Map.entry("audio/x-wav", List.of("wav")),
      Map.entry("audio/vnd.wave", List.of("wav")));

  /** Types a browser renders as an active document, whatever the disposition asked for. */
  private static final List<String> ACTIVE = List.of("text/html", "application/xhtml+xml", "image/svg+xml", "text/xml",
      "application/xml", "text/xsl", "application/xslt+xml", "text/javascript", "application/javascript",
      "application/ecmascript", "text/ecmascript", "application/x-javascript", "application/x-shockwave-flash",
      "multipart/x-mixed-replace", "application/vnd.wap.xhtml+xml", "application/rss+xml", "application/atom+xml",
      "application/mathml+xml");

  public static final String OCTET_STREAM = "application/octet-stream";
  static final int MAX_NAME = 200;

  private Downloads() {
  }

  /** The answer for a file of the given detected type, downloaded or shown under this name. */
  public static Answer of(String detectedType, String name) {
    String type = essence(detectedType);
    boolean inline = INLINE.containsKey(type);
    String served = inline ? type : type.isEmpty() || active(type) ? OCTET_STREAM : type;
    String shown = FileNames.clean(name, MAX_NAME);
    if (inline) {
      shown = withExtension(shown, INLINE.get(type));
    }
    return new Answer(served, disposition(inline, shown), inline);
  }

  /** As {@link #of}, but always downloaded (a certificate is a file to keep, not a page to look at). */
  public static Answer attachment(String detectedType, String name) {
    String type = essence(detectedType);
    boolean known = INLINE.containsKey(type);
    String served = known ? type : type.isEmpty() || active(type) ? OCTET_STREAM : type;
    String shown = FileNames.clean(name, MAX_NAME);
    if (known) {
      shown = withExtension(shown, INLINE.get(type));
    }
    return new Answer(served, disposition(false, shown), false);
  }

  /** Whether a file of this type is shown in the page rather than downloaded. */
  public static boolean showsInline(String detectedType) {
    return INLINE.containsKey(essence(detectedType));
  }

  /** Whether a browser would render this type as an active document (HTML, SVG, XML, script…). */
  public static boolean active(String type) {
    String t = essence(type);
    return ACTIVE.contains(t) || t.endsWith("+xml") || t.contains("html") || t.contains("script");
  }

  /** {@code inline; filename="ascii"; filename*=UTF-8''percent-encoded} (or attachment). */
  public static String disposition(boolean inline, String name) {
    return (inline ? "inline" : "attachment") + "; filename=\"" + FileNames.ascii(name) + "\"; filename*=UTF-8''"
        + FileNames.percentEncoded(name);
  }

  /** The media type without parameters, in lower case; empty when there is none or it is not a type. */
  static String essence(String type) {
    if (type == null) {
      return "";
    }
    String t = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return t.matches("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+") ? t : "";
  }

  private static String withExtension(String name, List<String> extensions) {
    int dot = name.lastIndexOf('.');
    String ext = dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    if (extensions.contains(ext)) {
      return name;
    }
    String added = "." + extensions.get(0);
    return FileNames.cut(name, MAX_NAME - added.length()) + added;
  }
}
