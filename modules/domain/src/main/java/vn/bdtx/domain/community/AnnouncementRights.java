package vn.bdtx.domain.community;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;

/**
 * Who may announce to whom (issue 17): a lecturer to the classes they lecture; the supervisors and the IT team
 * (province-wide roles) to any class, run, school, district or the province; a district officer to their district
 * and its schools; a principal to their school. Everyone else announces nothing.
 */
public final class AnnouncementRights {

  /** One role in one scope, as the person holds it ({@code scopeId} null for the province). */
  public record Grant(Role role, ScopeType scopeType, Long scopeId) {
  }

  /**
   * What the server knows of the audience: for a class, whether the sender is its lecturer; for a school, the
   * district office it belongs to (null when unknown).
   */
  public record Facts(boolean lecturesTheClass, Long schoolsDistrict) {
    public static final Facts NONE = new Facts(false, null);
  }

  public enum Decision { ALLOWED, OUTSIDE_SCOPE }

  private AnnouncementRights() {
  }

  public static Decision decide(Collection<Grant> grants, Audience to, Facts facts) {
    return grants.stream().anyMatch(g -> reaches(g, to, facts)) ? Decision.ALLOWED : Decision.OUTSIDE_SCOPE;
  }

  private static boolean reaches(Grant g, Audience to, Facts facts) {
    return switch (g.role()) {
      case SUPERVISOR, IT_ADMIN -> g.scopeType() == ScopeType.PROVINCE;
      case LECTURER -> to.type() == Audience.Type.CLASS && facts.lecturesTheClass();
      case DISTRICT_OFFICER -> g.scopeType() == ScopeType.DISTRICT && g.scopeId() != null
          && ((to.type() == Audience.Type.DISTRICT && g.scopeId().equals(to.id()))
              || (to.type() == Audience.Type.SCHOOL && g.scopeId().equals(facts.schoolsDistrict())));
      case PRINCIPAL -> g.scopeType() == ScopeType.SCHOOL && to.type() == Audience.Type.SCHOOL && g.scopeId() != null
          && g.scopeId().equals(to.id());
      default -> false;
    };
  }

  /** The kinds of audience the form offers this person (the server still decides each one). */
  public static Set<Audience.Type> choices(Collection<Grant> grants) {
    var types = EnumSet.noneOf(Audience.Type.class);
    for (Grant g : grants) {
      switch (g.role()) {
        case SUPERVISOR, IT_ADMIN -> {
          if (g.scopeType() == ScopeType.PROVINCE) {
            types.addAll(EnumSet.allOf(Audience.Type.class));
          }
        }
        case LECTURER -> types.add(Audience.Type.CLASS);
        case DISTRICT_OFFICER -> {
          if (g.scopeType() == ScopeType.DISTRICT) {
            types.add(Audience.Type.DISTRICT);
            types.add(Audience.Type.SCHOOL);
          }
        }
        case PRINCIPAL -> {
          if (g.scopeType() == ScopeType.SCHOOL) {
            types.add(Audience.Type.SCHOOL);
          }
        }
        default -> {
        }
      }
    }
    return types;
  }
}
