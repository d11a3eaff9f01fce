package vn.bdtx.support;

import java.time.Duration;
import java.util.Arrays;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;

/** Creates accounts straight in the database, as an import would, for tests to log in with. */
public final class TestAccounts {

  private final DatabaseClient db;
  private final PasswordEncoder encoder;

  public TestAccounts(DatabaseClient db, PasswordEncoder encoder) {
    this.db = db;
    this.encoder = encoder;
  }

  /** A person who has already chosen their password. */
  public long create(String username, String password, Role... roles) {
    return create(username, password, false, roles);
  }

  public long create(String username, String password, boolean mustChangePassword, Role... roles) {
    Long id = db.sql("""
            INSERT INTO account (username, full_name, password_hash, must_change_password)
            VALUES (:u, :n, :h, :m) RETURNING id""")
        .bind("u", username).bind("n", "Nguyễn Văn " + username).bind("h", encoder.encode(password))
        .bind("m", mustChangePassword)
        .map((row, meta) -> row.get("id", Long.class)).one().block(Duration.ofSeconds(10));
    Arrays.stream(roles).forEach(role -> db.sql(
            "INSERT INTO role_grant (account_id, role, scope_type) VALUES (:id, :r, :s)")
        .bind("id", id).bind("r", role.name()).bind("s", ScopeType.PROVINCE.name())
        .then().block(Duration.ofSeconds(10)));
    return id;
  }

  public String passwordHashOf(String username) {
    return db.sql("SELECT password_hash FROM account WHERE username = :u").bind("u", username)
        .map((row, meta) -> row.get("password_hash", String.class)).one().block(Duration.ofSeconds(10));
  }

  public boolean mustChangePassword(String username) {
    return Boolean.TRUE.equals(db.sql("SELECT must_change_password FROM account WHERE username = :u").bind("u", username)
        .map((row, meta) -> row.get("must_change_password", Boolean.class)).one().block(Duration.ofSeconds(10)));
  }
}
