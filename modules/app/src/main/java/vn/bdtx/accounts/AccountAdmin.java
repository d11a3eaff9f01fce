package vn.bdtx.accounts;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.RoleScopes;
import vn.bdtx.domain.accounts.OrgUnitKind;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;
import vn.bdtx.platform.security.AccountVersions;
import vn.bdtx.platform.security.Caller;

/**
 * The IT admin's work on one account: roles with their scope, enabling and
 * disabling, and resetting the password. Each change is audited in its
 * transaction and then bumps the account's version, so it applies on the
 * person's very next request.
 */
@Service
class AccountAdmin {

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final AuditLog audit;
  private final AccountVersions versions;
  private final Clock clock;
  private final Duration lifetime;
  private final OneTimePasswords oneTime;

  private final Outbox outbox;

  AccountAdmin(DatabaseClient db, Outbox outbox, TransactionalOperator tx, AuditLog audit, AccountVersions versions, Clock clock,
               @Value("${bdtx.credentials.initial-password-lifetime}") Duration lifetime, OneTimePasswords oneTime,
               @Value("${bdtx.paging.accounts}") int pageSize) {
    this.outbox = outbox;
    this.pageSize = pageSize;
    this.db = db;
    this.tx = tx;
    this.audit = audit;
    this.versions = versions;
    this.clock = clock;
    this.lifetime = lifetime;
    this.oneTime = oneTime;
  }

  /** Accounts on one page of /admin/accounts. */
  private final int pageSize;

  record Listed(long id, String fullName, String username, String schoolName, boolean enabled, List<String> roles,
                String exemption) {
  }



  /** A grant as the page shows it: the unit's name, or the scope type (shown in words) when it reaches no unit. */
  record GrantView(long id, Role role, String scopeName, String scopeType) {
  }

  record Detail(long id, String fullName, String username, String email, String schoolName, boolean enabled,
                boolean activated, List<GrantView> grants) {
  }

  /** Accounts matching {@code query}, by name, one page at a time. */
  Mono<vn.bdtx.platform.web.Paged<Listed>> search(String query, int page) {
    String q = "%" + (query == null ? "" : query.strip().toLowerCase().replace("%", "").replace("_", "")) + "%";
    return db.sql("""
            SELECT a.id, a.full_name, a.username, o.name AS school, a.enabled,
                   coalesce(array_agg(DISTINCT g.role ORDER BY g.role) FILTER (WHERE g.role IS NOT NULL), '{}') AS roles,
                   max(e.kind) AS exemption
            FROM account a LEFT JOIN org_unit o ON o.id = a.school_id LEFT JOIN role_grant g ON g.account_id = a.id
            LEFT JOIN exemption e ON e.account_id = a.id AND e.school_year = :year
            WHERE lower(a.full_name) LIKE :q OR lower(a.username) LIKE :q OR lower(coalesce(a.email, '')) LIKE :q
               OR lower(coalesce(o.code, '')) LIKE :q
            GROUP BY a.id, o.name ORDER BY a.full_name, a.id LIMIT :limit OFFSET :offset""")
        .bind("q", q)
        .bind("year", vn.bdtx.domain.accounts.SchoolYear.of(java.time.LocalDate.now(clock)).toString())
        .bind("limit", vn.bdtx.platform.web.Paged.limit(pageSize))
        .bind("offset", vn.bdtx.platform.web.Paged.offset(page, pageSize))
        .map((r, m) -> new Listed(r.get("id", Long.class), r.get("full_name", String.class), r.get("username", String.class),
            r.get("school", String.class), Boolean.TRUE.equals(r.get("enabled", Boolean.class)),
            List.of(r.get("roles", String[].class)), r.get("exemption", String.class)))
        .all().collectList().map(list -> vn.bdtx.platform.web.Paged.of(list, page, pageSize));
  }

  Mono<Detail> detail(long id) {
    Mono<List<GrantView>> grants = db.sql("""
            SELECT g.id, g.role, g.scope_type, o.name FROM role_grant g LEFT JOIN org_unit o ON o.id = g.scope_id
            WHERE g.account_id = :id ORDER BY g.role""")
        .bind("id", id)
        .map((r, m) -> new GrantView(r.get("id", Long.class), Role.valueOf(r.get("role", String.class)),
            r.get("name", String.class), r.get("scope_type", String.class)))
        .all().collectList();
    return db.sql("""
            SELECT a.id, a.full_name, a.username, a.email, o.name AS school, a.enabled, a.activated_at IS NOT NULL AS activated
            FROM account a LEFT JOIN org_unit o ON o.id = a.school_id WHERE a.id = :id""")
        .bind("id", id)
        .map((r, m) -> new Object[] {r.get("full_name", String.class), r.get("username", String.class), r.get("email", String.class),
            r.get("school", String.class), r.get("enabled", Boolean.class), r.get("activated", Boolean.class)})
        .one()
        .zipWith(grants, (r, g) -> new Detail(id, (String) r[0], (String) r[1], (String) r[2], (String) r[3],
            Boolean.TRUE.equals(r[4]), Boolean.TRUE.equals(r[5]), g));
  }

