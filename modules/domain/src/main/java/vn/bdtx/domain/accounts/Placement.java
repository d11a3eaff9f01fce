package vn.bdtx.domain.accounts;

import java.util.List;
import java.util.Objects;

/** Whether a unit may be placed under a parent: a refusal is a value (STYLE.md 2). */
public final class Placement {

  public enum Refusal { PARENT_REQUIRED, ROOT_HAS_NO_PARENT, WRONG_PARENT_KIND, PARENT_INACTIVE, CYCLE }

  private Placement() {
  }

  /**
   * @param kind           the unit being placed
   * @param unitId         its id, or null when it is being created
   * @param parentKind     the proposed parent's kind, null for no parent
   * @param parentActive   whether the proposed parent is active
   * @param parentAncestry ids from the proposed parent up to the root, the parent first
   */
  public static List<Refusal> check(OrgUnitKind kind, Long unitId, OrgUnitKind parentKind, boolean parentActive,
                                    List<Long> parentAncestry) {
    if (kind == OrgUnitKind.DEPARTMENT) {
      return parentKind == null ? List.of() : List.of(Refusal.ROOT_HAS_NO_PARENT);
    }
    if (parentKind == null) {
      return List.of(Refusal.PARENT_REQUIRED);
    }
    if (!kind.allowedParents().contains(parentKind)) {
      return List.of(Refusal.WRONG_PARENT_KIND);
    }
    if (unitId != null && parentAncestry.stream().anyMatch(id -> Objects.equals(id, unitId))) {
      return List.of(Refusal.CYCLE);
    }
    return parentActive ? List.of() : List.of(Refusal.PARENT_INACTIVE);
  }
}
