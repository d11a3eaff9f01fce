package vn.bdtx.domain.assessment;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an attempt closes: at its time limit after the start, or at the
 * enrollment's effective study deadline, whichever comes first. Answers saved up
 * to that instant count; nothing later does, whatever the browser says.
 */
public final class AttemptClock {

  private AttemptClock() {
  }

  public static Optional<Instant> closesAt(Instant startedAt, Optional<Duration> timeLimit, Optional<Instant> studyDeadline) {
    Optional<Instant> byTime = timeLimit.map(startedAt::plus);
    if (byTime.isEmpty()) {
      return studyDeadline;
    }
    if (studyDeadline.isEmpty()) {
      return byTime;
    }
    return Optional.of(byTime.get().isBefore(studyDeadline.get()) ? byTime.get() : studyDeadline.get());
  }

  /**
   * The seconds the attempt page counts down from: only a timed quiz has a
   * countdown. An untimed attempt also closes (at the study deadline, days away),
   * but counting down to it would read "Còn lại 18562:27"; the page states that
   * deadline as a date instead. Empty when nothing is counted down.
   */
  public static java.util.OptionalLong countdown(Optional<Duration> timeLimit, Optional<Instant> closesAt, Instant now) {
    if (timeLimit.isEmpty() || closesAt.isEmpty()) {
      return java.util.OptionalLong.empty();
    }
    return java.util.OptionalLong.of(Math.max(0, closesAt.get().getEpochSecond() - now.getEpochSecond()));
  }

  /** Whether an answer or a submission at {@code at} still counts. */
  public static boolean open(Optional<Instant> closesAt, Instant at) {
    return closesAt.isEmpty() || at.isBefore(closesAt.get());
  }
}
