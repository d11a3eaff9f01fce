package vn.bdtx.domain.imports;

/**
 * One thing wrong in an import file, precise enough to fix: the spreadsheet row (the header is row 1), the column
 * (null for the whole row or file) and where the file has it ({@code at}: its letter and header as written, null when
 * the file has no such column), what is wrong (the import's own kind), the value of that cell as found (its beginning
 * when it is too long; a header for a problem of the header row, empty when there is no cell), for a clash or a repeat
 * the row it clashes with, and a detail its message names that is not the cell's value (the part of a cell of many
 * values that is wrong, a module code missing, the limit exceeded …). The page shows the kind's text from the import's
 * family of messages, with {@link #args()}.
 */
public record RowProblem<C extends Column, K extends Enum<K>>(int row, C column, Headers.Named at, K kind, String value,
                                                              Integer otherRow, String detail) {

  public RowProblem(int row, C column, K kind, String value) {
    this(row, column, null, kind, value, null, null);
  }

  public RowProblem(int row, C column, K kind, String value, Integer otherRow) {
    this(row, column, null, kind, value, otherRow, null);
  }

  /**
   * The arguments of its message: {0} the row it clashes with (or null), {1} the value, {2} the detail (or null),
   * {3} the column's letter in the file (or null).
   */
  public Object[] args() {
    return new Object[] {otherRow, value, detail, at == null ? null : at.letter()};
  }
}
