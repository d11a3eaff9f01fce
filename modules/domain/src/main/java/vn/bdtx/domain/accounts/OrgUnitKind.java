package vn.bdtx.domain.accounts;

import java.util.Set;

/**
 * Sở GD&ĐT, Phòng GD&ĐT, trường, cụm trường. Upper-secondary schools report to the
 * department directly, so a school may sit under either; a cluster groups schools of
 * one district (or, for upper-secondary schools, of the province).
 */
public enum OrgUnitKind {
  DEPARTMENT,
  DISTRICT_OFFICE,
  SCHOOL,
  CLUSTER;

  /** The kinds a unit of this kind may be placed under; empty for the root. */
  public Set<OrgUnitKind> allowedParents() {
    return switch (this) {
      case DEPARTMENT -> Set.of();
      case DISTRICT_OFFICE -> Set.of(DEPARTMENT);
      case SCHOOL, CLUSTER -> Set.of(DEPARTMENT, DISTRICT_OFFICE);
    };
  }
}
