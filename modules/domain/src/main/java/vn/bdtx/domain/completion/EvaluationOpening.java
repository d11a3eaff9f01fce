package vn.bdtx.domain.completion;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import vn.bdtx.domain.cohorts.CohortSchedule;
import vn.bdtx.domain.cohorts.EnrollmentKind;
import vn.bdtx.domain.cohorts.EnrollmentSchedule;

/**
 * When the training institution may record criterion (iii) for a cohort (seed
 * 001 §5 step 4 comes after the finishing phase): from the end of the cohort's
 * last day, and — our rule — not before the last effective deadline of its MAIN
 * enrollments. A learner given a later deadline (an exam grader, a group on
 * duty) may still hand in the final assignment; evaluating the class before that
 * would settle them as not completed for work they are still allowed to do. So
 * the whole class waits for its outstanding extensions (at most 60 days,
 * {@link vn.bdtx.domain.cohorts.Extension#MAX_DAYS_AFTER_END}). REFERENCE
 * enrollments are not evaluated and never hold the class back.
 *
 * @param opensAt  the first instant the evaluation may be recorded
 * @param extended MAIN enrollments whose deadline is after the cohort's end (what the class waits for)
 */
public record EvaluationOpening(Instant opensAt, long extended) {

  /** The cohort's calendar and its enrollments' calendars (any kind; only MAIN ones count). */
  public static EvaluationOpening of(CohortSchedule cohort, Collection<EnrollmentSchedule> enrollments) {
    Instant opens = cohort.end();
    long extended = 0;
    for (EnrollmentSchedule e : enrollments) {
      if (e.kind() != EnrollmentKind.MAIN) {
        continue;
      }
      Instant deadline = e.deadline();
      if (deadline.isAfter(cohort.end())) {
        extended++;
      }
      if (deadline.isAfter(opens)) {
        opens = deadline;
      }
    }
    return new EvaluationOpening(opens, extended);
  }

  public boolean isOpen(Instant now) {
    return !now.isBefore(opensAt);
  }

  /** The day it opens, in Vietnam: the page says "from dd/MM/yyyy". */
  public LocalDate opensOn() {
    return LocalDate.ofInstant(opensAt, CohortSchedule.ZONE);
  }
}
