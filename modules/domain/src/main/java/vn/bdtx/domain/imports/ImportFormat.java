package vn.bdtx.domain.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a file of one import looks like (its columns, and the kinds of problem it names), and the reading every
 * import does the same way before its own rules: the header row is matched to the columns (a required column
 * missing, or a column named twice, stops before any row), blank rows are skipped, each other row is handed to the
 * import's rule with its spreadsheet number, more than {@code maxRows} data rows stop the reading at the first one
 * too many, and a file without a data row is a problem, not a success.
 *
 * <p>The import's kinds of problem must include, by name, the {@link FileProblem}s the kernel finds itself, so that
 * every problem of one import is one type and one family of messages.
 */
public final class ImportFormat<C extends Enum<C> & Column, K extends Enum<K>> {

  /** The problems the kernel finds, before and around the import's own rules. */
  public enum FileProblem {
    /** No header row, or no data row (then reported on row 2). */
    EMPTY_FILE,
    /** More data rows than one file may hold; the detail is the limit. */
    TOO_MANY_ROWS,
    /** A required column not in the header row. */
    MISSING_COLUMN,
    /** A second header naming a column already named; the value is that header, the detail the first one's letter. */
    DUPLICATE_COLUMN,
    /** A required cell left empty ({@link ImportRow#required}). */
    REQUIRED
  }

  /** The import's rule for one row: reads its cells and records each problem on it. */
  @FunctionalInterface
  public interface RowRule<C extends Enum<C> & Column, K extends Enum<K>> {
    void read(ImportRow<C, K> row);
  }

  private final Class<C> columns;
  private final Map<FileProblem, K> kinds;

  private ImportFormat(Class<C> columns, Map<FileProblem, K> kinds) {
    this.columns = columns;
    this.kinds = kinds;
  }

  /**
   * @throws IllegalArgumentException if {@code kinds} lacks one of the {@link FileProblem} names (a programming
   *                                  error, found when the import's class is loaded)
   */
  public static <C extends Enum<C> & Column, K extends Enum<K>> ImportFormat<C, K> of(Class<C> columns, Class<K> kinds) {
    Map<FileProblem, K> map = new EnumMap<>(FileProblem.class);
    for (FileProblem p : FileProblem.values()) {
      K kind = Arrays.stream(kinds.getEnumConstants()).filter(k -> k.name().equals(p.name())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(kinds.getName() + " has no " + p.name()));
      map.put(p, kind);
    }
    return new ImportFormat<>(columns, map);
  }

  /** The import's own kind for a problem the kernel finds. */
  K kind(FileProblem problem) {
    return kinds.get(problem);
  }

  /** The header row matched to the columns: where each is, the columns not read, the ones named twice. */
  private Headers.Match<C> match(List<String> header) {
    return Headers.match(header, columns, Column::headers);
  }

  /**
   * @param header  the first row's cells (null or all blank: an empty file)
   * @param rows    the rows after it, in file order
   * @param maxRows the most data rows one file may hold
   * @param rule    the import's rule, called once per data row in order, only when the header row is fine
   */
  public Reading<C, K> read(List<String> header, Iterator<List<String>> rows, int maxRows, RowRule<C, K> rule) {
    var problems = new ArrayList<RowProblem<C, K>>();
    if (blank(header)) {
      problems.add(new RowProblem<>(1, null, kind(FileProblem.EMPTY_FILE), ""));
      return new Reading<>(List.copyOf(problems), 0, List.of(), Set.of(), Map.of());
    }
    var match = match(header);
    Map<C, Integer> index = match.index();
    Set<C> present = index.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(index.keySet()));
    Map<C, Headers.Named> named = new EnumMap<>(columns);
    index.forEach((c, i) -> named.put(c, new Headers.Named(Headers.letter(i), header.get(i).strip())));
    // The second header as written, where it is, and (the detail) the letter of the first one.
    match.duplicates().forEach(d -> problems.add(new RowProblem<>(1, d.column(), new Headers.Named(d.letter(), d.header()),
        kind(FileProblem.DUPLICATE_COLUMN), d.header(), null, d.firstLetter())));
    for (C c : columns.getEnumConstants()) {
      if (c.required() && !index.containsKey(c)) {
        problems.add(new RowProblem<>(1, c, kind(FileProblem.MISSING_COLUMN), ""));
      }
    }
    if (!problems.isEmpty()) {
      return new Reading<>(List.copyOf(problems), 0, match.ignored(), present, Map.copyOf(named));
    }
    int rowNumber = 1;
    int dataRows = 0;
    while (rows.hasNext()) {
      List<String> cells = rows.next();
      rowNumber++;
      if (blank(cells)) {
        continue;
      }
      if (dataRows == maxRows) {
        problems.add(new RowProblem<>(rowNumber, null, null, kind(FileProblem.TOO_MANY_ROWS), "", null,
            String.valueOf(maxRows)));
        break;
      }
      dataRows++;
      rule.read(new ImportRow<>(this, rowNumber, cells, index, named, problems));
    }
    if (dataRows == 0 && problems.isEmpty()) {
      problems.add(new RowProblem<>(2, null, kind(FileProblem.EMPTY_FILE), ""));
    }
    return new Reading<>(List.copyOf(problems), dataRows, match.ignored(), present, Map.copyOf(named));
  }

  private static boolean blank(List<String> cells) {
    return cells == null || cells.stream().allMatch(c -> c == null || c.isBlank());
  }
}
