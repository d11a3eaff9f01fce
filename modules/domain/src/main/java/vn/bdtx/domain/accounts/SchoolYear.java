package vn.bdtx.domain.accounts;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A school year, "2025-2026": it starts on 1 September (seed 000 plans BDTX by
 * school year). BDTX duties, exemptions and reductions are counted per year.
 */
public record SchoolYear(int startYear) {

  private static final Pattern TEXT = Pattern.compile("(\\d{4})\\s*[-–/]\\s*(\\d{4})");

  public SchoolYear {
    if (startYear < 2000 || startYear > 2100) {
      throw new IllegalArgumentException("school year out of range: " + startYear);
    }
  }

  /** The school year a day belongs to. */
  public static SchoolYear of(LocalDate day) {
    return new SchoolYear(day.getMonthValue() >= 9 ? day.getYear() : day.getYear() - 1);
  }

  /** "2025-2026" (or with – or /); empty unless the two years are consecutive and plausible. */
  public static Optional<SchoolYear> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    var m = TEXT.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    int start = Integer.parseInt(m.group(1));
    int end = Integer.parseInt(m.group(2));
    if (end != start + 1 || start < 2000 || start > 2100) {
      return Optional.empty();
    }
    return Optional.of(new SchoolYear(start));
  }

  @Override
  public String toString() {
    return startYear + "-" + (startYear + 1);
  }
}
