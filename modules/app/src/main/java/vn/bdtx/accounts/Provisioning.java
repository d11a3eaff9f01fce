package vn.bdtx.accounts;

import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.accounts.Position;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.accounts.Level;
import vn.bdtx.domain.accounts.OrgUnitKind;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;

/**
 * Creates organisation units and ready-to-use accounts outright, without a form or a file: how the demo province
 * (BDTX_DEMO=true, never in production) is seeded through this context's own statements rather than its tables.
 * An account gets the password hash the caller chose, is activated and need not change its password; every unit
 * and account is announced (Topics.ORG_UNIT, Topics.ACCOUNT) as the pages' changes are, so the reports show them.
 * No page reaches it.
 */
@Service
public class Provisioning {

  /** How much the organisation already holds: units and accounts. */
  public record Holdings(long units, long accounts) {
  }

  /**
   * A person to create with one role. {@code schoolId}, {@code level} and {@code position} are null for someone
   * not at a school; {@code scopeId} is null for a province-wide role.
   */
  public record NewAccount(String username, String email, String fullName, String passwordHash, Long schoolId, Level level,
                           Position position, Role role, ScopeType scope, Long scopeId) {
  }

  private final DatabaseClient db;
  private final OrgUnits units;
  private final Outbox outbox;

  Provisioning(DatabaseClient db, OrgUnits units, Outbox outbox) {
    this.db = db;
    this.units = units;
    this.outbox = outbox;
  }

  /** Units and accounts there are (the first administrator is one). */
  public Mono<Holdings> holdings() {
    return db.sql("SELECT (SELECT count(*) FROM org_unit) AS units, (SELECT count(*) FROM account) AS accounts")
        .map((r, m) -> new Holdings(r.get("units", Long.class), r.get("accounts", Long.class))).one();
  }

  /** Whether an account has this login name. */
  public Mono<Boolean> exists(String username) {
    return db.sql("SELECT EXISTS (SELECT 1 FROM account WHERE username = :u) AS e").bind("u", username)
        .map((r, m) -> Boolean.TRUE.equals(r.get("e", Boolean.class))).one();
  }

  /** A unit under {@code parentId} (null for the department), in {@code clusterId} when a school is in one. */
  public Mono<Long> unit(OrgUnitKind kind, String code, String name, Long parentId, Long clusterId, Set<Level> levels) {
    return units.insert(kind, code, name, parentId, clusterId, levels, null);
  }

  /** Creates the account with its role and returns its id. */
  public Mono<Long> account(NewAccount a) {
    var insert = db.sql("""
            INSERT INTO account (username, email, full_name, password_hash, must_change_password, activated_at, school_id,
                                 level, position)
            VALUES (:username, :email, :fullName, :hash, FALSE, now(), :school, :level, :position) RETURNING id""")
        .bind("username", a.username()).bind("email", a.email()).bind("fullName", a.fullName()).bind("hash", a.passwordHash());
    insert = a.schoolId() == null ? insert.bindNull("school", Long.class) : insert.bind("school", a.schoolId());
    insert = a.level() == null ? insert.bindNull("level", String.class) : insert.bind("level", a.level().name());
    insert = a.position() == null ? insert.bindNull("position", String.class) : insert.bind("position", a.position().name());
    return insert.map((r, m) -> r.get("id", Long.class)).one()
        .flatMap(id -> {
          var grant = db.sql("INSERT INTO role_grant (account_id, role, scope_type, scope_id) VALUES (:a, :r, :s, :u)")
              .bind("a", id).bind("r", a.role().name()).bind("s", a.scope().name());
          grant = a.scopeId() == null ? grant.bindNull("u", Long.class) : grant.bind("u", a.scopeId());
          return grant.then().then(outbox.publish(Topics.ACCOUNT, id)).thenReturn(id);
        });
  }
}
