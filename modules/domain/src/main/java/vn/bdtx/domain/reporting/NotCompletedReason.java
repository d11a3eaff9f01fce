package vn.bdtx.domain.reporting;

import java.util.Optional;
import vn.bdtx.domain.completion.Completion;

/**
 * Why a main enrollment is not completed, as the module results report counts it
 * (one reason per person, so the reasons add up to the "not completed" column):
 * the first of the three criteria of seed 001 §5 step 4 still missing, in their
 * order — (i) online self-study, (ii) the final assignment as the core teacher
 * graded it (not submitted, not graded yet, or below the pass mark), (iii) the
 * training institution's evaluation — or, when nothing was recorded at all, not
 * evaluated yet.
 */
public enum NotCompletedReason {
  SELF_STUDY,
  FINAL_ASSIGNMENT,
  INSTITUTION,
  NOT_EVALUATED;

  /**
   * @param outcome the enrollment's outcome ({@code COMPLETED}, {@code NOT_COMPLETED}) or null while unsettled
   * @param missing the missing criteria as the completion context stores them,
   *                {@code "SELF_STUDY:PENDING,CORE_TEACHER:FAILED"}; empty or null when none is recorded
   * @return empty for a completed enrollment
   */
  public static Optional<NotCompletedReason> of(String outcome, String missing) {
    if (Completion.Outcome.COMPLETED.name().equals(outcome)) {
      return Optional.empty();
    }
    String m = missing == null ? "" : missing;
    if (m.contains(Completion.Criterion.SELF_STUDY.name())) {
      return Optional.of(SELF_STUDY);
    }
    if (m.contains(Completion.Criterion.CORE_TEACHER.name())) {
      return Optional.of(FINAL_ASSIGNMENT);
    }
    if (m.contains(Completion.Criterion.INSTITUTION.name())) {
      return Optional.of(INSTITUTION);
    }
    return Optional.of(NOT_EVALUATED);
  }
}
