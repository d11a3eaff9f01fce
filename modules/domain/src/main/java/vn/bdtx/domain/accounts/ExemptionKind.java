package vn.bdtx.domain.accounts;

/**
 * Miễn / giảm (seed 000): teachers retiring in the school year are exempt from
 * BDTX; long illness or maternity leave reduces their duties. Either is recorded
 * with a reason for one school year.
 */
public enum ExemptionKind {
  EXEMPT,
  REDUCED
}
