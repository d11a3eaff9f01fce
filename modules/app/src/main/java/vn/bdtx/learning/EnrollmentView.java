package vn.bdtx.learning;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.schedule.Activity;
import vn.bdtx.domain.schedule.CohortSchedule;
import vn.bdtx.domain.schedule.EnrollmentSchedule;
import vn.bdtx.domain.schedule.Todo;

/** An enrollment as the learner's home shows it: where it stands today and what is to do by when. */
public record EnrollmentView(Cohorts.Enrollment enrollment, EnrollmentSchedule.Status status, List<Line> todos,
                             boolean canRegister, LocalDate registrationLastDay) {

  /** One to-do: the activity, its state, and the date the state talks about (opening day or last day). */
  public record Line(Activity activity, Todo.State state, LocalDate date, LocalDate lastDay) {
  }

  public static EnrollmentView of(Cohorts.Enrollment e, Instant now) {
    return of(e, now, null);
  }

  /** With criterion (i) known: the study and survey lines are done once their part of it is. */
  public static EnrollmentView of(Cohorts.Enrollment e, Instant now, vn.bdtx.domain.assessment.SelfStudy selfStudy) {
    var status = e.schedule().at(now);
    boolean studied = selfStudy != null && selfStudy.items().stream()
        .filter(i -> i.kind() != vn.bdtx.domain.assessment.SelfStudy.Kind.SURVEY).allMatch(i -> i.done());
    boolean surveyed = selfStudy != null && selfStudy.items().stream()
        .anyMatch(i -> i.kind() == vn.bdtx.domain.assessment.SelfStudy.Kind.SURVEY && i.done());
    var done = new Todo.Done(e.registered(), studied, false, surveyed);
    List<Line> lines = Todo.of(e.schedule(), done, now).stream()
        .map(t -> new Line(t.activity(), t.state(),
            t.state() == Todo.State.UPCOMING ? LocalDate.ofInstant(t.window().opens(), CohortSchedule.ZONE) : t.window().lastDay(),
            t.window().lastDay()))
        .toList();
    LocalDate registrationLast = e.schedule().window(Activity.REGISTRATION).map(w -> w.lastDay()).orElse(null);
    return new EnrollmentView(e, status, lines, status.isOpen(Activity.REGISTRATION), registrationLast);
  }

  /** The first line still open, for a one-line summary on the home page; null when nothing is open. */
  public Line nextDue() {
    return todos.stream().filter(l -> l.state() == Todo.State.OPEN).findFirst().orElse(null);
  }

  /** Lines still to act on come first on a phone: open ones, then upcoming, then the rest. */
  public List<Line> todosByUrgency() {
    return todos.stream().sorted(java.util.Comparator.comparing((Line l) -> switch (l.state()) {
      case OPEN -> 0;
      case UPCOMING -> 1;
      case MISSED -> 2;
      case DONE -> 3;
    })).toList();
  }
}
