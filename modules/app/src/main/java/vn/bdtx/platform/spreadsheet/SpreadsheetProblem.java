package vn.bdtx.platform.spreadsheet;

/**
 * Why a file cannot be read at all; the page shows {@code spreadsheet.problem.<KIND>}
 * with the line where it applies.
 */
public record SpreadsheetProblem(Kind kind, int line, String detail) {

  public enum Kind {
    /** Not CSV or XLSX (an old .xls, a PDF, an executable renamed .csv …). */
    UNSUPPORTED_FORMAT,
    /** Text that is not UTF-8 and has no byte-order mark: saved as Windows-1258, VNI or TCVN3. */
    NOT_UTF8,
    /** A damaged XLSX, or one that expands far beyond its size (a zip bomb). */
    UNREADABLE,
    /** Larger than the configured limit. */
    TOO_LARGE
  }
}
