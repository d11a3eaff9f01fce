package vn.bdtx.reporting;

import java.util.HashSet;
import java.util.Set;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.platform.security.Caller;

/**
 * What a caller's grants let them see in reports, decided once per request:
 * <ul>
 *   <li>a supervisor or the IT team with a province-wide grant: the whole
 *       deployment ({@code everything}); with a grant on one department, that
 *       province ({@code provinces}, for a database that holds several);</li>
 *   <li>a district officer: their district offices ({@code districts});</li>
 *   <li>a principal: their schools ({@code schools});</li>
 *   <li>a core teacher: the learners of the groups they lead ({@code coreTeacher}).</li>
 * </ul>
 * Every report query filters its rows with {@link #SQL} and binds
 * {@link #bindings}; every page that takes a unit or person id checks it with
 * {@link #reaches} first and answers 404 when it does not.
 */
public record ReportScope(boolean everything, Set<Long> provinces, Set<Long> districts, Set<Long> schools,
                          Long coreTeacher) {

  /** Roles that read reports, each through its own grants. */
  public static final Set<Role> ROLES = Set.of(Role.SUPERVISOR, Role.IT_ADMIN, Role.DISTRICT_OFFICER,
      Role.PRINCIPAL, Role.CORE_TEACHER);

  /**
   * The row filter for any table that carries {@code province_id},
   * {@code district_id}, {@code school_id} and {@code core_teacher_id} (alias
   * them in a view or subquery if the names differ). Bind with {@link #bindings}.
   */
  public static final String SQL = """
      (:scope_all OR province_id = ANY(:scope_provinces) OR district_id = ANY(:scope_districts)
       OR school_id = ANY(:scope_schools) OR core_teacher_id = :scope_core)""";

  /** {@link #SQL} on the columns of a table alias (e.g. {@code on("e")} for {@code e.province_id} …). */
  public static String on(String alias) {
    return SQL.replace("province_id", alias + ".province_id").replace("district_id", alias + ".district_id")
        .replace("school_id", alias + ".school_id").replace("core_teacher_id", alias + ".core_teacher_id");
  }

  public ReportScope {
    provinces = Set.copyOf(provinces);
    districts = Set.copyOf(districts);
    schools = Set.copyOf(schools);
  }

  /** The scope of the caller's grants; empty (reaches nothing) when no grant is a reporting one. */
  public static ReportScope of(Caller caller) {
    boolean all = false;
    Set<Long> provinces = new HashSet<>();
    Set<Long> districts = new HashSet<>();
    Set<Long> schools = new HashSet<>();
    Long core = null;
    for (Caller.Grant g : caller.grants()) {
      switch (g.role()) {
        case SUPERVISOR, IT_ADMIN -> {
          if (g.scopeType() == ScopeType.PROVINCE) {
            if (g.scopeId() == null) {
              all = true;
            } else {
              provinces.add(g.scopeId());
            }
          }
        }
        case DISTRICT_OFFICER -> {
          if (g.scopeType() == ScopeType.DISTRICT && g.scopeId() != null) {
            districts.add(g.scopeId());
          }
        }
        case PRINCIPAL -> {
          if (g.scopeType() == ScopeType.SCHOOL && g.scopeId() != null) {
            schools.add(g.scopeId());
          }
        }
        case CORE_TEACHER -> core = caller.accountId();
        default -> {
        }
      }
    }
    return new ReportScope(all, provinces, districts, schools, core);
  }

  /** Whether the scope reaches anything at all (otherwise reports answer 404). */
  public boolean any() {
    return everything || !provinces.isEmpty() || !districts.isEmpty() || !schools.isEmpty() || coreTeacher != null;
  }

  /** Whether the scope covers whole units (not only a core teacher's groups). */
  public boolean seesUnits() {
    return everything || !provinces.isEmpty() || !districts.isEmpty() || !schools.isEmpty();
  }

  /**
   * Whether a unit, placed by its province, district and school ids (null where
   * it is above that level), lies inside the scope's units. A core teacher
   * reaches no unit as a whole, only their learners' rows.
   */
  public boolean reaches(Long provinceId, Long districtId, Long schoolId) {
    return everything
        || provinceId != null && provinces.contains(provinceId)
        || districtId != null && districts.contains(districtId)
        || schoolId != null && schools.contains(schoolId);
  }

  /** Binds {@link #SQL}'s parameters on a DatabaseClient spec. */
  public org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec bindings(
      org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec spec) {
    spec = spec.bind("scope_all", everything)
        .bind("scope_provinces", provinces.toArray(Long[]::new))
        .bind("scope_districts", districts.toArray(Long[]::new))
        .bind("scope_schools", schools.toArray(Long[]::new));
    return coreTeacher == null ? spec.bindNull("scope_core", Long.class) : spec.bind("scope_core", coreTeacher);
  }
}
