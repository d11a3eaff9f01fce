package vn.bdtx.accounts;

import java.util.HashSet;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.security.CallerDetails;

/** The account and role_grant tables. */
@Repository
class Accounts {

  private final DatabaseClient db;

  Accounts(DatabaseClient db) {
    this.db = db;
  }

  /** The account with this login name, whatever its case, with its grants. */
  Mono<CallerDetails> findForLogin(String username) {
    return db.sql("""
            SELECT id, username, full_name, password_hash, must_change_password, enabled
            FROM account WHERE lower(username) = lower(:username)""")
        .bind("username", username)
        .map((row, meta) -> new AccountRow(
            row.get("id", Long.class), row.get("username", String.class), row.get("full_name", String.class),
            row.get("password_hash", String.class), Boolean.TRUE.equals(row.get("must_change_password", Boolean.class)),
            Boolean.TRUE.equals(row.get("enabled", Boolean.class))))
        .one()
        .flatMap(account -> grantsOf(account.id()).map(grants -> new CallerDetails(
            new Caller(account.id(), account.username(), account.fullName(), account.mustChangePassword(), grants),
            account.passwordHash(), account.enabled())));
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

  /** Stores a password the person chose; they are no longer asked to change it. */
  Mono<Long> setChosenPassword(long accountId, String hash) {
    return db.sql("""
            UPDATE account SET password_hash = :hash, must_change_password = FALSE, password_changed_at = now()
            WHERE id = :id""")
        .bind("hash", hash)
        .bind("id", accountId)
        .fetch().rowsUpdated();
  }

  private record AccountRow(long id, String username, String fullName, String passwordHash,
                            boolean mustChangePassword, boolean enabled) {
  }
}
