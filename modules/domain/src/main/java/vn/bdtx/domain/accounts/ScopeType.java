package vn.bdtx.domain.accounts;

/** What a role grant reaches (DESIGN.md §2): a province, a district, a school, a class or a group. */
public enum ScopeType {
  PROVINCE,
  DISTRICT,
  SCHOOL,
  COHORT,
  GROUP
}
