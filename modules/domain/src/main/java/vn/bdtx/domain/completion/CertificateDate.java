package vn.bdtx.domain.completion;

import java.time.Instant;
import java.time.LocalDate;
import vn.bdtx.domain.cohorts.CohortSchedule;

/**
 * The date a certificate carries: the day it was issued in Vietnam, but never
 * before the last day of the period it certifies, whatever the clock said when
 * the batch ran (a certificate attests a period that has ended).
 */
public final class CertificateDate {

  private CertificateDate() {
  }

  public static LocalDate of(Instant issuedAt, LocalDate periodLastDay) {
    LocalDate issued = LocalDate.ofInstant(issuedAt, CohortSchedule.ZONE);
    return issued.isBefore(periodLastDay) ? periodLastDay : issued;
  }
}
