package vn.bdtx.domain.cohorts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** A cohort's calendar: day 1 is its start date, days run midnight to midnight in Asia/Ho_Chi_Minh. */
public record CohortSchedule(LocalDate start, ScheduleTemplate template) {

  public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  public CohortSchedule {
    if (start == null || template == null) {
      throw new IllegalArgumentException("a schedule needs a start date and a template");
    }
  }

  public static CohortSchedule standard(LocalDate start) {
    return new CohortSchedule(start, ScheduleTemplate.DEFAULT);
  }

  public int days() {
    return template.totalDays();
  }

  public LocalDate lastDay() {
    return dateOfDay(days());
  }

  /** The date of day {@code n} (1-based). */
  public LocalDate dateOfDay(int n) {
    return start.plusDays(n - 1L);
  }

  /** The day number at {@code t}: 1 on the start date, 0 the day before, 16 the day after a 15-day cohort. */
  public int dayAt(Instant t) {
    return (int) ChronoUnit.DAYS.between(start, LocalDate.ofInstant(t, ZONE)) + 1;
  }

  /** The first instant of day {@code n}. */
  public Instant startOfDay(int n) {
    return dateOfDay(n).atStartOfDay(ZONE).toInstant();
  }

  /** From the start of day {@code first} to the end of day {@code last}. */
  public Window days(int first, int last) {
    return new Window(startOfDay(first), startOfDay(last + 1), dateOfDay(last));
  }

  /** The first instant after the cohort (the end of its last day). */
  public Instant end() {
    return startOfDay(days() + 1);
  }
}
