package vn.bdtx.domain.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.cohorts.CohortSchedule;
import vn.bdtx.domain.cohorts.EnrollmentKind;
import vn.bdtx.domain.cohorts.EnrollmentSchedule;
import vn.bdtx.domain.cohorts.Extension;

class EvaluationOpeningTest {

  static final CohortSchedule COHORT = CohortSchedule.standard(LocalDate.of(2026, 12, 7)); // days 1–15: 07/12 to 21/12

  static EnrollmentSchedule main(Extension... extensions) {
    return new EnrollmentSchedule(COHORT, EnrollmentKind.MAIN, List.of(extensions));
  }

  @Test
  void opensAtMidnightAfterTheLastDayOfTheFinishingPhaseInVietnam() {
    var opening = EvaluationOpening.of(COHORT, List.of(main(), main()));
    assertThat(opening.opensAt()).isEqualTo(Instant.parse("2026-12-21T17:00:00Z"));
    assertThat(opening.opensOn()).isEqualTo(LocalDate.of(2026, 12, 22));
    assertThat(opening.extended()).isZero();
  }

  @Test
  void isClosedOnDay3AndInTheLastSecondOfDay15() {
    var opening = EvaluationOpening.of(COHORT, List.of(main()));
    assertThat(opening.isOpen(Instant.parse("2026-12-09T03:00:00Z"))).isFalse();
    assertThat(opening.isOpen(Instant.parse("2026-12-21T16:59:59Z"))).isFalse();
    assertThat(opening.isOpen(Instant.parse("2026-12-21T17:00:00Z"))).isTrue();
  }

  @Test
  void waitsForTheLatestExtensionOfAMainEnrollment() {
    var opening = EvaluationOpening.of(COHORT, List.of(main(), main(new Extension(LocalDate.of(2026, 12, 30), "chấm thi")),
        main(new Extension(LocalDate.of(2026, 12, 25), "ốm"))));
    assertThat(opening.opensOn()).isEqualTo(LocalDate.of(2026, 12, 31));
    assertThat(opening.extended()).isEqualTo(2);
    assertThat(opening.isOpen(Instant.parse("2026-12-30T16:59:59Z"))).isFalse();
    assertThat(opening.isOpen(Instant.parse("2026-12-30T17:00:00Z"))).isTrue();
  }

  @Test
  void aReferenceSubjectsExtraDaysDoNotHoldTheClassBack() {
    var reference = EnrollmentSchedule.of(COHORT, EnrollmentKind.REFERENCE);
    assertThat(reference.lastDay()).isAfter(COHORT.lastDay());
    var opening = EvaluationOpening.of(COHORT, List.of(main(), reference));
    assertThat(opening.opensOn()).isEqualTo(LocalDate.of(2026, 12, 22));
    assertThat(opening.extended()).isZero();
  }

  @Test
  void aClassWithoutLearnersOpensAfterItsLastDay() {
    assertThat(EvaluationOpening.of(COHORT, List.of()).opensOn()).isEqualTo(LocalDate.of(2026, 12, 22));
  }
}