  /** Grants a role; empty problem key when granted, else the message key. Empty Mono when no such account. */
  Mono<String> grant(Caller actor, long accountId, String roleName, Long unitId) {
    Optional<Role> role = java.util.Arrays.stream(Role.values()).filter(r -> r.name().equals(roleName)).findFirst();
    if (role.isEmpty()) {
      return exists(accountId).map(found -> "accounts.roles.problem.BAD_ROLE");
    }
    Mono<Object[]> unit = unitId == null ? Mono.just(new Object[] {null, true})
        : db.sql("SELECT kind, active FROM org_unit WHERE id = :id").bind("id", unitId)
            .map((r, m) -> new Object[] {OrgUnitKind.valueOf(r.get("kind", String.class)), r.get("active", Boolean.class)})
            .one().defaultIfEmpty(new Object[] {null, false});
    return exists(accountId).flatMap(found -> unit).flatMap(u -> {
      if (unitId != null && u[0] == null) {
        return Mono.just("accounts.roles.problem.UNKNOWN_UNIT");
      }
      var refusal = RoleScopes.checkGrant(role.get(), (OrgUnitKind) u[0], Boolean.TRUE.equals(u[1]));
      if (refusal.isPresent()) {
        return Mono.just("accounts.roles.problem." + refusal.get().name());
      }
      var spec = db.sql("""
              INSERT INTO role_grant (account_id, role, scope_type, scope_id) VALUES (:a, :r, :s, :u)
              ON CONFLICT DO NOTHING""")
          .bind("a", accountId).bind("r", role.get().name()).bind("s", RoleScopes.scopeOf(role.get()).name());
      spec = unitId == null ? spec.bindNull("u", Long.class) : spec.bind("u", unitId);
      return spec.then()
          .then(audit.record(actor, "ROLE_GRANTED", "account", accountId,
              Map.of("role", role.get().name(), "unitId", String.valueOf(unitId))))
          .as(tx::transactional)
          .then(versions.bump(accountId))
          .thenReturn("");
    });
  }

  Mono<String> revoke(Caller actor, long accountId, long grantId) {
    return db.sql("SELECT role FROM role_grant WHERE id = :g AND account_id = :a").bind("g", grantId).bind("a", accountId)
        .map((r, m) -> Role.valueOf(r.get("role", String.class))).one()
        .flatMap(role -> {
          var refusal = RoleScopes.checkRevoke(role, accountId, actor.accountId());
          if (refusal.isPresent()) {
            return Mono.just("accounts.roles.problem." + refusal.get().name());
          }
          return db.sql("DELETE FROM role_grant WHERE id = :g").bind("g", grantId).then()
              .then(audit.record(actor, "ROLE_REVOKED", "account", accountId, Map.of("role", role.name())))
              .as(tx::transactional)
              .then(versions.bump(accountId))
              .thenReturn("");
        });
  }

  /** Disabling ends every session of the account at once. */
  Mono<String> setEnabled(Caller actor, long accountId, boolean enabled) {
    if (!enabled && accountId == actor.accountId()) {
      return exists(accountId).map(found -> "accounts.roles.problem.OWN_ACCOUNT");
    }
    return exists(accountId).flatMap(found -> db.sql("""
            UPDATE account SET enabled = :e, updated_at = now(),
              sessions_revoked_at = CASE WHEN :e THEN sessions_revoked_at ELSE now() END WHERE id = :id""")
            .bind("e", enabled).bind("id", accountId).then()
            .then(outbox.publish(Topics.ACCOUNT, accountId))
            .then(audit.record(actor, enabled ? "ACCOUNT_ENABLED" : "ACCOUNT_DISABLED", "account", accountId, Map.of()))
            .as(tx::transactional)
            .then(versions.bump(accountId))
            .thenReturn(""));
  }

  /** A new one-time password, to be shown once; the person's sessions end and the password must be changed. */
  Mono<String> resetPassword(Caller actor, long accountId) {
    return exists(accountId)
        .flatMap(found -> Mono.fromCallable(oneTime::issue).subscribeOn(Schedulers.boundedElastic()))
        .flatMap(issued -> db.sql("""
                UPDATE account SET password_hash = :h, must_change_password = TRUE, password_expires_at = :x,
                  sessions_revoked_at = now(), updated_at = now() WHERE id = :id""")
            .bind("h", issued.hash()).bind("x", clock.instant().plus(lifetime)).bind("id", accountId)
            .then()
            .then(audit.record(actor, "PASSWORD_RESET_BY_ADMIN", "account", accountId, Map.of()))
            .as(tx::transactional)
            .then(versions.bump(accountId))
            .thenReturn(issued.password()));
  }

  private Mono<Long> exists(long accountId) {
    return db.sql("SELECT id FROM account WHERE id = :id").bind("id", accountId).map((r, m) -> r.get("id", Long.class)).one();
  }
}
