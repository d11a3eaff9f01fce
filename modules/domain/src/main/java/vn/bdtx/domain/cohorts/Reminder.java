package vn.bdtx.domain.cohorts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The reminders an enrollment is due on a given day in Vietnam, each named by
 * its kind and the day it is for, so that a job running every few minutes on any
 * number of nodes can record each one once: on the last day of registration when
 * the subject is not confirmed; {@link #DAYS_BEFORE_SUBMISSION_DEADLINE} days
 * before the effective deadline when a main enrollment has not submitted.
 */
public record Reminder(Kind kind, LocalDate occasion, LocalDate deadline) {

  public static final int DAYS_BEFORE_SUBMISSION_DEADLINE = 2;

  public enum Kind { REGISTER_SUBJECT, SUBMIT_ASSIGNMENT }

  public static List<Reminder> due(EnrollmentSchedule schedule, boolean registered, boolean submitted, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, CohortSchedule.ZONE);
    var due = new ArrayList<Reminder>();
    schedule.window(Activity.REGISTRATION).ifPresent(w -> {
      if (!registered && w.contains(now) && today.equals(w.lastDay())) {
        due.add(new Reminder(Kind.REGISTER_SUBJECT, today, w.lastDay()));
      }
    });
    schedule.window(Activity.SUBMISSION).ifPresent(w -> {
      if (!submitted && w.contains(now) && today.equals(w.lastDay().minusDays(DAYS_BEFORE_SUBMISSION_DEADLINE))) {
        due.add(new Reminder(Kind.SUBMIT_ASSIGNMENT, today, w.lastDay()));
      }
    });
    return due;
  }
}
