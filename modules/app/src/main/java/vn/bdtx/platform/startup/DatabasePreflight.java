package vn.bdtx.platform.startup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * Runs before the migrations: reaches PostgreSQL, creates the application's
 * database when it is missing (a laptop needs nothing but a running server),
 * then migrates. A server that does not answer stops start-up with one message.
 */
@Component
class DatabasePreflight implements FlywayMigrationStrategy {

  private static final Logger log = LoggerFactory.getLogger(DatabasePreflight.class);
  static final String HOW_TO_START = """
      Start PostgreSQL, or point BDTX at a running one:
        pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start
        or set BDTX_DB_HOST, BDTX_DB_PORT, BDTX_DB_USER, BDTX_DB_PASSWORD.""";

  private final DatabaseSettings db;

  DatabasePreflight(DatabaseSettings db) {
    this.db = db;
  }

  @Override
  public void migrate(Flyway flyway) {
    ensureDatabase();
    flyway.migrate();
    warnIfSuperuser();
  }

  /**
   * The append-only triggers (audit trail, submissions, grade history, content and regulation versions) hold
   * against the role that owns the tables, but a superuser can skip every trigger with one SET: say so at start-up.
   */
  void warnIfSuperuser() {
    String url = "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.name();
    try (Connection c = DriverManager.getConnection(url, credentials());
         var check = c.prepareStatement("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
         var row = check.executeQuery()) {
      if (row.next() && row.getBoolean(1)) {
        log.warn("BDTX logs in to PostgreSQL as {}, a superuser, which can skip the append-only triggers "
            + "(SET session_replication_role = replica). In production use a role that owns the database but is not "
            + "a superuser (deploy/postgres/10-bdtx-role.sh, README: Production).", db.user());
      }
    } catch (SQLException e) {
      log.debug("Could not tell whether {} is a superuser: {}", db.user(), e.getMessage());
    }
  }

  void ensureDatabase() {
    if (!db.createIfMissing()) {
      return;
    }
    String url = "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.maintenanceDatabase();
    try (Connection c = DriverManager.getConnection(url, credentials())) {
      try (var check = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        check.setString(1, db.name());
        if (check.executeQuery().next()) {
          return;
        }
      }
      try (var create = c.createStatement()) {
        create.execute("CREATE DATABASE " + quoteIdentifier(db.name()) + " ENCODING 'UTF8' TEMPLATE template0");
        log.info("Created database {} on {}:{}", db.name(), db.host(), db.port());
      } catch (SQLException e) {
        // Another node created it in the meantime: that is what we wanted.
        if (!"42P04".equals(e.getSQLState())) {
          throw e;
        }
      }
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
        throw new ServiceUnreachableException("PostgreSQL", db.host() + ":" + db.port(), HOW_TO_START, e);
      }
      throw new IllegalStateException("Could not prepare database " + db.name() + ": " + e.getMessage(), e);
    }
  }

  private Properties credentials() {
    var p = new Properties();
    p.setProperty("user", db.user());
    if (db.password() != null && !db.password().isEmpty()) {
      p.setProperty("password", db.password());
    }
    p.setProperty("connectTimeout", "5");
    p.setProperty("ApplicationName", "bdtx-preflight");
    return p;
  }

  static String quoteIdentifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
