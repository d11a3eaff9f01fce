package vn.bdtx.domain.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.completion.Completion.Criterion;
import vn.bdtx.domain.completion.Completion.InstitutionDecision;
import vn.bdtx.domain.completion.Completion.Missing;
import vn.bdtx.domain.completion.Completion.State;

class CompletionTest {

  static final Regulation RULES = Regulation.DEFAULT;

  @Test
  void allThreePassedIsCompleted() {
    var c = Completion.decide(true, new BigDecimal("5.0"), InstitutionDecision.PASSED, RULES);
    assertThat(c.outcome()).isEqualTo(Completion.Outcome.COMPLETED);
    assertThat(c.missing()).isEmpty();
    assertThat(c.earnsCertificate(true)).isTrue();
  }

  @Test
  void aReferenceSubjectRecordsStudyButEarnsNoCertificate() {
    var c = Completion.decide(true, new BigDecimal("9.0"), InstitutionDecision.PASSED, RULES);
    assertThat(c.earnsCertificate(false)).isFalse();
  }

  @Test
  void onlyALearnerWithItAndIiPassedAndIiiUndecidedWaitsForTheInstitution() {
    assertThat(Completion.decide(true, new BigDecimal("8.5"), InstitutionDecision.UNDECIDED, RULES).waitsOnlyForInstitution())
        .isTrue();
    assertThat(Completion.decide(false, new BigDecimal("8.5"), InstitutionDecision.UNDECIDED, RULES).waitsOnlyForInstitution())
        .isFalse();
    assertThat(Completion.decide(true, null, InstitutionDecision.UNDECIDED, RULES).waitsOnlyForInstitution()).isFalse();
    assertThat(Completion.decide(true, new BigDecimal("4.5"), InstitutionDecision.UNDECIDED, RULES).waitsOnlyForInstitution())
        .isFalse();
    assertThat(Completion.decide(true, new BigDecimal("8.5"), InstitutionDecision.PASSED, RULES).waitsOnlyForInstitution())
        .isFalse();
    assertThat(Completion.decide(true, new BigDecimal("8.5"), InstitutionDecision.NOT_PASSED, RULES).waitsOnlyForInstitution())
        .isFalse();
  }

  @Test
  void aGradeBelowFiveIsAFailedCoreTeacherCriterion() {
    var c = Completion.decide(true, new BigDecimal("4.9"), InstitutionDecision.PASSED, RULES);
    assertThat(c.outcome()).isEqualTo(Completion.Outcome.NOT_COMPLETED);
    assertThat(c.missing()).containsExactly(new Missing(Criterion.CORE_TEACHER, State.FAILED));
  }

  @Test
  void theLearnerIsToldEveryCriterionStillMissing() {
    var c = Completion.decide(false, null, InstitutionDecision.UNDECIDED, RULES);
    assertThat(c.missing()).containsExactly(new Missing(Criterion.SELF_STUDY, State.PENDING),
        new Missing(Criterion.CORE_TEACHER, State.PENDING), new Missing(Criterion.INSTITUTION, State.PENDING));
    assertThat(c.passed(Criterion.SELF_STUDY)).isFalse();
  }

  @Test
  void theInstitutionsNoOverridesTheOtherTwo() {
    var c = Completion.decide(true, BigDecimal.TEN, InstitutionDecision.NOT_PASSED, RULES);
    assertThat(c.missing()).containsExactly(new Missing(Criterion.INSTITUTION, State.FAILED));
    assertThat(c.passed(Criterion.CORE_TEACHER)).isTrue();
  }

  @Test
  void aCohortUnderOtherRulesKeepsItsPassMark() {
    var stricter = new Regulation(2, new BigDecimal("6.5"), new BigDecimal("5.0"), 90, 40, 3, 120);
    assertThat(Completion.decide(true, new BigDecimal("6.0"), InstitutionDecision.PASSED, stricter).completed()).isFalse();
    assertThat(Completion.decide(true, new BigDecimal("6.0"), InstitutionDecision.PASSED, RULES).completed()).isTrue();
  }

  @Property
  void completedExactlyWhenAllThreePass(@ForAll boolean selfStudy, @ForAll @IntRange(min = -1, max = 100) int tenths,
                                        @ForAll InstitutionDecision institution) {
    BigDecimal grade = tenths < 0 ? null : BigDecimal.valueOf(tenths, 1);
    var c = Completion.decide(selfStudy, grade, institution, RULES);
    boolean all = selfStudy && grade != null && tenths >= 50 && institution == InstitutionDecision.PASSED;
    assertThat(c.completed()).isEqualTo(all);
    assertThat(c.missing().isEmpty()).isEqualTo(all);
  }
}
