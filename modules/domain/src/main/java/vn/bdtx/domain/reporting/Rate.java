package vn.bdtx.domain.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * A part of a whole, kept as the two counts so that comparing it with a target
 * is exact (no rounding decides whether 98% is reached). Without a whole (no one
 * to count) there is no rate, and the unit is neither on nor off target.
 */
public record Rate(long part, long whole) {

  public Rate {
    if (part < 0 || whole < 0 || part > whole) {
      throw new IllegalArgumentException("rate " + part + "/" + whole);
    }
  }

  public boolean defined() {
    return whole > 0;
  }

  /** The fraction, 0 to 1, to four decimals (for a spreadsheet's percentage cell); empty without a whole. */
  public Optional<BigDecimal> fraction() {
    return defined() ? Optional.of(BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP))
        : Optional.empty();
  }

  /** The percentage to one decimal (98.5), rounded half up; empty without a whole. */
  public Optional<BigDecimal> percent() {
    return defined() ? Optional.of(BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP))
        : Optional.empty();
  }

  /** Whether the rate reaches {@code target} (a fraction such as 0.98), compared exactly. */
  public boolean reaches(BigDecimal target) {
    return defined() && BigDecimal.valueOf(part).compareTo(target.multiply(BigDecimal.valueOf(whole))) >= 0;
  }

  /**
   * How far below {@code target} the rate is, in percentage points to one decimal
   * (positive: behind, zero or negative: on target); empty without a whole.
   */
  public Optional<BigDecimal> gapTo(BigDecimal target) {
    if (!defined()) {
      return Optional.empty();
    }
    BigDecimal missing = target.multiply(BigDecimal.valueOf(whole)).subtract(BigDecimal.valueOf(part));
    return Optional.of(missing.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP));
  }

  /**
   * How many more of the whole would have to succeed to reach {@code target}:
   * what a principal can act on ("3 more teachers"). Zero when on target.
   */
  public long shortOf(BigDecimal target) {
    BigDecimal needed = target.multiply(BigDecimal.valueOf(whole)).setScale(0, RoundingMode.CEILING);
    return Math.max(0, needed.longValueExact() - part);
  }
}
