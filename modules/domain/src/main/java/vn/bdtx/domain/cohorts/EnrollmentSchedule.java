package vn.bdtx.domain.cohorts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One learner's calendar in a cohort: the cohort's days, plus the reference
 * extension for a REFERENCE enrollment and any extension granted to the person
 * or their group. Every page and every check asks this for the effective
 * deadline; nothing is accepted at or after it (judged on the server clock).
 */
public record EnrollmentSchedule(CohortSchedule cohort, EnrollmentKind kind, List<Extension> extensions) {

  public EnrollmentSchedule {
    extensions = List.copyOf(extensions);
  }

  public static EnrollmentSchedule of(CohortSchedule cohort, EnrollmentKind kind) {
    return new EnrollmentSchedule(cohort, kind, List.of());
  }

  /** The last day anything is accepted: the cohort's, moved later by the reference days and extensions, never earlier. */
  public LocalDate lastDay() {
    LocalDate last = cohort.lastDay();
    if (kind == EnrollmentKind.REFERENCE) {
      last = last.plusDays(cohort.template().referenceExtraDays());
    }
    for (Extension e : extensions) {
      if (e.lastDay().isAfter(last)) {
        last = e.lastDay();
      }
    }
    return last;
  }

  /** The effective deadline: the first instant after {@link #lastDay()}. */
  public Instant deadline() {
    return cohort.startOfDay(dayNumber(lastDay()) + 1);
  }

  private int dayNumber(LocalDate date) {
    return (int) ChronoUnit.DAYS.between(cohort.start(), date) + 1;
  }

  /** When {@code activity} is open for this enrollment; empty when it never is (a reference enrollment submits nothing). */
  public Optional<Window> window(Activity activity) {
    var t = cohort.template();
    int last = dayNumber(lastDay());
    switch (activity) {
      case STUDY:
        return Optional.of(cohort.days(1, last));
      case REGISTRATION:
        return Optional.of(cohort.days(1, t.registrationDays()));
      case MEETINGS:
        return t.meetingDays() == 0 ? Optional.empty()
            : Optional.of(cohort.days(t.selfStudyDays() + 1, t.selfStudyDays() + t.meetingDays()));
      case SUBMISSION:
      case SURVEY:
        return kind == EnrollmentKind.REFERENCE ? Optional.empty()
            : Optional.of(cohort.days(t.selfStudyDays() + t.meetingDays() + 1, last));
      default:
        throw new IllegalArgumentException(activity.name());
    }
  }

  /** Where this enrollment stands at {@code now}. */
  public Status at(Instant now) {
    int day = cohort.dayAt(now);
    Phase phase;
    if (!now.isBefore(deadline())) {
      phase = Phase.ENDED;
    } else if (day > cohort.days()) {
      phase = Phase.EXTENDED;
    } else {
      phase = cohort.template().phaseOfDay(day);
    }
    Map<Activity, Window> windows = new EnumMap<>(Activity.class);
    Set<Activity> open = EnumSet.noneOf(Activity.class);
    for (Activity a : Activity.values()) {
      window(a).ifPresent(w -> {
        windows.put(a, w);
        if (w.contains(now)) {
          open.add(a);
        }
      });
    }
    return new Status(phase, day, cohort.days(), Collections.unmodifiableSet(open), Collections.unmodifiableMap(windows),
        lastDay(), deadline());
  }

  /**
   * Where an enrollment stands at an instant: the phase, "day {@code day} of
   * {@code days}" (below 1 before the start, above {@code days} after the
   * cohort's end), what is open, each activity's window and the effective deadline.
   */
  public record Status(Phase phase, int day, int days, Set<Activity> open, Map<Activity, Window> windows,
                       LocalDate lastDay, Instant deadline) {

    public boolean isOpen(Activity activity) {
      return open.contains(activity);
    }

    public Optional<Window> window(Activity activity) {
      return Optional.ofNullable(windows.get(activity));
    }

    /** Whole days left until the deadline, counting today (1 on the last day, 0 once it has passed). */
    public long daysLeft(Instant now) {
      if (!now.isBefore(deadline)) {
        return 0;
      }
      return ChronoUnit.DAYS.between(LocalDate.ofInstant(now, CohortSchedule.ZONE), lastDay) + 1;
    }
  }
}
