package vn.bdtx.domain.cohorts;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.domain.cohorts.ScheduleTest.MAIN;
import static vn.bdtx.domain.cohorts.ScheduleTest.vn;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The to-do list follows the final assignment and the module's outcome, not the
 * calendar alone (issue 14 item 2): a cohort starting on 7 December 2026, the
 * learner's deadline at the end of 21 December.
 */
class TodoTest {

  static final java.time.Instant DAY_12 = vn("2026-12-18T10:00:00");

  static Todo submission(List<Todo> todos) {
    return todos.stream().filter(t -> t.activity() == Activity.SUBMISSION).findFirst().orElseThrow();
  }

  static Todo.Done assignment(Todo.Assignment a) {
    return new Todo.Done(true, true, a, true, false);
  }

  @Test
  void notHandedInTheAssignmentIsOpenUntilTheLastDay() {
    var s = submission(Todo.of(MAIN, assignment(Todo.Assignment.NOT_SUBMITTED), DAY_12));
    assertThat(s.state()).isEqualTo(Todo.State.OPEN);
    assertThat(s.actionable()).isTrue();
    assertThat(s.window().lastDay()).isEqualTo(LocalDate.of(2026, 12, 21));
  }

  @Test
  void handedInTheAssignmentWaitsForTheGraderAndAsksNothingOfTheLearner() {
    var s = submission(Todo.of(MAIN, assignment(Todo.Assignment.WAITING), DAY_12));
    assertThat(s.state()).isEqualTo(Todo.State.WAITING);
    assertThat(s.actionable()).isFalse();
  }

  @Test
  void returnedForRevisionItIsToReviseByTheDeadlineAndMissedAfterIt() {
    var s = submission(Todo.of(MAIN, assignment(Todo.Assignment.RETURNED), DAY_12));
    assertThat(s.state()).isEqualTo(Todo.State.REVISE);
    assertThat(s.actionable()).isTrue();
    assertThat(s.window().lastDay()).isEqualTo(LocalDate.of(2026, 12, 21));
    assertThat(submission(Todo.of(MAIN, assignment(Todo.Assignment.RETURNED), vn("2026-12-21T23:59:59"))).state())
        .isEqualTo(Todo.State.REVISE);
    assertThat(submission(Todo.of(MAIN, assignment(Todo.Assignment.RETURNED), vn("2026-12-22T00:00:00"))).state())
        .isEqualTo(Todo.State.MISSED);
  }

  @Test
  void gradedTheAssignmentIsDone() {
    assertThat(submission(Todo.of(MAIN, assignment(Todo.Assignment.GRADED), DAY_12)).state()).isEqualTo(Todo.State.DONE);
  }

  @Test
  void aResubmissionAfterAReturnWaitsAgain() {
    // The learner handed in version 2 after the return: the latest version has no decision yet.
    assertThat(submission(Todo.of(MAIN, assignment(Todo.Assignment.WAITING), DAY_12)).state()).isEqualTo(Todo.State.WAITING);
  }

  @Test
  void aCompletedModuleLeavesNothingToDoWhateverTheCalendarSays() {
    // The certificate holder of the issue: the submission window is still open on the calendar.
    var completed = new Todo.Done(true, true, Todo.Assignment.GRADED, true, true);
    var todos = Todo.of(MAIN, completed, DAY_12);
    assertThat(todos).isNotEmpty().allSatisfy(t -> assertThat(t.state()).isEqualTo(Todo.State.DONE));
    assertThat(todos).noneMatch(Todo::actionable);
    // Even if a record of the learner's own steps lags behind the outcome, the outcome wins.
    var lagging = new Todo.Done(false, false, Todo.Assignment.NOT_SUBMITTED, false, true);
    assertThat(Todo.of(MAIN, lagging, vn("2026-12-08T10:00:00"))).noneMatch(Todo::actionable);
  }

  @Test
  void beforeTheFinishingPhaseTheAssignmentIsUpcomingWhateverItsState() {
    assertThat(submission(Todo.of(MAIN, assignment(Todo.Assignment.NOT_SUBMITTED), vn("2026-12-09T10:00:00"))).state())
        .isEqualTo(Todo.State.UPCOMING);
  }
}
