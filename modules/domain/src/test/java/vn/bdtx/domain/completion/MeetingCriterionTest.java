package vn.bdtx.domain.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.completion.Completion.Criterion;
import vn.bdtx.domain.completion.Completion.InstitutionDecision;
import vn.bdtx.domain.completion.Completion.MeetingAttendance;
import vn.bdtx.domain.completion.Completion.Missing;
import vn.bdtx.domain.completion.Completion.State;

class MeetingCriterionTest {

  static final Regulation RULES = Regulation.DEFAULT;
  static final BigDecimal PASS = new BigDecimal("7.0");

  @Test
  void whenTheRunDoesNotCountAttendanceAnAbsentLearnerStillCompletes() {
    var c = Completion.decide(true, PASS, InstitutionDecision.PASSED, RULES, MeetingAttendance.NOT_COUNTED);
    assertThat(c).isEqualTo(Completion.decide(true, PASS, InstitutionDecision.PASSED, RULES));
    assertThat(c.completed()).isTrue();
  }

  @Test
  void whenItCountsAnAbsentLearnerIsNotCompletedAndTheMeetingIsTheReason() {
    var c = Completion.decide(true, PASS, InstitutionDecision.PASSED, RULES, MeetingAttendance.ABSENT);
    assertThat(c.completed()).isFalse();
    assertThat(c.missing()).containsExactly(new Missing(Criterion.MEETING, State.FAILED));
    assertThat(c.passed(Criterion.MEETING)).isFalse();
  }

  @Test
  void whenItCountsAPresentLearnerCompletesAsBefore() {
    assertThat(Completion.decide(true, PASS, InstitutionDecision.PASSED, RULES, MeetingAttendance.PRESENT).completed()).isTrue();
  }

  @Test
  void whenItCountsAndNothingIsRecordedTheMeetingIsPending() {
    var c = Completion.decide(true, PASS, InstitutionDecision.PASSED, RULES, MeetingAttendance.NOT_RECORDED);
    assertThat(c.missing()).containsExactly(new Missing(Criterion.MEETING, State.PENDING));
  }

  @Test
  void theMeetingComesAfterTheThreeCriteriaInTheMissingList() {
    var c = Completion.decide(false, null, InstitutionDecision.UNDECIDED, RULES, MeetingAttendance.ABSENT);
    assertThat(c.missing()).extracting(Missing::criterion)
        .containsExactly(Criterion.SELF_STUDY, Criterion.CORE_TEACHER, Criterion.INSTITUTION, Criterion.MEETING);
    assertThat(c.waitsOnlyForInstitution()).isFalse();
  }
}
