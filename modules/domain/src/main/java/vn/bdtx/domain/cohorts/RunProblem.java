package vn.bdtx.domain.cohorts;

/**
 * What can be wrong in a module-run file, each reported as a {@link vn.bdtx.domain.imports.RowProblem} by row,
 * column and value, and for a clash with the row it clashes with. The first five are the import kernel's own
 * ({@link vn.bdtx.domain.imports.ImportFormat.FileProblem}). The web layer shows {@code cohorts.runs.problem.<NAME>}.
 */
public enum RunProblem {
  EMPTY_FILE, TOO_MANY_ROWS, MISSING_COLUMN, DUPLICATE_COLUMN, REQUIRED,
  /** Longer than the column allows (a class name: 200 characters); the value is its beginning. */
  TOO_LONG,
  /** Not a date, or a start date more than a year away from today. */
  BAD_DATE,
  BAD_TEMPLATE, BAD_LEVEL, BAD_KIND, BAD_MODULE_CODE,
  /** No course for this module, level and subject. */
  UNKNOWN_COURSE,
  /** The course has no published version to pin. */
  COURSE_NOT_PUBLISHED,
  /** A run is one module: every row names the same one. */
  OTHER_MODULE,
  /** Rows of one class disagree on its course, start date, schedule, lecturer or assistants. */
  CLASS_DIFFERS,
  UNKNOWN_PERSON, NOT_A_LECTURER, NOT_AN_ASSISTANT, NOT_A_CORE_TEACHER, NOT_A_LEARNER,
  /** The same learner twice in one class. */
  DUPLICATE_LEARNER,
  /** A learner's main enrollment in two classes of the run: a module gives one certificate. */
  TWO_MAIN,
  /** Already in a class of this module this school year (the value names it): a file uploaded twice opens nothing twice. */
  ALREADY_ENROLLED,
  /** Exempt (retiring) in the school year of the start: not enrolled. */
  EXEMPT,
  /** The module's prerequisite is not completed; the value is its code. */
  PREREQUISITE_MISSING,
  /** One class and cluster, two core teachers. */
  CORE_TEACHER_DIFFERS
}
