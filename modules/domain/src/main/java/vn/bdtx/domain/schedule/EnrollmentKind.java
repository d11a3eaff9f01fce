package vn.bdtx.domain.schedule;

/** MAIN leads to a certificate; REFERENCE (kiêm nhiệm) records study only and may run past the cohort's end. */
public enum EnrollmentKind {
  MAIN,
  REFERENCE
}
