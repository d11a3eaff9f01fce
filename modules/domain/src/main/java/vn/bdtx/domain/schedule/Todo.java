package vn.bdtx.domain.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a learner's to-do list for an enrollment: what to do, its window
 * and where it stands now. Later issues mark study, submission and survey done;
 * until then they are open or upcoming by the calendar alone.
 */
public record Todo(Activity activity, State state, Window window) {

  public enum State {
    /** Not open yet: shows when it opens. */
    UPCOMING,
    /** Open now and not done: shows the deadline. */
    OPEN,
    DONE,
    /** Closed without being done. */
    MISSED
  }

  /** What the learner has already done, as far as the schedule's to-do list needs to know. */
  public record Done(boolean registered, boolean studied, boolean submitted, boolean surveyed) {
    public static final Done NOTHING = new Done(false, false, false, false);
  }

  /** The to-do list at {@code now}, in the order things fall due; meetings are listed while they are ahead or on. */
  public static List<Todo> of(EnrollmentSchedule schedule, Done done, Instant now) {
    var todos = new ArrayList<Todo>();
    for (Activity a : List.of(Activity.REGISTRATION, Activity.STUDY, Activity.MEETINGS, Activity.SUBMISSION, Activity.SURVEY)) {
      schedule.window(a).ifPresent(w -> {
        boolean isDone = switch (a) {
          case REGISTRATION -> done.registered();
          case STUDY -> done.studied();
          case SUBMISSION -> done.submitted();
          case SURVEY -> done.surveyed();
          case MEETINGS -> w.isOver(now);
        };
        State state;
        if (isDone) {
          state = State.DONE;
        } else if (w.isOver(now)) {
          state = State.MISSED;
        } else if (w.contains(now)) {
          state = State.OPEN;
        } else {
          state = State.UPCOMING;
        }
        todos.add(new Todo(a, state, w));
      });
    }
    todos.sort(java.util.Comparator.comparing((Todo t) -> t.window().closes()).thenComparing(t -> t.activity().ordinal()));
    return todos;
  }
}
