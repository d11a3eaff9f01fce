package vn.bdtx.learning;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import vn.bdtx.domain.cohorts.Activity;
import vn.bdtx.domain.cohorts.CohortSchedule;
import vn.bdtx.domain.cohorts.EnrollmentSchedule;

/**
 * What the outline may offer now for one activity, from the learner's calendar
 * (domain {@link EnrollmentSchedule}): OPEN (a link), UPCOMING (from {@code date},
 * the opening day), OVER (closed on {@code date}, the last day) or NONE (never,
 * e.g. a reference enrollment hands nothing in).
 */
public record Availability(State state, LocalDate date) {

  public enum State { OPEN, UPCOMING, OVER, NONE }

  public boolean open() {
    return state == State.OPEN;
  }

  public static Availability of(EnrollmentSchedule schedule, Activity activity, Instant now) {
    return schedule.window(activity).map(w -> w.contains(now) ? new Availability(State.OPEN, w.lastDay())
            : now.isBefore(w.opens()) ? new Availability(State.UPCOMING, LocalDate.ofInstant(w.opens(), CohortSchedule.ZONE))
            : new Availability(State.OVER, w.lastDay()))
        .orElse(new Availability(State.NONE, null));
  }

  /** Study (lectures' quizzes), the final assignment and the survey. */
  public static Map<String, Availability> outline(EnrollmentSchedule schedule, Instant now) {
    var map = new java.util.HashMap<String, Availability>();
    for (Activity a : new Activity[] {Activity.STUDY, Activity.SUBMISSION, Activity.SURVEY}) {
      map.put(a.name(), of(schedule, a, now));
    }
    return Map.copyOf(map);
  }
}
