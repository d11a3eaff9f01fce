package vn.bdtx.domain.cohorts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 5+3+7 calendar of seed 001 on a cohort that starts on Monday 7 December 2026. */
class ScheduleTest {

  static final LocalDate START = LocalDate.of(2026, 12, 7);
  static final CohortSchedule COHORT = CohortSchedule.standard(START);
  static final EnrollmentSchedule MAIN = EnrollmentSchedule.of(COHORT, EnrollmentKind.MAIN);
  static final EnrollmentSchedule REFERENCE = EnrollmentSchedule.of(COHORT, EnrollmentKind.REFERENCE);

  static Instant vn(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(CohortSchedule.ZONE).toInstant();
  }

  @Test
  void theDayBeforeTheStartNothingIsOpen() {
    var s = MAIN.at(vn("2026-12-06T23:59:59"));
    assertThat(s.phase()).isEqualTo(Phase.NOT_STARTED);
    assertThat(s.day()).isZero();
    assertThat(s.open()).isEmpty();
  }

  @Test
  void dayOneOpensAtMidnightInVietnamForStudyAndRegistration() {
    var s = MAIN.at(vn("2026-12-07T00:00:00"));
    assertThat(s.phase()).isEqualTo(Phase.SELF_STUDY);
    assertThat(s.day()).isEqualTo(1);
    assertThat(s.days()).isEqualTo(15);
    assertThat(s.open()).containsExactlyInAnyOrder(Activity.STUDY, Activity.REGISTRATION);
    // 17:00 UTC on 6 December is already midnight of the 7th in Hà Nội.
    assertThat(MAIN.at(Instant.parse("2026-12-06T17:00:00Z")).day()).isEqualTo(1);
  }

  @Test
  void registrationClosesAtTheEndOfDayTwo() {
    assertThat(MAIN.at(vn("2026-12-08T23:59:59")).isOpen(Activity.REGISTRATION)).isTrue();
    var day3 = MAIN.at(vn("2026-12-09T00:00:00"));
    assertThat(day3.isOpen(Activity.REGISTRATION)).isFalse();
    assertThat(day3.day()).isEqualTo(3);
    assertThat(day3.window(Activity.REGISTRATION).orElseThrow().lastDay()).isEqualTo(LocalDate.of(2026, 12, 8));
  }

  @Test
  void daysSixToEightAreMeetingsAndNineToFifteenFinishing() {
    assertThat(MAIN.at(vn("2026-12-11T12:00:00")).phase()).isEqualTo(Phase.SELF_STUDY);
    var meeting = MAIN.at(vn("2026-12-12T08:00:00"));
    assertThat(meeting.phase()).isEqualTo(Phase.MEETINGS);
    assertThat(meeting.day()).isEqualTo(6);
    assertThat(meeting.open()).containsExactlyInAnyOrder(Activity.STUDY, Activity.MEETINGS);
    var finishing = MAIN.at(vn("2026-12-15T00:00:00"));
    assertThat(finishing.phase()).isEqualTo(Phase.FINISHING);
    assertThat(finishing.day()).isEqualTo(9);
    assertThat(finishing.open()).containsExactlyInAnyOrder(Activity.STUDY, Activity.SUBMISSION, Activity.SURVEY);
  }

  @Test
  void theLastSecondOfDayFifteenIsAcceptedAndMidnightIsNot() {
    var last = MAIN.at(vn("2026-12-21T23:59:59"));
    assertThat(last.phase()).isEqualTo(Phase.FINISHING);
    assertThat(last.isOpen(Activity.SUBMISSION)).isTrue();
    assertThat(last.daysLeft(vn("2026-12-21T23:59:59"))).isEqualTo(1);
    var after = MAIN.at(vn("2026-12-22T00:00:00"));
    assertThat(after.phase()).isEqualTo(Phase.ENDED);
    assertThat(after.open()).isEmpty();
    assertThat(MAIN.deadline()).isEqualTo(vn("2026-12-22T00:00:00"));
  }

