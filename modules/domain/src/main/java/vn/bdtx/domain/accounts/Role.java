package vn.bdtx.domain.accounts;

/**
 * The roles of DESIGN.md §2. A person may hold several; every grant has a scope.
 */
public enum Role {
  LEARNER,
  CORE_TEACHER,
  LECTURER,
  ASSISTANT,
  SUPERVISOR,
  IT_ADMIN,
  PRINCIPAL,
  DISTRICT_OFFICER,
  INSTITUTION
}
