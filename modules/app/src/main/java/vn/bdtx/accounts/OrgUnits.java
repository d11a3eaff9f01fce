package vn.bdtx.accounts;

import io.r2dbc.spi.Readable;
import java.util.List;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.accounts.Level;
import vn.bdtx.domain.accounts.OrgUnitKind;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;

/** The org_unit table. */
@Repository
class OrgUnits {

  private static final String COLUMNS = "id, kind, code, name, parent_id, cluster_id, levels, school_type, active";
  private final DatabaseClient db;

  private final Outbox outbox;

  OrgUnits(DatabaseClient db, Outbox outbox) {
    this.outbox = outbox;
    this.db = db;
  }

  Flux<OrgUnit> all() {
    return db.sql("SELECT " + COLUMNS + " FROM org_unit ORDER BY kind, name").map(OrgUnits::unit).all();
  }

  Mono<OrgUnit> byId(long id) {
    return db.sql("SELECT " + COLUMNS + " FROM org_unit WHERE id = :id").bind("id", id).map(OrgUnits::unit).one();
  }

  Mono<OrgUnit> byCode(String code) {
    return db.sql("SELECT " + COLUMNS + " FROM org_unit WHERE lower(code) = lower(:code)").bind("code", code)
        .map(OrgUnits::unit).one();
  }

  /** Ids from the unit up to the root, the unit first. */
  Mono<List<Long>> ancestry(long id) {
    return db.sql("""
            WITH RECURSIVE up(id, parent_id, depth) AS (
              SELECT id, parent_id, 0 FROM org_unit WHERE id = :id
              UNION ALL SELECT o.id, o.parent_id, up.depth + 1 FROM org_unit o JOIN up ON o.id = up.parent_id
              WHERE up.depth < 20)
            SELECT id FROM up ORDER BY depth""")
        .bind("id", id).map((row, meta) -> row.get("id", Long.class)).all().collectList();
  }

  Mono<Long> insert(OrgUnitKind kind, String code, String name, Long parentId, Long clusterId, Set<Level> levels,
                    String schoolType) {
    var spec = db.sql("""
            INSERT INTO org_unit (kind, code, name, parent_id, cluster_id, levels, school_type)
            VALUES (:kind, :code, :name, :parentId, :clusterId, :levels, :schoolType) RETURNING id""")
        .bind("kind", kind.name()).bind("code", code).bind("name", name).bind("levels", OrgUnit.store(levels));
    spec = parentId == null ? spec.bindNull("parentId", Long.class) : spec.bind("parentId", parentId);
    spec = clusterId == null ? spec.bindNull("clusterId", Long.class) : spec.bind("clusterId", clusterId);
    spec = schoolType == null ? spec.bindNull("schoolType", String.class) : spec.bind("schoolType", schoolType);
    return spec.map((row, meta) -> row.get("id", Long.class)).one()
        .flatMap(id -> outbox.publish(Topics.ORG_UNIT, id).thenReturn(id));
  }

  Mono<Long> update(long id, String name, Long parentId, Long clusterId, Set<Level> levels, String schoolType) {
    var spec = db.sql("""
            UPDATE org_unit SET name = :name, parent_id = :parentId, cluster_id = :clusterId, levels = :levels,
              school_type = :schoolType, updated_at = now() WHERE id = :id""")
        .bind("id", id).bind("name", name).bind("levels", OrgUnit.store(levels));
    spec = parentId == null ? spec.bindNull("parentId", Long.class) : spec.bind("parentId", parentId);
    spec = clusterId == null ? spec.bindNull("clusterId", Long.class) : spec.bind("clusterId", clusterId);
    spec = schoolType == null ? spec.bindNull("schoolType", String.class) : spec.bind("schoolType", schoolType);
    return spec.fetch().rowsUpdated().flatMap(n -> outbox.publish(Topics.ORG_UNIT, id).thenReturn(n));
  }

  Mono<Long> setActive(long id, boolean active) {
    return db.sql("UPDATE org_unit SET active = :active, updated_at = now() WHERE id = :id")
        .bind("id", id).bind("active", active).fetch().rowsUpdated()
        .flatMap(n -> outbox.publish(Topics.ORG_UNIT, id).thenReturn(n));
  }

  Mono<Boolean> departmentExists() {
    return db.sql("SELECT EXISTS (SELECT 1 FROM org_unit WHERE kind = 'DEPARTMENT') AS present")
        .map((row, meta) -> row.get("present", Boolean.class)).one();
  }

  Mono<Long> activeChildren(long id) {
    return db.sql("SELECT count(*) AS n FROM org_unit WHERE parent_id = :id AND active")
        .bind("id", id).map((row, meta) -> row.get("n", Long.class)).one();
  }

  private static OrgUnit unit(Readable row) {
    return new OrgUnit(row.get("id", Long.class), OrgUnitKind.valueOf(row.get("kind", String.class)),
        row.get("code", String.class), row.get("name", String.class), row.get("parent_id", Long.class),
        row.get("cluster_id", Long.class), OrgUnit.levelsOf(row.get("levels", String.class)),
        row.get("school_type", String.class), Boolean.TRUE.equals(row.get("active", Boolean.class)));
  }
}
