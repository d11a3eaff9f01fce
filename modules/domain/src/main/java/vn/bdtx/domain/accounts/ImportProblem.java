package vn.bdtx.domain.accounts;

/**
 * One thing wrong in an import file, precise enough to fix: the spreadsheet row
 * (the header is row 1), the column (null for the whole row or file), what is
 * wrong, the value found, and for a duplicate the row it repeats. The web layer
 * shows {@code accounts.import.problem.<PROBLEM>}.
 */
public record ImportProblem(int row, ImportColumn column, Problem problem, String value, Integer firstRow) {

  public enum Problem {
    EMPTY_FILE, TOO_MANY_ROWS, MISSING_COLUMN, DUPLICATE_COLUMN,
    REQUIRED, BAD_NAME, BAD_EMAIL, DUPLICATE_IN_FILE, UNKNOWN_SCHOOL, SCHOOL_INACTIVE,
    BAD_DATE, DATE_OUT_OF_RANGE, BAD_PHONE, BAD_LEVEL, LEVEL_NOT_AT_SCHOOL, BAD_POSITION,
    BAD_ROLE, ROLE_NOT_IMPORTABLE, TOO_LONG, BAD_TEXT
  }

  static ImportProblem at(int row, ImportColumn column, Problem problem, String value) {
    return new ImportProblem(row, column, problem, value, null);
  }
}
