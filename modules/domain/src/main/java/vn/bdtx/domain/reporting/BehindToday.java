package vn.bdtx.domain.reporting;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Who is behind today, by their class's calendar (issue 16; seed 001 §4): while
 * the enrollment's window is open (from the class's day 1 to its effective
 * deadline, extensions applied),
 * <ul>
 *   <li>NOT_STARTED: nothing studied yet from day {@value #START_BY_DAY} of the class on;</li>
 *   <li>NO_SUBMISSION: a MAIN enrollment with no final assignment submitted from
 *       {@value #SUBMIT_DAYS_BEFORE_DEADLINE} days before its deadline on (the day the
 *       schedule's own reminder goes out).</li>
 * </ul>
 * EXEMPT enrollments owe nothing and are never behind. Not started comes first: it
 * is the one to act on.
 *
 * <p>This is the one rule of "behind / đang chậm" in the product: the reports (their
 * lists here, their counts in SQL built from these constants), the class page, the
 * principal's and the district office's class overviews and the reminders all apply
 * it to the same facts ({@link #started}), so the same learners are behind on every page.
 * An unfinished self-study is not "behind": the learner keeps studying until the deadline
 * (seed 001 §4, days 9–15) and criterion (i) is shown in its own column; registering
 * the subject is closed by the server after day 2, so it owes nothing the learner can still do.
 */
public final class BehindToday {

  public static final int START_BY_DAY = 3;
  public static final int SUBMIT_DAYS_BEFORE_DEADLINE = 2;

  public enum Reason { NOT_STARTED, NO_SUBMISSION }

  /** What the rule looks at for one enrollment. */
  public record Facts(LocalDate classStart, LocalDate deadline, boolean main, boolean exempt, boolean started,
                      boolean submitted) {
  }

  private BehindToday() {
  }

  /**
   * Whether the learner has started, as the rule sees it: any lecture studied (even in part) or quiz
   * attempted, or a final assignment handed in.
   */
  public static boolean started(boolean studiedOrAttempted, boolean submitted) {
    return studiedOrAttempted || submitted;
  }

  /** The class's day number on {@code today}: 1 on its start date. */
  public static long dayOf(LocalDate classStart, LocalDate today) {
    return ChronoUnit.DAYS.between(classStart, today) + 1;
  }

  /** Whether the enrollment's window is open on {@code today}. */
  public static boolean inProgress(LocalDate classStart, LocalDate deadline, LocalDate today) {
    return !today.isBefore(classStart) && !today.isAfter(deadline);
  }

  public static Optional<Reason> of(Facts f, LocalDate today) {
    if (f.exempt() || !inProgress(f.classStart(), f.deadline(), today)) {
      return Optional.empty();
    }
    if (!f.started() && dayOf(f.classStart(), today) >= START_BY_DAY) {
      return Optional.of(Reason.NOT_STARTED);
    }
    if (f.main() && !f.submitted() && !today.isBefore(f.deadline().minusDays(SUBMIT_DAYS_BEFORE_DEADLINE))) {
      return Optional.of(Reason.NO_SUBMISSION);
    }
    return Optional.empty();
  }
}
