package vn.bdtx.learning;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import vn.bdtx.assignments.Grades;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.catalog.Rubric;
import vn.bdtx.domain.cohorts.Activity;
import vn.bdtx.domain.cohorts.CohortSchedule;
import vn.bdtx.domain.cohorts.EnrollmentSchedule;
import vn.bdtx.domain.cohorts.Todo;

/**
 * An enrollment as the learner's home shows it: where it stands today, what is to
 * do by when, and what has come back: the grader's decision on the final
 * assignment and, once the module is completed, the certificate.
 */
public record EnrollmentView(Cohorts.Enrollment enrollment, EnrollmentSchedule.Status status, List<Line> todos,
                             boolean canRegister, LocalDate registrationLastDay, Outcome outcome,
                             LocalDate waitingInstitutionFrom, MeetingAgenda.Meeting meeting) {

  /** One to-do: the activity, its state, and the date the state talks about (opening day or last day). */
  public record Line(Activity activity, Todo.State state, LocalDate date, LocalDate lastDay) {
    public boolean actionable() {
      return state == Todo.State.OPEN || state == Todo.State.REVISE;
    }
  }

  /** One criterion of the rubric with the grader's mark. */
  public record Mark(String criterion, BigDecimal mark, BigDecimal points) {
  }

  /**
   * What has come back to the learner: where the final assignment stands (the
   * to-do state), the grader's current decision with a mark per criterion, and
   * the module's outcome with the certificate, if any.
   */
  public record Outcome(Todo.Assignment assignment, Grades.Grade grade, List<Mark> marks, boolean completed,
                        String certificateNumber, boolean certificateReady, LocalDate reviseBy, java.math.BigDecimal passMark) {
    public static final Outcome NONE = new Outcome(Todo.Assignment.NOT_SUBMITTED, null, List.of(), false, null, false, null,
        vn.bdtx.domain.completion.Regulation.DEFAULT.passMark());

    public boolean graded() {
      return assignment == Todo.Assignment.GRADED && grade != null && grade.graded();
    }

    /** Returned for revision, and the learner has not handed in a new version yet. */
    public boolean returned() {
      return assignment == Todo.Assignment.RETURNED && grade != null;
    }

    public boolean passed() {
      // The pass mark of the regulation the cohort keeps.
      return graded() && grade.score() != null && grade.score().compareTo(passMark) >= 0;
    }
  }

  /** With criterion (i) and the returns known: every line follows them (domain {@link Todo#of}). */
  public static EnrollmentView of(Cohorts.Enrollment e, Instant now, vn.bdtx.domain.assessment.SelfStudy selfStudy,
                                  Outcome outcome) {
    var status = e.schedule().at(now);
    boolean studied = selfStudy != null && selfStudy.items().stream()
        .filter(i -> i.kind() != vn.bdtx.domain.assessment.SelfStudy.Kind.SURVEY).allMatch(i -> i.done());
    boolean surveyed = selfStudy != null && selfStudy.items().stream()
        .anyMatch(i -> i.kind() == vn.bdtx.domain.assessment.SelfStudy.Kind.SURVEY && i.done());
    var done = new Todo.Done(e.registered(), studied, outcome.assignment(), surveyed, outcome.completed());
    List<Line> lines = Todo.of(e.schedule(), done, now).stream()
        .map(t -> new Line(t.activity(), t.state(),
            t.state() == Todo.State.UPCOMING ? LocalDate.ofInstant(t.window().opens(), CohortSchedule.ZONE) : t.window().lastDay(),
            t.window().lastDay()))
        .toList();
    LocalDate registrationLast = e.schedule().window(Activity.REGISTRATION).map(w -> w.lastDay()).orElse(null);
    LocalDate reviseBy = e.schedule().window(Activity.SUBMISSION).map(w -> w.lastDay()).orElse(null);
    var withDeadline = new Outcome(outcome.assignment(), outcome.grade(), outcome.marks(), outcome.completed(),
        outcome.certificateNumber(), outcome.certificateReady(), reviseBy, outcome.passMark());
    return new EnrollmentView(e, status, lines, status.isOpen(Activity.REGISTRATION), registrationLast, withDeadline, null, null);
  }

  /**
   * Whether the learner has done everything and waits only for the institution's
   * criterion (iii) (domain {@link vn.bdtx.domain.completion.Completion#waitsOnlyForInstitution}):
   * a main subject, criterion (i) passed, the final assignment graded and passed, not settled yet.
   */
  static boolean waitsForInstitution(Cohorts.Enrollment e, vn.bdtx.domain.assessment.SelfStudy selfStudy, Outcome outcome,
                                     boolean settled, vn.bdtx.domain.completion.Regulation rules) {
    if (settled || !"MAIN".equals(e.kind()) || selfStudy == null) {
      return false;
    }
    var grade = outcome.graded() ? outcome.grade().score() : null;
    return vn.bdtx.domain.completion.Completion.decide(selfStudy.passed(), grade,
        vn.bdtx.domain.completion.Completion.InstitutionDecision.UNDECIDED,
        rules).waitsOnlyForInstitution();
  }

  /** The same view, saying from when the institution may evaluate (the learner waits only for it). */
  public EnrollmentView waitingInstitutionFrom(LocalDate from) {
    return new EnrollmentView(enrollment, status, todos, canRegister, registrationLastDay, outcome, from, meeting);
  }

  /** The same view with the group's professional meeting (from {@link MeetingAgenda}), null when none is scheduled. */
  public EnrollmentView withMeeting(MeetingAgenda.Meeting m) {
    return new EnrollmentView(enrollment, status, todos, canRegister, registrationLastDay, outcome, waitingInstitutionFrom, m);
  }

  /** The marks of a grade against the rubric's criteria, in the rubric's order. */
  static List<Mark> marks(Rubric rubric, Grades.Grade grade) {
    var list = new ArrayList<Mark>();
    if (grade == null || !grade.graded()) {
      return list;
    }
    var criteria = vn.bdtx.domain.assignments.Marking.rubricOrWhole(rubric).criteria();
    for (int i = 0; i < criteria.size() && i < grade.marks().size(); i++) {
      var c = criteria.get(i);
      list.add(new Mark(c.name(), grade.marks().get(i), c.points()));
    }
    return List.copyOf(list);
  }

  /** The first line to act on (open, or to revise), for a one-line summary on the home page; null when none is. */
  public Line nextDue() {
    return todosByUrgency().stream().filter(Line::actionable).findFirst().orElse(null);
  }

  /** Lines still to act on come first on a phone: to revise, open, waiting, then upcoming, then the rest. */
  public List<Line> todosByUrgency() {
    return todos.stream().sorted(java.util.Comparator.comparing((Line l) -> switch (l.state()) {
      case REVISE -> 0;
      case OPEN -> 1;
      case WAITING -> 2;
      case UPCOMING -> 3;
      case MISSED -> 4;
      case DONE -> 5;
    })).toList();
  }
}
