package vn.bdtx.domain.imports;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import vn.bdtx.domain.text.Folding;

/**
 * Matches a file's header row to an import's columns, the one way for every import
 * (accounts, organisation, runs): a header is compared without case, diacritics,
 * spacing or punctuation ("Môn dạy chính", "MÔN DẠY CHÍNH", "mon_day_chinh" and
 * "Môn dạy chính (*)" are one header) against each column's accepted names. Every
 * non-empty header that names no column is returned as ignored, so the report can
 * say it was not read, never drop it silently.
 */
public final class Headers {

  /** A column of the file that the import does not read: its letter (A, B … AA) and its header as written. */
  public record Ignored(String letter, String header) {
  }

  /** Where an import's column is in the file: its letter (A, B … AA) and its header as written. */
  public record Named(String letter, String header) {
  }

  /** A column named twice: the second header as written, its letter, and the letter of the first. */
  public record Duplicate<C>(C column, String header, String letter, String firstLetter) {
  }

  public record Match<C extends Enum<C>>(Map<C, Integer> index, List<Ignored> ignored, List<Duplicate<C>> duplicates) {
  }

  private Headers() {
  }

  /**
   * @param names the accepted names of a column (any case, with or without diacritics)
   */
  public static <C extends Enum<C>> Match<C> match(List<String> header, Class<C> columns,
                                                    Function<C, List<String>> names) {
    Map<C, Integer> index = new EnumMap<>(columns);
    var ignored = new ArrayList<Ignored>();
    var duplicates = new ArrayList<Duplicate<C>>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i);
      if (h == null || Folding.key(h).isEmpty()) {
        continue;
      }
      Optional<C> column = find(h, columns, names);
      if (column.isEmpty()) {
        ignored.add(new Ignored(letter(i), h.strip()));
      } else {
        Integer first = index.putIfAbsent(column.get(), i);
        if (first != null) {
          duplicates.add(new Duplicate<>(column.get(), h.strip(), letter(i), letter(first)));
        }
      }
    }
    return new Match<>(index, List.copyOf(ignored), List.copyOf(duplicates));
  }

  public static <C extends Enum<C>> Optional<C> find(String header, Class<C> columns, Function<C, List<String>> names) {
    String key = Folding.key(header);
    for (C c : columns.getEnumConstants()) {
      if (names.apply(c).stream().anyMatch(n -> Folding.key(n).equals(key))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The spreadsheet letter of a 0-based column: 0 → A, 25 → Z, 26 → AA. */
  public static String letter(int column) {
    var sb = new StringBuilder();
    int n = column + 1;
    while (n > 0) {
      int r = (n - 1) % 26;
      sb.insert(0, (char) ('A' + r));
      n = (n - 1) / 26;
    }
    return sb.toString();
  }
}
