package vn.bdtx.domain.text;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Optional;

/** Dates as schools write them in their lists: 7/12/2026, 07-12-2026, 7.12.2026 or 2026-12-07; never a 31 February. */
public final class Dates {

  private static final List<DateTimeFormatter> FORMATS = List.of(
      DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT),
      DateTimeFormatter.ofPattern("d-M-uuuu").withResolverStyle(ResolverStyle.STRICT),
      DateTimeFormatter.ofPattern("d.M.uuuu").withResolverStyle(ResolverStyle.STRICT),
      DateTimeFormatter.ofPattern("uuuu-M-d").withResolverStyle(ResolverStyle.STRICT));

  private Dates() {
  }

  public static Optional<LocalDate> parse(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    for (DateTimeFormatter f : FORMATS) {
      try {
        return Optional.of(LocalDate.parse(raw.strip(), f));
      } catch (DateTimeParseException ignored) {
        // try the next accepted form
      }
    }
    return Optional.empty();
  }
}