  @Test
  void aReferenceEnrollmentStudiesFifteenDaysLongerAndSubmitsNothing() {
    assertThat(REFERENCE.lastDay()).isEqualTo(LocalDate.of(2027, 1, 5));
    assertThat(REFERENCE.deadline()).isEqualTo(vn("2027-01-06T00:00:00"));
    var s = REFERENCE.at(vn("2026-12-30T10:00:00"));
    assertThat(s.phase()).isEqualTo(Phase.EXTENDED);
    assertThat(s.day()).isEqualTo(24);
    assertThat(s.open()).containsExactly(Activity.STUDY);
    assertThat(s.window(Activity.SUBMISSION)).isEmpty();
    assertThat(REFERENCE.at(vn("2027-01-06T00:00:00")).phase()).isEqualTo(Phase.ENDED);
  }

  @Test
  void anExtensionMovesStudySubmissionAndSurveyButNotRegistration() {
    var graders = new EnrollmentSchedule(COHORT, EnrollmentKind.MAIN,
        List.of(new Extension(LocalDate.of(2026, 12, 28), "Chấm thi học kì I")));
    var s = graders.at(vn("2026-12-25T09:00:00"));
    assertThat(s.phase()).isEqualTo(Phase.EXTENDED);
    assertThat(s.open()).containsExactlyInAnyOrder(Activity.STUDY, Activity.SUBMISSION, Activity.SURVEY);
    assertThat(s.window(Activity.REGISTRATION)).isEqualTo(MAIN.window(Activity.REGISTRATION));
    assertThat(s.daysLeft(vn("2026-12-25T09:00:00"))).isEqualTo(4);
    assertThat(graders.deadline()).isEqualTo(vn("2026-12-29T00:00:00"));
  }

  @Test
  void anEarlierExtensionNeverShortensTheDeadline() {
    var odd = new EnrollmentSchedule(COHORT, EnrollmentKind.REFERENCE,
        List.of(new Extension(LocalDate.of(2026, 12, 25), "Nhầm ngày")));
    assertThat(odd.lastDay()).isEqualTo(REFERENCE.lastDay());
  }

  @Test
  void anExtensionNeedsAReasonAndADateAfterTheEnd() {
    assertThat(Extension.check(COHORT, LocalDate.of(2026, 12, 28), "Chấm thi")).isEmpty();
    assertThat(Extension.check(COHORT, LocalDate.of(2026, 12, 28), "  ")).contains(Extension.Problem.NO_REASON);
    assertThat(Extension.check(COHORT, null, "Chấm thi")).contains(Extension.Problem.NO_DATE);
    assertThat(Extension.check(COHORT, LocalDate.of(2026, 12, 21), "Chấm thi")).contains(Extension.Problem.NOT_AFTER_END);
    assertThat(Extension.check(COHORT, LocalDate.of(2027, 2, 20), "Chấm thi")).contains(Extension.Problem.TOO_LATE);
    assertThat(Extension.check(COHORT, LocalDate.of(2027, 2, 19), "Chấm thi")).isEmpty();
  }

  @Test
  void otherTemplatesAreReadFromTheirSplit() {
    var t = ScheduleTemplate.parse(" 4 + 2 + 6 ").orElseThrow();
    assertThat(t.totalDays()).isEqualTo(12);
    assertThat(t.label()).isEqualTo("4+2+6");
    assertThat(t.registrationDays()).isEqualTo(2);
    assertThat(ScheduleTemplate.parse("1+0+3").orElseThrow().registrationDays()).isEqualTo(1);
    assertThat(ScheduleTemplate.parse("5+3")).isEmpty();
    assertThat(ScheduleTemplate.parse("0+3+7")).isEmpty();
    assertThat(ScheduleTemplate.parse("5+3+99")).isEmpty();
    assertThat(ScheduleTemplate.parse("5+3+7")).contains(ScheduleTemplate.DEFAULT);
  }

  @Test
  void aCohortWithoutMeetingDaysGoesStraightToFinishing() {
    var short_ = EnrollmentSchedule.of(new CohortSchedule(START, ScheduleTemplate.parse("3+0+4").orElseThrow()),
        EnrollmentKind.MAIN);
    assertThat(short_.window(Activity.MEETINGS)).isEmpty();
    assertThat(short_.at(vn("2026-12-10T00:00:00")).phase()).isEqualTo(Phase.FINISHING);
    assertThat(short_.deadline()).isEqualTo(vn("2026-12-14T00:00:00"));
  }

