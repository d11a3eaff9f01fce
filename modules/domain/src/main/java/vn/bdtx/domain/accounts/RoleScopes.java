package vn.bdtx.domain.accounts;

import java.util.Optional;
import vn.bdtx.domain.accounts.OrgUnitKind;

/**
 * Which scope each role is granted in (DESIGN.md §2): a learner, core teacher or
 * principal at a school; a district officer at a district office; the department's
 * supervisors, IT team, lecturers, assistants and institutions province-wide.
 * (Cohort and group scopes arrive with cohorts.)
 */
public final class RoleScopes {

  private RoleScopes() {
  }

  public static ScopeType scopeOf(Role role) {
    return switch (role) {
      case LEARNER, CORE_TEACHER, PRINCIPAL -> ScopeType.SCHOOL;
      case DISTRICT_OFFICER -> ScopeType.DISTRICT;
      case SUPERVISOR, IT_ADMIN, LECTURER, ASSISTANT, INSTITUTION -> ScopeType.PROVINCE;
    };
  }

  /** The kind of unit a scope points at; empty for the whole province (no unit). */
  public static Optional<OrgUnitKind> unitKindOf(ScopeType scope) {
    return switch (scope) {
      case SCHOOL -> Optional.of(OrgUnitKind.SCHOOL);
      case DISTRICT -> Optional.of(OrgUnitKind.DISTRICT_OFFICE);
      case PROVINCE, COHORT, GROUP -> Optional.empty();
    };
  }

  /** Why a grant is refused, or empty when it is fine. */
  public enum Refusal { UNIT_REQUIRED, WRONG_UNIT_KIND, UNIT_INACTIVE, NO_UNIT_FOR_PROVINCE, OWN_ADMIN_ROLE }

  /**
   * @param unitKind   the chosen unit's kind, null when none was chosen
   * @param unitActive whether that unit is active
   */
  public static Optional<Refusal> checkGrant(Role role, OrgUnitKind unitKind, boolean unitActive) {
    Optional<OrgUnitKind> needed = unitKindOf(scopeOf(role));
    if (needed.isEmpty()) {
      return unitKind == null ? Optional.empty() : Optional.of(Refusal.NO_UNIT_FOR_PROVINCE);
    }
    if (unitKind == null) {
      return Optional.of(Refusal.UNIT_REQUIRED);
    }
    if (unitKind != needed.get()) {
      return Optional.of(Refusal.WRONG_UNIT_KIND);
    }
    return unitActive ? Optional.empty() : Optional.of(Refusal.UNIT_INACTIVE);
  }

  /** An IT admin never removes their own administration role: the province would risk having none. */
  public static Optional<Refusal> checkRevoke(Role role, long accountId, long actorId) {
    return role == Role.IT_ADMIN && accountId == actorId ? Optional.of(Refusal.OWN_ADMIN_ROLE) : Optional.empty();
  }
}
