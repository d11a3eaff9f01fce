package vn.bdtx.platform.audit;

import io.r2dbc.postgresql.codec.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import vn.bdtx.platform.security.Caller;

/**
 * Records and lists audit events. Rows can only be added: the table refuses
 * UPDATE, DELETE and TRUNCATE (V2 migration). Times are stored as UTC instants.
 * Call {@link #record} inside the same transaction as the change it describes.
 */
@Service
public class AuditLog {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final DatabaseClient db;

  AuditLog(DatabaseClient db) {
    this.db = db;
  }

  public record Event(long id, Instant at, String actorName, String action, String targetType, Long targetId,
                      String details) {
  }

  /** Records {@code action} by {@code actor} (null for the system) on a target, with details (no secrets). */
  public Mono<Void> record(Caller actor, String action, String targetType, Long targetId, Map<String, ?> details) {
    var spec = db.sql("""
            INSERT INTO audit_event (actor_id, actor_name, action, target_type, target_id, details)
            VALUES (:actorId, :actorName, :action, :targetType, :targetId, CAST(:details AS jsonb))""")
        .bind("action", action)
        .bind("details", JSON.writeValueAsString(details));
    spec = actor == null ? spec.bindNull("actorId", Long.class).bind("actorName", "system")
        : spec.bind("actorId", actor.accountId()).bind("actorName", actor.username());
    spec = targetType == null ? spec.bindNull("targetType", String.class) : spec.bind("targetType", targetType);
    spec = targetId == null ? spec.bindNull("targetId", Long.class) : spec.bind("targetId", targetId);
    return spec.then();
  }

  /** The newest events first, optionally only one action. */
  public Flux<Event> latest(String action, int limit) {
    return latest(action, null, limit);
  }

  /** The newest events older than event {@code before} (all when null), optionally only one action: keyset paging by id. */
  public Flux<Event> latest(String action, Long before, int limit) {
    var spec = db.sql("""
            SELECT id, at, actor_name, action, target_type, target_id, details
            FROM audit_event WHERE (:action = '' OR action = :action) AND id < :before ORDER BY id DESC LIMIT :limit""")
        .bind("action", action == null ? "" : action)
        .bind("before", before == null ? Long.MAX_VALUE : before)
        .bind("limit", limit);
    return spec.map((row, meta) -> new Event(row.get("id", Long.class), row.get("at", Instant.class),
        row.get("actor_name", String.class), row.get("action", String.class), row.get("target_type", String.class),
        row.get("target_id", Long.class), String.valueOf(row.get("details", Json.class).asString()))).all();
  }

  /** The distinct actions recorded, for the filter. */
  public Mono<List<String>> actions() {
    return db.sql("SELECT DISTINCT action FROM audit_event ORDER BY action")
        .map((row, meta) -> row.get("action", String.class)).all().collectList();
  }
}