  @Test
  void theToDoListFollowsTheCalendarAndWhatIsDone() {
    var day2 = Todo.of(MAIN, Todo.Done.NOTHING, vn("2026-12-08T20:00:00"));
    assertThat(day2).extracting(Todo::activity, Todo::state).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Activity.REGISTRATION, Todo.State.OPEN),
        org.assertj.core.groups.Tuple.tuple(Activity.MEETINGS, Todo.State.UPCOMING),
        org.assertj.core.groups.Tuple.tuple(Activity.STUDY, Todo.State.OPEN),
        org.assertj.core.groups.Tuple.tuple(Activity.SUBMISSION, Todo.State.UPCOMING),
        org.assertj.core.groups.Tuple.tuple(Activity.SURVEY, Todo.State.UPCOMING));
    var day3 = Todo.of(MAIN, Todo.Done.NOTHING, vn("2026-12-09T00:00:00"));
    assertThat(day3.get(0).state()).isEqualTo(Todo.State.MISSED);
    var registered = Todo.of(MAIN, new Todo.Done(true, false, Todo.Assignment.NOT_SUBMITTED, false, false), vn("2026-12-09T00:00:00"));
    assertThat(registered.get(0).state()).isEqualTo(Todo.State.DONE);
    var day10 = Todo.of(MAIN, new Todo.Done(true, false, Todo.Assignment.GRADED, false, false), vn("2026-12-16T09:00:00"));
    assertThat(day10).extracting(Todo::activity, Todo::state).contains(
        org.assertj.core.groups.Tuple.tuple(Activity.MEETINGS, Todo.State.DONE),
        org.assertj.core.groups.Tuple.tuple(Activity.SUBMISSION, Todo.State.DONE),
        org.assertj.core.groups.Tuple.tuple(Activity.SURVEY, Todo.State.OPEN));
    assertThat(Todo.of(REFERENCE, Todo.Done.NOTHING, vn("2026-12-16T09:00:00"))).extracting(Todo::activity)
        .containsExactly(Activity.REGISTRATION, Activity.MEETINGS, Activity.STUDY);
  }

  @Test
  void remindersFallOnTheLastDayOfRegistrationAndTwoDaysBeforeTheSubmissionDeadline() {
    assertThat(Reminder.due(MAIN, false, false, vn("2026-12-07T09:00:00"))).isEmpty();
    assertThat(Reminder.due(MAIN, false, false, vn("2026-12-08T00:00:00")))
        .containsExactly(new Reminder(Reminder.Kind.REGISTER_SUBJECT, LocalDate.of(2026, 12, 8), LocalDate.of(2026, 12, 8)));
    assertThat(Reminder.due(MAIN, true, false, vn("2026-12-08T09:00:00"))).isEmpty();
    assertThat(Reminder.due(MAIN, true, false, vn("2026-12-19T09:00:00")))
        .containsExactly(new Reminder(Reminder.Kind.SUBMIT_ASSIGNMENT, LocalDate.of(2026, 12, 19), LocalDate.of(2026, 12, 21)));
    assertThat(Reminder.due(MAIN, true, true, vn("2026-12-19T09:00:00"))).isEmpty();
    assertThat(Reminder.due(MAIN, true, false, vn("2026-12-20T09:00:00"))).isEmpty();
    // A reference enrollment submits nothing; an extension moves the reminder with the deadline.
    assertThat(Reminder.due(REFERENCE, true, false, vn("2026-12-19T09:00:00"))).isEmpty();
    var graders = new EnrollmentSchedule(COHORT, EnrollmentKind.MAIN,
        List.of(new Extension(LocalDate.of(2026, 12, 28), "Chấm thi")));
    assertThat(Reminder.due(graders, true, false, vn("2026-12-19T09:00:00"))).isEmpty();
    assertThat(Reminder.due(graders, true, false, vn("2026-12-26T09:00:00"))).extracting(Reminder::deadline)
        .containsExactly(LocalDate.of(2026, 12, 28));
  }
}
