package vn.bdtx.loadtest;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Creates learners {@code load-00001 … load-N} in the load database, all with one
 * password chosen for the run, as if they had been imported and had already
 * changed their passwords. Only for a database dedicated to load runs.
 */
final class LoadAccounts {

  private LoadAccounts() {
  }

  static void ensure(String jdbcUrl, String user, String password, int count, String accountPassword) {
    if (!jdbcUrl.contains("load")) {
      throw new IllegalArgumentException("Refusing to seed accounts into " + jdbcUrl + ": its name must contain 'load'");
    }
    String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode(accountPassword);
    try (var c = DriverManager.getConnection(jdbcUrl, user, password)) {
      c.setAutoCommit(false);
      try (var insert = c.prepareStatement("""
              INSERT INTO account (username, full_name, password_hash, must_change_password)
              VALUES (?, ?, ?, FALSE)
              ON CONFLICT (lower(username)) DO UPDATE SET password_hash = EXCLUDED.password_hash,
                must_change_password = FALSE""");
           var grant = c.prepareStatement("""
              INSERT INTO role_grant (account_id, role, scope_type)
              SELECT id, 'LEARNER', 'PROVINCE' FROM account WHERE username LIKE 'load-%'
              ON CONFLICT DO NOTHING""")) {
        for (int i = 1; i <= count; i++) {
          String name = String.format("load-%05d", i);
          insert.setString(1, name);
          insert.setString(2, "Học viên tải " + i);
          insert.setString(3, hash);
          insert.addBatch();
        }
        insert.executeBatch();
        grant.executeUpdate();
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not seed load accounts into " + jdbcUrl + " (is the app started on it?)", e);
    }
  }
}
