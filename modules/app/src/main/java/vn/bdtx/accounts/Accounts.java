package vn.bdtx.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.security.CallerDetails;
import vn.bdtx.platform.security.CallerDirectory;

/** The account and role_grant tables. */
@Repository
class Accounts implements CallerDirectory {

  private final DatabaseClient db;
  private final Clock clock;

  Accounts(DatabaseClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * The account with this login name, whatever its case, with its grants; empty when
   * there is none or when no password has been issued to it yet (an imported account
   * before its credential sheet), which the login treats alike.
   */
  Mono<CallerDetails> findForLogin(String username) {
    return db.sql("""
            SELECT id, username, full_name, password_hash, must_change_password, enabled, password_expires_at
            FROM account WHERE lower(username) = lower(:username) AND password_hash IS NOT NULL""")
        .bind("username", username)
        .map((row, meta) -> new AccountRow(
            row.get("id", Long.class), row.get("username", String.class), row.get("full_name", String.class),
            row.get("password_hash", String.class), Boolean.TRUE.equals(row.get("must_change_password", Boolean.class)),
            Boolean.TRUE.equals(row.get("enabled", Boolean.class)), row.get("password_expires_at", Instant.class)))
        .one()
        .flatMap(account -> grantsOf(account.id()).map(grants -> new CallerDetails(
            new Caller(account.id(), account.username(), account.fullName(), account.mustChangePassword(), grants),
            account.passwordHash(), account.enabled(),
            account.passwordExpiresAt() == null || clock.instant().isBefore(account.passwordExpiresAt()))));
  }

  @Override
  public Mono<State> byId(long accountId) {
    return db.sql("""
            SELECT id, username, full_name, must_change_password, enabled, sessions_revoked_at
            FROM account WHERE id = :id""")
        .bind("id", accountId)
        .map((row, meta) -> new Object[] {row.get("username", String.class), row.get("full_name", String.class),
            Boolean.TRUE.equals(row.get("must_change_password", Boolean.class)),
            Boolean.TRUE.equals(row.get("enabled", Boolean.class)), row.get("sessions_revoked_at", Instant.class)})
        .one()
        .flatMap(r -> grantsOf(accountId).map(grants -> new State(
            new Caller(accountId, (String) r[0], (String) r[1], (Boolean) r[2], grants), (Boolean) r[3], (Instant) r[4])));
  }

  Mono<Set<Caller.Grant>> grantsOf(long accountId) {
    return db.sql("SELECT role, scope_type, scope_id FROM role_grant WHERE account_id = :id")
        .bind("id", accountId)
        .map((row, meta) -> new Caller.Grant(Role.valueOf(row.get("role", String.class)),
            ScopeType.valueOf(row.get("scope_type", String.class)), row.get("scope_id", Long.class)))
        .all()
        .collect(HashSet<Caller.Grant>::new, Set::add)
        .map(Set::copyOf);
  }

  Mono<String> passwordHashOf(long accountId) {
    return db.sql("SELECT password_hash FROM account WHERE id = :id")
        .bind("id", accountId)
        .map((row, meta) -> row.get("password_hash", String.class))
        .one();
  }

  /**
   * Replaces the hash of the same password by a stronger one (a login re-encoded it at a raised BCrypt cost):
   * nothing else about the account changes, and it is written only while the account still has the hash the
   * login checked, so a password changed meanwhile is never overwritten by the old one. 1 when stored, else 0.
   */
  Mono<Long> rehashPassword(long accountId, String checkedHash, String strongerHash) {
    return db.sql("UPDATE account SET password_hash = :stronger WHERE id = :id AND password_hash = :checked")
        .bind("stronger", strongerHash)
        .bind("checked", checkedHash)
        .bind("id", accountId)
        .fetch().rowsUpdated();
  }

  /** Stores a password the person chose; they are no longer asked to change it. */
  Mono<Long> setChosenPassword(long accountId, String hash) {
    return db.sql("""
            UPDATE account SET password_hash = :hash, must_change_password = FALSE, password_changed_at = now(),
              password_expires_at = NULL, activated_at = COALESCE(activated_at, now()), updated_at = now()
            WHERE id = :id""")
        .bind("hash", hash)
        .bind("id", accountId)
        .fetch().rowsUpdated();
  }

  private record AccountRow(long id, String username, String fullName, String passwordHash,
                            boolean mustChangePassword, boolean enabled, Instant passwordExpiresAt) {
  }
}
