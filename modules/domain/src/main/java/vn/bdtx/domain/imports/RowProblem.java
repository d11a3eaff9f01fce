package vn.bdtx.domain.imports;

/**
 * One thing wrong in an import file, precise enough to fix: the spreadsheet row (the header is row 1), the column
 * (null for the whole row or file), what is wrong (the import's own kind), the value shown (as found, or its
 * beginning when it is too long), and for a clash or a repeat the row it clashes with. The page shows the kind's
 * text from the import's family of messages, with {@link #args()}.
 */
public record RowProblem<C extends Column, K extends Enum<K>>(int row, C column, K kind, String value, Integer otherRow) {

  public RowProblem(int row, C column, K kind, String value) {
    this(row, column, kind, value, null);
  }

  /** The arguments of its message: {0} the row it clashes with (or null), {1} the value. */
  public Object[] args() {
    return new Object[] {otherRow, value};
  }
}
