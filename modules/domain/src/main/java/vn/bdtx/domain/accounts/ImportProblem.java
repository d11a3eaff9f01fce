package vn.bdtx.domain.accounts;

/**
 * What can be wrong in an account import file, each reported as a {@link vn.bdtx.domain.imports.RowProblem} by
 * row, column and value (for DUPLICATE_IN_FILE with the row it repeats). The first five are the import kernel's
 * own ({@link vn.bdtx.domain.imports.ImportFormat.FileProblem}). The web layer shows
 * {@code accounts.import.problem.<NAME>}.
 */
public enum ImportProblem {
  EMPTY_FILE, TOO_MANY_ROWS, MISSING_COLUMN, DUPLICATE_COLUMN, REQUIRED,
  BAD_NAME, BAD_EMAIL, DUPLICATE_IN_FILE, UNKNOWN_SCHOOL, SCHOOL_INACTIVE,
  BAD_DATE, DATE_OUT_OF_RANGE, BAD_PHONE, BAD_LEVEL, LEVEL_NOT_AT_SCHOOL, BAD_POSITION,
  BAD_ROLE, ROLE_NOT_IMPORTABLE, TOO_LONG, BAD_TEXT
}
