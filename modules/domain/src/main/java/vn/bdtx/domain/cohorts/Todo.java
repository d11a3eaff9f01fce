package vn.bdtx.domain.cohorts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a learner's to-do list for an enrollment: what to do, its window
 * and where it stands now. The list follows the calendar and what has happened
 * since: what the learner did, the grader's decision on the final assignment
 * (waiting, returned for revision, graded) and the module's outcome (once the
 * module is completed nothing is left to do).
 */
public record Todo(Activity activity, State state, Window window) {

  public enum State {
    /** Not open yet: shows when it opens. */
    UPCOMING,
    /** Open now and not done: shows the deadline. */
    OPEN,
    DONE,
    /** Closed without being done. */
    MISSED,
    /** The final assignment is handed in and waits for the grader: nothing to do but wait. */
    WAITING,
    /** The final assignment was returned for revision: open again until its deadline (shows the deadline). */
    REVISE
  }

  /** Where the final assignment stands: the latest version and the grader's decision on it. */
  public enum Assignment {
    NOT_SUBMITTED,
    /** A version nobody has decided on yet (the first, or one handed in after a return). */
    WAITING,
    /** The latest version was returned for revision. */
    RETURNED,
    GRADED
  }

  /**
   * What has happened, as far as the to-do list needs to know: what the learner did,
   * where the final assignment stands, and whether the module is completed.
   */
  public record Done(boolean registered, boolean studied, Assignment assignment, boolean surveyed, boolean completed) {
    public static final Done NOTHING = new Done(false, false, Assignment.NOT_SUBMITTED, false, false);

    public Done {
      java.util.Objects.requireNonNull(assignment);
    }
  }

  /** True while the learner has something to act on in this line (open, or returned for revision). */
  public boolean actionable() {
    return state == State.OPEN || state == State.REVISE;
  }

  /**
   * The to-do list at {@code now}, in the order things fall due. Once the module
   * is completed every line is done: the outcome settles what the calendar left
   * open. Otherwise the final assignment follows the grader: handed in, it waits;
   * returned, it is to revise until the deadline (missed after it); graded, done.
   */
  public static List<Todo> of(EnrollmentSchedule schedule, Done done, Instant now) {
    var todos = new ArrayList<Todo>();
    for (Activity a : List.of(Activity.REGISTRATION, Activity.STUDY, Activity.MEETINGS, Activity.SUBMISSION, Activity.SURVEY)) {
      schedule.window(a).ifPresent(w -> todos.add(new Todo(a, state(a, w, done, now), w)));
    }
    todos.sort(java.util.Comparator.comparing((Todo t) -> t.window().closes()).thenComparing(t -> t.activity().ordinal()));
    return todos;
  }

  private static State state(Activity a, Window w, Done done, Instant now) {
    if (done.completed()) {
      return State.DONE;
    }
    if (a == Activity.SUBMISSION) {
      switch (done.assignment()) {
        case GRADED:
          return State.DONE;
        case WAITING:
          return State.WAITING;
        case RETURNED:
          return w.isOver(now) ? State.MISSED : State.REVISE;
        default:
          break;
      }
    }
    boolean isDone = switch (a) {
      case REGISTRATION -> done.registered();
      case STUDY -> done.studied();
      case SURVEY -> done.surveyed();
      case MEETINGS -> w.isOver(now);
      case SUBMISSION -> false;
    };
    if (isDone) {
      return State.DONE;
    }
    if (w.isOver(now)) {
      return State.MISSED;
    }
    return w.contains(now) ? State.OPEN : State.UPCOMING;
  }
}
