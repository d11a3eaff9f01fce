package vn.bdtx.domain.imports;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What reading a file found: every problem in file order (the header's first), the data rows read, the file's
 * columns that name none of the import's (to say they were not read), the import's columns the file has and where
 * (its letter and header as written), for the problems an import finds after the reading.
 */
public record Reading<C extends Enum<C> & Column, K extends Enum<K>>(List<RowProblem<C, K>> problems, int rowsRead,
                                                                      List<Headers.Ignored> ignored, Set<C> columns,
                                                                      Map<C, Headers.Named> named) {
  /** A problem found after the reading, in the cell of this row and column whose value is {@code value}. */
  public RowProblem<C, K> problem(int row, C column, K kind, String value) {
    return new RowProblem<>(row, column, named.get(column), kind, value, null, null);
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
