package vn.bdtx.accounts;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
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

  public record Facts(long id, String username, String email, String fullName, Set<Role> roles, Long schoolId,
                      Long clusterId, Set<SchoolYear> exemptYears) {
  }

  private static final String SELECT = """
      SELECT a.id, a.username, a.email, a.full_name, a.school_id, s.cluster_id,
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

  /** Names of organisation units (schools, clusters) by id. */
  public Mono<Map<Long, String>> unitNames(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql("SELECT id, name FROM org_unit WHERE id = ANY(:ids)").bind("ids", ids.toArray(Long[]::new))
        .map((r, m) -> Map.entry(r.get("id", Long.class), r.get("name", String.class))).all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  private static Facts facts(io.r2dbc.spi.Readable r) {
    String roles = r.get("roles", String.class);
    String exempt = r.get("exempt", String.class);
    return new Facts(r.get("id", Long.class), r.get("username", String.class), r.get("email", String.class),
        r.get("full_name", String.class),
        roles == null ? Set.of() : Arrays.stream(roles.split(",")).map(Role::valueOf).collect(Collectors.toUnmodifiableSet()),
        r.get("school_id", Long.class), r.get("cluster_id", Long.class),
        exempt == null ? Set.of() : Arrays.stream(exempt.split(",")).map(y -> SchoolYear.parse(y).orElseThrow())
            .collect(Collectors.toUnmodifiableSet()));
  }
}
