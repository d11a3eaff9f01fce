package vn.bdtx.platform.spreadsheet;

/**
 * Why a file cannot be read at all; the page shows {@code platform.spreadsheet.problem.<KIND>}
 * with the line where it applies, the detail, the column letter and a count.
 */
public record SpreadsheetProblem(Kind kind, int line, String detail, String column, int count) {

  public SpreadsheetProblem(Kind kind, int line, String detail) {
    this(kind, line, detail, "", 0);
  }

  public enum Kind {
    /** Not CSV or XLSX (an old .xls, a PDF, an executable renamed .csv …). */
    UNSUPPORTED_FORMAT,
    /** Text that is not UTF-8 and not recognisably Windows-1258, VNI or TCVN3. */
    NOT_UTF8,
    /** A damaged XLSX, or one that expands far beyond its size (a zip bomb). */
    UNREADABLE,
    /** Larger than the configured limit. */
    TOO_LARGE,
    /**
     * An XLSX cell holds a formula (its row, column and text; the count of formula
     * cells): a formula's cached value is not what a person typed, and a HYPERLINK
     * is not a name.
     */
    FORMULA
  }
}
