package vn.bdtx.domain.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.reporting.BehindToday.Facts;
import vn.bdtx.domain.reporting.BehindToday.Reason;

class BehindTodayTest {

  static final LocalDate START = LocalDate.of(2025, 3, 3);      // day 1
  static final LocalDate DEADLINE = LocalDate.of(2025, 3, 17);  // day 15

  static Facts facts(boolean main, boolean exempt, boolean started, boolean submitted) {
    return new Facts(START, DEADLINE, main, exempt, started, submitted);
  }

  @Test
  void notStartedIsBehindFromDayThreeNotOnDayTwo() {
    assertThat(BehindToday.of(facts(true, false, false, false), START.plusDays(1))).isEmpty();
    assertThat(BehindToday.of(facts(true, false, false, false), START.plusDays(2))).contains(Reason.NOT_STARTED);
  }

  @Test
  void noSubmissionIsBehindFromTwoDaysBeforeTheDeadlineToTheDeadline() {
    var started = facts(true, false, true, false);
    assertThat(BehindToday.of(started, DEADLINE.minusDays(3))).isEmpty();
    assertThat(BehindToday.of(started, DEADLINE.minusDays(2))).contains(Reason.NO_SUBMISSION);
    assertThat(BehindToday.of(started, DEADLINE)).contains(Reason.NO_SUBMISSION);
    assertThat(BehindToday.of(started, DEADLINE.plusDays(1))).as("the window is closed").isEmpty();
  }

  @Test
  void anExtendedDeadlineMovesTheSubmissionWarning() {
    var extended = new Facts(START, DEADLINE.plusDays(15), true, false, true, false);
    assertThat(BehindToday.of(extended, DEADLINE.minusDays(2))).isEmpty();
    assertThat(BehindToday.of(extended, DEADLINE.plusDays(13))).contains(Reason.NO_SUBMISSION);
  }

  @Test
  void aReferenceEnrollmentOwesNoSubmissionButMustStart() {
    assertThat(BehindToday.of(facts(false, false, true, false), DEADLINE)).isEmpty();
    assertThat(BehindToday.of(facts(false, false, false, false), DEADLINE)).contains(Reason.NOT_STARTED);
  }

  @Test
  void exemptAndDoneAreNeverBehind() {
    assertThat(BehindToday.of(facts(true, true, false, false), DEADLINE)).isEmpty();
    assertThat(BehindToday.of(facts(true, false, true, true), DEADLINE)).isEmpty();
  }

  @Test
  void beforeTheClassStartsNoOneIsBehind() {
    assertThat(BehindToday.of(facts(true, false, false, false), START.minusDays(1))).isEmpty();
    assertThat(BehindToday.dayOf(START, START)).isEqualTo(1);
  }

  @Test
  void aLearnerWhoStudiedAnythingOrHandedInHasStarted() {
    assertThat(BehindToday.started(false, false)).isFalse();
    assertThat(BehindToday.started(true, false)).isTrue();
    assertThat(BehindToday.started(false, true)).isTrue();
  }

  @Test
  void aStartedLearnerWithUnfinishedSelfStudyIsNotBehindInTheMeetingsPhase() {
    // Day 7 (the demo's class 2): started, nothing handed in yet, the deadline a week away.
    assertThat(BehindToday.of(facts(true, false, true, false), START.plusDays(6))).isEmpty();
    assertThat(BehindToday.of(facts(true, false, false, false), START.plusDays(6))).contains(Reason.NOT_STARTED);
  }
}
