package vn.bdtx.domain.cohorts;

/** MAIN leads to a certificate; REFERENCE (kiêm nhiệm) records study only and may run past the cohort's end. */
public enum EnrollmentKind {
  MAIN,
  REFERENCE
}
