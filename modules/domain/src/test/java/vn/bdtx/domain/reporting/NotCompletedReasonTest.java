package vn.bdtx.domain.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NotCompletedReasonTest {

  @Test
  void aCompletedEnrollmentHasNoReason() {
    assertThat(NotCompletedReason.of("COMPLETED", "")).isEmpty();
  }

  @Test
  void theFirstMissingCriterionInTheRegulationsOrderIsTheReason() {
    assertThat(NotCompletedReason.of("NOT_COMPLETED", "SELF_STUDY:PENDING,CORE_TEACHER:PENDING,INSTITUTION:PENDING"))
        .contains(NotCompletedReason.SELF_STUDY);
    assertThat(NotCompletedReason.of("NOT_COMPLETED", "CORE_TEACHER:FAILED,INSTITUTION:PENDING"))
        .contains(NotCompletedReason.FINAL_ASSIGNMENT);
    assertThat(NotCompletedReason.of("NOT_COMPLETED", "INSTITUTION:FAILED")).contains(NotCompletedReason.INSTITUTION);
  }

  @Test
  void anUnsettledEnrollmentWithNothingRecordedIsNotEvaluatedYet() {
    assertThat(NotCompletedReason.of(null, "")).contains(NotCompletedReason.NOT_EVALUATED);
    assertThat(NotCompletedReason.of(null, null)).contains(NotCompletedReason.NOT_EVALUATED);
  }

  @Test
  void anUnsettledEnrollmentIsCountedByWhatIsMissingSoFar() {
    assertThat(NotCompletedReason.of(null, "CORE_TEACHER:PENDING")).contains(NotCompletedReason.FINAL_ASSIGNMENT);
  }
}
