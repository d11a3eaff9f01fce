package vn.bdtx.domain.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.community.MeetingRules.Problem;
import vn.bdtx.domain.community.MeetingRules.Request;
import vn.bdtx.domain.cohorts.Activity;
import vn.bdtx.domain.cohorts.CohortSchedule;
import vn.bdtx.domain.cohorts.EnrollmentKind;
import vn.bdtx.domain.cohorts.EnrollmentSchedule;

class MeetingRulesTest {

  // Day 1 is 2 March 2026: meeting days 6–8 are 7, 8 and 9 March.
  static final CohortSchedule S = CohortSchedule.standard(LocalDate.of(2026, 3, 2));
  static final Optional<vn.bdtx.domain.cohorts.Window> DAYS = EnrollmentSchedule.of(S, EnrollmentKind.MAIN).window(Activity.MEETINGS);
  static final Instant DAY_1 = Instant.parse("2026-03-02T03:00:00Z");

  static Request at(LocalDate d, LocalTime t) {
    return new Request("CLUSTER", d, t, "Trường THCS Tân Phú, phòng 3", "");
  }

  @Test
  void acceptsEightOClockOnDaySixAndTheLastMinuteOfDayEight() {
    var day6 = MeetingRules.decide(DAYS, at(LocalDate.of(2026, 3, 7), LocalTime.of(8, 0)), null, false, DAY_1);
    assertThat(day6.ok()).isTrue();
    assertThat(day6.accepted().get().startsAt()).isEqualTo(Instant.parse("2026-03-07T01:00:00Z"));
    assertThat(MeetingRules.decide(DAYS, at(LocalDate.of(2026, 3, 9), LocalTime.of(23, 59)), null, false, DAY_1).ok()).isTrue();
  }

  @Test
  void refusesDayFiveAndDayNine() {
    assertThat(MeetingRules.decide(DAYS, at(LocalDate.of(2026, 3, 6), LocalTime.of(23, 59)), null, false, DAY_1).problems())
        .containsExactly(Problem.OUTSIDE_MEETING_DAYS);
    assertThat(MeetingRules.decide(DAYS, at(LocalDate.of(2026, 3, 10), LocalTime.of(0, 0)), null, false, DAY_1).problems())
        .containsExactly(Problem.OUTSIDE_MEETING_DAYS);
  }

  @Test
  void anOnlineLinkMustBeHttps() {
    var d = LocalDate.of(2026, 3, 8);
    assertThat(MeetingRules.decide(DAYS, new Request("SCHOOL", d, LocalTime.NOON, "", "http://meet.example.vn/abc"), null, false, DAY_1)
        .problems()).containsExactly(Problem.LINK_NOT_HTTPS);
    assertThat(MeetingRules.decide(DAYS, new Request("SCHOOL", d, LocalTime.NOON, "", "javascript:alert(1)"), null, false, DAY_1)
        .problems()).containsExactly(Problem.LINK_NOT_HTTPS);
    assertThat(MeetingRules.decide(DAYS, new Request("SCHOOL", d, LocalTime.NOON, "", "https://"), null, false, DAY_1)
        .problems()).containsExactly(Problem.LINK_INVALID);
    var ok = MeetingRules.decide(DAYS, new Request("SCHOOL", d, LocalTime.NOON, " ", "https://meet.google.com/abc-defg-hij"), null, false, DAY_1);
    assertThat(ok.accepted().get().link()).isEqualTo("https://meet.google.com/abc-defg-hij");
    assertThat(ok.accepted().get().place()).isNull();
  }

  @Test
  void namesEveryMissingField() {
    assertThat(MeetingRules.decide(DAYS, new Request("", null, null, "", ""), null, false, DAY_1).problems())
        .containsExactly(Problem.LEVEL_MISSING, Problem.DATE_MISSING, Problem.TIME_MISSING, Problem.PLACE_OR_LINK_MISSING);
  }

  @Test
  void aMeetingThatHasBegunOrIsRecordedCannotBeMoved() {
    Instant starts = Instant.parse("2026-03-07T01:00:00Z");
    var r = at(LocalDate.of(2026, 3, 8), LocalTime.of(8, 0));
    assertThat(MeetingRules.decide(DAYS, r, starts, false, starts.minusSeconds(1)).ok()).isTrue();
    assertThat(MeetingRules.decide(DAYS, r, starts, false, starts).problems()).containsExactly(Problem.ALREADY_HELD);
    assertThat(MeetingRules.decide(DAYS, r, starts, true, DAY_1).problems()).containsExactly(Problem.ALREADY_HELD);
  }

  @Test
  void aClassWithoutMeetingDaysHasNoMeeting() {
    assertThat(MeetingRules.decide(Optional.empty(), at(LocalDate.of(2026, 3, 7), LocalTime.NOON), null, false, DAY_1).problems())
        .containsExactly(Problem.NO_MEETING_DAYS);
  }
}
