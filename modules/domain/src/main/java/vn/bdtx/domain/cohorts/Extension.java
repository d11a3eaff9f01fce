package vn.bdtx.domain.cohorts;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A later last day for one enrollment, or for a group of them (exam graders,
 * people on duty), always with its reason. Judged against the cohort's schedule:
 * it must fall after the cohort's last day and at most {@link #MAX_DAYS_AFTER_END}
 * days later.
 */
public record Extension(LocalDate lastDay, String reason) {

  public static final int MAX_DAYS_AFTER_END = 60;
  public static final int MAX_REASON_LENGTH = 500;

  public enum Problem { NO_DATE, NO_REASON, REASON_TOO_LONG, NOT_AFTER_END, TOO_LATE }

  /** What is wrong with granting this extension in {@code cohort}; empty when it may be granted. */
  public static Optional<Problem> check(CohortSchedule cohort, LocalDate lastDay, String reason) {
    if (lastDay == null) {
      return Optional.of(Problem.NO_DATE);
    }
    if (reason == null || reason.isBlank()) {
      return Optional.of(Problem.NO_REASON);
    }
    if (reason.strip().length() > MAX_REASON_LENGTH) {
      return Optional.of(Problem.REASON_TOO_LONG);
    }
    if (!lastDay.isAfter(cohort.lastDay())) {
      return Optional.of(Problem.NOT_AFTER_END);
    }
    if (lastDay.isAfter(cohort.lastDay().plusDays(MAX_DAYS_AFTER_END))) {
      return Optional.of(Problem.TOO_LATE);
    }
    return Optional.empty();
  }
}
