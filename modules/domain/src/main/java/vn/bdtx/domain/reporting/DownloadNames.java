package vn.bdtx.domain.reporting;

import vn.bdtx.domain.text.FileNames;

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
    // Controls and the invisible characters that reorder text go first (FileNames), emoji joiners stay.
    String n = FileNames.printable(name == null ? "" : name.replaceAll("\\p{Cntrl}", " "));
    var sb = new StringBuilder(n.length());
    n.codePoints().forEach(cp -> sb.appendCodePoint("\\/:*?\"<>|".indexOf(cp) >= 0 ? ' ' : cp));
    String s = sb.toString().replaceAll(" +", " ").strip();
    while (s.startsWith(".")) {
      s = s.substring(1).strip();
    }
    s = FileNames.cut(s, MAX).strip();
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
    return FileNames.ascii(safe(name));
  }

  /**
   * The Content-Disposition of a download named {@code fileName} (extension included):
   * {@code attachment; filename="ascii"; filename*=UTF-8''percent-encoded}.
   */
  public static String attachment(String fileName) {
    String safe = safe(fileName);
    return "attachment; filename=\"" + ascii(safe) + "\"; filename*=UTF-8''" + percentEncoded(safe);
  }

  static String percentEncoded(String s) {
    return FileNames.percentEncoded(s);
  }
}
