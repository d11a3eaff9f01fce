package vn.bdtx.domain.imports;

import java.util.List;
import java.util.Set;

/**
 * What reading a file found: every problem in file order (the header's first), the data rows read, the file's
 * columns that name none of the import's (to say they were not read) and the import's columns the file has.
 */
public record Reading<C extends Enum<C> & Column, K extends Enum<K>>(List<RowProblem<C, K>> problems, int rowsRead,
                                                                      List<Headers.Ignored> ignored, Set<C> columns) {
  public boolean ok() {
    return problems.isEmpty();
  }
}
