package vn.bdtx.accounts;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.SchoolYear;

/**
 * What other contexts may know about people, looked up many at a time: who they
 * are, the roles they hold (any scope), their school's cluster and the school
 * years in which they are exempt. Disabled accounts are not found.
 */
@Service
public class People {

  /** {@code language} is the one the person chose in the app ({@code account.language}): mails reach them in it. */
  public record Facts(long id, String username, String email, String fullName, Set<Role> roles, Long schoolId,
                      Long clusterId, Set<SchoolYear> exemptYears, Locale language) {
  }

  private static final String SELECT = """
      SELECT a.id, a.username, a.email, a.full_name, a.school_id, s.cluster_id, a.language,
             (SELECT string_agg(DISTINCT g.role, ',') FROM role_grant g WHERE g.account_id = a.id) AS roles,
             (SELECT string_agg(x.school_year, ',') FROM exemption x WHERE x.account_id = a.id AND x.kind = 'EXEMPT') AS exempt
      FROM account a LEFT JOIN org_unit s ON s.id = a.school_id
      WHERE a.enabled AND\s""";

  private final DatabaseClient db;

  People(DatabaseClient db) {
    this.db = db;
  }

  /** The people named by these login names or e-mail addresses, keyed by each (lower case) under which they were found. */
  public Mono<Map<String, Facts>> byLoginOrEmail(Collection<String> names) {
    String[] keys = names.stream().map(n -> n.strip().toLowerCase(Locale.ROOT)).distinct().toArray(String[]::new);
    if (keys.length == 0) {
      return Mono.just(Map.of());
    }
    return db.sql(SELECT + "(lower(a.username) = ANY(:k) OR lower(a.email) = ANY(:k))").bind("k", keys)
        .map((r, m) -> facts(r)).all()
        .collectList()
        .map(found -> {
          Map<String, Facts> byKey = new HashMap<>();
          for (Facts f : found) {
            byKey.put(f.username().toLowerCase(Locale.ROOT), f);
            if (f.email() != null) {
              byKey.put(f.email().toLowerCase(Locale.ROOT), f);
            }
          }
          return byKey;
        });
  }

