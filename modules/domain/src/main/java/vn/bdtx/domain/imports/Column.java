package vn.bdtx.domain.imports;

import java.util.List;

/**
 * A column an import declares, implemented by the import's enum of columns: whether a file must have it, and the
 * headers it is recognised by (any case, diacritics or spacing; {@link Headers}), the one the sample files use first.
 */
public interface Column {

  /** What the enum constant declares. */
  Declared declared();

  default boolean required() {
    return declared().required();
  }

  /** Every name this column is recognised by, the sample header first. */
  default List<String> headers() {
    return declared().headers();
  }

  /** The header as written in the sample files. */
  default String sampleHeader() {
    return headers().get(0);
  }

  /** A column the file must have, known by these headers. */
  static Declared mandatory(String... headers) {
    return new Declared(true, List.of(headers));
  }

  /** A column the file may leave out, known by these headers. */
  static Declared optional(String... headers) {
    return new Declared(false, List.of(headers));
  }

  record Declared(boolean required, List<String> headers) {
    public Declared {
      if (headers.isEmpty()) {
        throw new IllegalArgumentException("a column needs at least one header");
      }
      headers = List.copyOf(headers);
    }
  }
}
