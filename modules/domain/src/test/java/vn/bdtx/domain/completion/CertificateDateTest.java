package vn.bdtx.domain.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CertificateDateTest {

  static final LocalDate LAST = LocalDate.of(2026, 12, 21);

  @Test
  void aCertificateIssuedDuringItsPeriodIsDatedItsLastDay() {
    assertThat(CertificateDate.of(Instant.parse("2026-12-09T03:00:00Z"), LAST)).isEqualTo(LAST);
  }

  @Test
  void at2330OnTheLastDayInVietnamItIsStillTheLastDay() {
    assertThat(CertificateDate.of(Instant.parse("2026-12-21T16:30:00Z"), LAST)).isEqualTo(LAST);
  }

  @Test
  void theDayAfterInVietnamIsTheDayAfterThoughUtcStillSaysTheLastDay() {
    // 06:00 on 22/12 in Vietnam is 23:00 on 21/12 in UTC.
    assertThat(CertificateDate.of(Instant.parse("2026-12-21T23:00:00Z"), LAST)).isEqualTo(LocalDate.of(2026, 12, 22));
  }
}