  /**
   * The name each account is shown by on another context's pages (its full name, or its login name if that is
   * empty), by id, in one query: a page lists its rows with account ids and zips the names in, instead of joining
   * this context's table (DESIGN §5). Ids without an account are absent.
   */
  public Mono<Map<Long, String>> names(Collection<Long> ids) {
    Long[] distinct = ids.stream().filter(java.util.Objects::nonNull).distinct().toArray(Long[]::new);
    if (distinct.length == 0) {
      return Mono.just(Map.of());
    }
    return db.sql("SELECT id, COALESCE(NULLIF(full_name, ''), username) AS name FROM account WHERE id = ANY(:ids)")
        .bind("ids", distinct)
        .map((r, m) -> Map.entry(r.get("id", Long.class), r.get("name", String.class))).all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /**
   * The full name of each account as it was registered, disabled accounts included, by id, in one query: what a
   * certificate prints (completion numbers a batch of thousands at once). Ids without an account are absent.
   */
  public Mono<Map<Long, String>> fullNames(Collection<Long> ids) {
    Long[] distinct = ids.stream().filter(java.util.Objects::nonNull).distinct().toArray(Long[]::new);
    if (distinct.length == 0) {
      return Mono.just(Map.of());
    }
    return db.sql("SELECT id, full_name FROM account WHERE id = ANY(:ids)").bind("ids", distinct)
        .map((r, m) -> Map.entry(r.get("id", Long.class), r.get("full_name", String.class))).all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** A row of another context read with the id of a person it names (null if it names nobody). */
  public record WithPerson<R>(R row, Long personId) {
  }

  /** The rows, each given its person's name by {@code withName} (null for none), the names read in one query. */
  public <R, T> Mono<List<T>> named(List<WithPerson<R>> rows, java.util.function.BiFunction<R, String, T> withName) {
    return names(rows.stream().map(WithPerson::personId).toList())
        .map(names -> rows.stream().map(w -> withName.apply(w.row(), w.personId() == null ? null : names.get(w.personId())))
            .toList());
  }

  public Flux<Facts> byIds(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Flux.empty();
    }
    return db.sql(SELECT + "a.id = ANY(:ids)").bind("ids", ids.toArray(Long[]::new)).map((r, m) -> facts(r)).all();
  }

  /** The people of these schools, by name. */
  public Flux<Facts> inSchools(Collection<Long> schoolIds) {
    if (schoolIds.isEmpty()) {
      return Flux.empty();
    }
    return db.sql(SELECT + "a.school_id = ANY(:s) ORDER BY a.full_name, a.id").bind("s", schoolIds.toArray(Long[]::new))
        .map((r, m) -> facts(r)).all();
  }

  /**
   * The enabled accounts placed in a unit or under it (a school's people, a district's schools' people, and the
   * unit's own officers), or everyone enabled when {@code unitId} is null (the province): announcements' recipients.
   */
  public Mono<java.util.List<Long>> enabledUnder(Long unitId) {
    if (unitId == null) {
      return db.sql("SELECT id FROM account WHERE enabled").map((r, m) -> r.get(0, Long.class)).all().collectList();
    }
    return unitsUnder(java.util.List.of(unitId)).flatMap(units -> db.sql("""
            SELECT id FROM account WHERE enabled AND school_id = ANY(:u)
            UNION SELECT g.account_id FROM role_grant g JOIN account a ON a.id = g.account_id
            WHERE a.enabled AND g.scope_type IN ('SCHOOL', 'DISTRICT') AND g.scope_id = ANY(:u)""")
        .bind("u", units.toArray(Long[]::new)).map((r, m) -> r.get(0, Long.class)).all().collectList());
  }

  /** A unit's kind (SCHOOL, DISTRICT…), name and parent, for checking an announcement's scope. */
  public record UnitFacts(long id, String kind, String name, Long parentId) {
  }

  /** The active district offices, by name (the province-wide roles' announcement form). */
  public Flux<Unit> districts() {
    return db.sql("SELECT id, name FROM org_unit WHERE kind = 'DISTRICT_OFFICE' AND active ORDER BY name, id")
        .map((r, m) -> new Unit(r.get("id", Long.class), r.get("name", String.class))).all();
  }

  public Mono<UnitFacts> unit(long id) {
    return db.sql("SELECT id, kind, name, parent_id FROM org_unit WHERE id = :id").bind("id", id)
        .map((r, m) -> new UnitFacts(r.get("id", Long.class), r.get("kind", String.class), r.get("name", String.class),
            r.get("parent_id", Long.class))).one();
  }

  /** An organisation unit by id and name. */
  public record Unit(long id, String name) {
  }

  /** The active schools under these district offices, by name. */
  public Flux<Unit> schoolsOf(Collection<Long> districtIds) {
    if (districtIds.isEmpty()) {
      return Flux.empty();
    }
    return db.sql("SELECT id, name FROM org_unit WHERE kind = 'SCHOOL' AND active AND parent_id = ANY(:d) ORDER BY name, id")
        .bind("d", districtIds.toArray(Long[]::new))
        .map((r, m) -> new Unit(r.get("id", Long.class), r.get("name", String.class))).all();
  }

  /** A person's school and the unit above it (the district office), with their names. */
  public record SchoolOf(long schoolId, String schoolName, Long parentId, String parentName) {
  }

  /** The school of each of these people who has one, and its parent unit: one query (survey shares by school and district). */
  public Mono<Map<Long, SchoolOf>> schoolOfEach(Collection<Long> accountIds) {
    if (accountIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql("""
            SELECT a.id, o.id AS school_id, o.name AS school_name, d.id AS parent_id, d.name AS parent_name
            FROM account a JOIN org_unit o ON o.id = a.school_id LEFT JOIN org_unit d ON d.id = o.parent_id
            WHERE a.id = ANY(:ids)""")
        .bind("ids", accountIds.toArray(Long[]::new))
        .map((r, m) -> Map.entry(r.get("id", Long.class), new SchoolOf(r.get("school_id", Long.class),
            r.get("school_name", String.class), r.get("parent_id", Long.class), r.get("parent_name", String.class))))
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** Names of organisation units (schools, clusters) by id. */
  public Mono<Map<Long, String>> unitNames(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql("SELECT id, name FROM org_unit WHERE id = ANY(:ids)").bind("ids", ids.toArray(Long[]::new))
        .map((r, m) -> Map.entry(r.get("id", Long.class), r.get("name", String.class))).all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /**
   * A person as reports list them, disabled or not, placed in their school's
   * district office and department (province).
   */
  public record Listed(long id, String username, String fullName, java.time.LocalDate dateOfBirth, Long schoolId,
                       Long districtId, Long provinceId, String level, String position, boolean enabled) {
  }

  /** An organisation unit as reports group by it, with the district office and department it lies in (itself included). */
  public record Placed(long id, String kind, String code, String name, Long parentId, Long provinceId, Long districtId,
                       boolean active) {
  }

  private static final String PLACED = """
      WITH RECURSIVE up(start, id, kind, parent_id, depth) AS (
        SELECT o.id, o.id, o.kind, o.parent_id, 0 FROM org_unit o WHERE %s
        UNION ALL SELECT up.start, p.id, p.kind, p.parent_id, up.depth + 1 FROM org_unit p JOIN up ON p.id = up.parent_id
        WHERE up.depth < 20)
      SELECT o.id, o.kind, o.code, o.name, o.parent_id, o.active,
             (SELECT u.id FROM up u WHERE u.start = o.id AND u.kind = 'DEPARTMENT' ORDER BY u.depth LIMIT 1) AS province_id,
             (SELECT u.id FROM up u WHERE u.start = o.id AND u.kind = 'DISTRICT_OFFICE' ORDER BY u.depth LIMIT 1) AS district_id
      FROM org_unit o WHERE %s ORDER BY o.id""";

  private static Placed placed(io.r2dbc.spi.Readable r) {
    return new Placed(r.get("id", Long.class), r.get("kind", String.class), r.get("code", String.class),
        r.get("name", String.class), r.get("parent_id", Long.class), r.get("province_id", Long.class),
        r.get("district_id", Long.class), Boolean.TRUE.equals(r.get("active", Boolean.class)));
  }

  /** These units placed in their district office and department. */
  public Mono<java.util.List<Placed>> placed(Collection<Long> unitIds) {
    if (unitIds.isEmpty()) {
      return Mono.just(java.util.List.of());
    }
    return db.sql(PLACED.formatted("o.id = ANY(:ids)", "o.id = ANY(:ids)")).bind("ids", unitIds.toArray(Long[]::new))
        .map((r, m) -> placed(r)).all().collectList();
  }

  /** Every unit, placed, in pages by id (for rebuilding a copy). */
  public Mono<java.util.List<Placed>> placedAfter(long afterId, int limit) {
    return db.sql(PLACED.formatted("o.id > :after", "o.id > :after") + " LIMIT :n").bind("after", afterId).bind("n", limit)
        .map((r, m) -> placed(r)).all().collectList();
  }

  /** These units and every unit below them, by id. */
  public Mono<java.util.List<Long>> unitsUnder(Collection<Long> unitIds) {
    if (unitIds.isEmpty()) {
      return Mono.just(java.util.List.of());
    }
    return db.sql("""
            WITH RECURSIVE down(id, depth) AS (
              SELECT id, 0 FROM org_unit WHERE id = ANY(:ids)
              UNION SELECT o.id, d.depth + 1 FROM org_unit o JOIN down d ON o.parent_id = d.id WHERE d.depth < 20)
            SELECT DISTINCT id FROM down""")
        .bind("ids", unitIds.toArray(Long[]::new)).map((r, m) -> r.get("id", Long.class)).all().collectList();
  }

  private static final String LISTED = """
      SELECT a.id, a.username, a.full_name, a.date_of_birth, a.school_id, a.level, a.position, a.enabled
      FROM account a WHERE %s ORDER BY a.id""";

  /** These people as reports list them (disabled ones too), placed by their school. */
  public Mono<java.util.List<Listed>> listed(Collection<Long> accountIds) {
    if (accountIds.isEmpty()) {
      return Mono.just(java.util.List.of());
    }
    return listed(db.sql(LISTED.formatted("a.id = ANY(:ids)")).bind("ids", accountIds.toArray(Long[]::new)));
  }

  /** The people whose school is one of these units (disabled ones too). */
  public Mono<java.util.List<Listed>> listedInSchools(Collection<Long> schoolIds) {
    if (schoolIds.isEmpty()) {
      return Mono.just(java.util.List.of());
    }
    return listed(db.sql(LISTED.formatted("a.school_id = ANY(:ids)")).bind("ids", schoolIds.toArray(Long[]::new)));
  }

  /** Every person, in pages by id (for rebuilding a copy). */
  public Mono<java.util.List<Listed>> listedAfter(long afterId, int limit) {
    return listed(db.sql(LISTED.formatted("a.id > :after") + " LIMIT :n").bind("after", afterId).bind("n", limit));
  }

  private Mono<java.util.List<Listed>> listed(org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec spec) {
    return spec.map((r, m) -> new Object[] {r.get("id", Long.class), r.get("username", String.class),
            r.get("full_name", String.class), r.get("date_of_birth", java.time.LocalDate.class), r.get("school_id", Long.class),
            r.get("level", String.class), r.get("position", String.class), r.get("enabled", Boolean.class)})
        .all().collectList()
        .flatMap(rows -> placed(rows.stream().map(r -> (Long) r[4]).filter(java.util.Objects::nonNull).distinct().toList())
            .map(units -> {
              Map<Long, Placed> byId = new HashMap<>();
              units.forEach(u -> byId.put(u.id(), u));
              return rows.stream().map(r -> {
                Placed school = r[4] == null ? null : byId.get((Long) r[4]);
                return new Listed((Long) r[0], (String) r[1], (String) r[2], (java.time.LocalDate) r[3], (Long) r[4],
                    school == null ? null : school.districtId(), school == null ? null : school.provinceId(),
                    (String) r[5], (String) r[6], Boolean.TRUE.equals(r[7]));
              }).toList();
            }));
  }

  private static Facts facts(io.r2dbc.spi.Readable r) {
    String roles = r.get("roles", String.class);
    String exempt = r.get("exempt", String.class);
    return new Facts(r.get("id", Long.class), r.get("username", String.class), r.get("email", String.class),
        r.get("full_name", String.class),
        roles == null ? Set.of() : Arrays.stream(roles.split(",")).map(Role::valueOf).collect(Collectors.toUnmodifiableSet()),
        r.get("school_id", Long.class), r.get("cluster_id", Long.class),
        exempt == null ? Set.of() : Arrays.stream(exempt.split(",")).map(y -> SchoolYear.parse(y).orElseThrow())
            .collect(Collectors.toUnmodifiableSet()),
        Locale.forLanguageTag(r.get("language", String.class)));
  }

  /** The active schools of these clusters, by name. */
  public Flux<Unit> schoolsInClusters(Collection<Long> clusterIds) {
    if (clusterIds.isEmpty()) {
      return Flux.empty();
    }
    return db.sql("SELECT id, name FROM org_unit WHERE kind = 'SCHOOL' AND active AND cluster_id = ANY(:c) ORDER BY name, id")
        .bind("c", clusterIds.toArray(Long[]::new))
        .map((r, m) -> new Unit(r.get("id", Long.class), r.get("name", String.class))).all();
  }
}
