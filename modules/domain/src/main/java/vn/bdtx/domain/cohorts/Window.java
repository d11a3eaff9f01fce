package vn.bdtx.domain.cohorts;

import java.time.Instant;
import java.time.LocalDate;

/**
 * When an activity is open: from {@code opens} (inclusive) to {@code closes}
 * (exclusive, the first instant it is no longer accepted). {@code lastDay} is
 * the last local day on which it is open, for "hạn chót 23:59 ngày …".
 */
public record Window(Instant opens, Instant closes, LocalDate lastDay) {

  public boolean contains(Instant t) {
    return !t.isBefore(opens) && t.isBefore(closes);
  }

  public boolean isOver(Instant t) {
    return !t.isBefore(closes);
  }
}
