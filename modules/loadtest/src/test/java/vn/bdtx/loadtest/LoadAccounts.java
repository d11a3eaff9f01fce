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
    ensure(jdbcUrl, user, password, "load-", count, accountPassword, 10);
  }

  /** Learners {@code <prefix>00001 …}; {@code bcryptCost} below 10 only where logins are not what is measured. */
  static void ensure(String jdbcUrl, String user, String password, String prefix, int count, String accountPassword,
                     int bcryptCost) {
    if (!jdbcUrl.contains("load")) {
      throw new IllegalArgumentException("Refusing to seed accounts into " + jdbcUrl + ": its name must contain 'load'");
    }
    String hash = "{bcrypt}" + new BCryptPasswordEncoder(bcryptCost).encode(accountPassword);
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
          String name = prefix + String.format("%05d", i);
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

  /** An IT admin {@code load-admin} and a department, one district and {@code schools} primary schools LOAD-TH-nn. */
  static void ensureAdminAndSchools(String jdbcUrl, String user, String password, String adminPassword, int schools) {
    if (!jdbcUrl.contains("load")) {
      throw new IllegalArgumentException("Refusing to seed " + jdbcUrl + ": its name must contain 'load'");
    }
    String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode(adminPassword);
    try (var c = DriverManager.getConnection(jdbcUrl, user, password); var s = c.createStatement()) {
      s.execute("""
          INSERT INTO account (username, full_name, password_hash, must_change_password, activated_at)
          VALUES ('load-admin', 'Tổ CNTT (tải)', '%s', FALSE, now())
          ON CONFLICT (lower(username)) DO UPDATE SET password_hash = EXCLUDED.password_hash, must_change_password = FALSE
          """.formatted(hash));
      s.execute("""
          INSERT INTO role_grant (account_id, role, scope_type)
          SELECT id, 'IT_ADMIN', 'PROVINCE' FROM account WHERE username = 'load-admin' ON CONFLICT DO NOTHING""");
      s.execute("""
          INSERT INTO org_unit (kind, code, name) SELECT 'DEPARTMENT', 'LOAD-SO', 'Sở (tải)'
          WHERE NOT EXISTS (SELECT 1 FROM org_unit WHERE kind = 'DEPARTMENT')""");
      s.execute("""
          INSERT INTO org_unit (kind, code, name, parent_id)
          SELECT 'DISTRICT_OFFICE', 'LOAD-PGD', 'Phòng (tải)', id FROM org_unit WHERE kind = 'DEPARTMENT'
          ON CONFLICT DO NOTHING""");
      for (int i = 1; i <= schools; i++) {
        s.execute("""
            INSERT INTO org_unit (kind, code, name, parent_id, levels)
            SELECT 'SCHOOL', 'LOAD-TH-%02d', 'Trường TH tải %d', id, 'PRIMARY' FROM org_unit WHERE lower(code) = 'load-pgd'
            ON CONFLICT DO NOTHING""".formatted(i, i));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not seed the import benchmark into " + jdbcUrl, e);
    }
  }
}
