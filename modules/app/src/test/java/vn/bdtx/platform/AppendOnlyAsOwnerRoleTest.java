package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import vn.bdtx.BdtxApplication;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.support.BdtxIntegrationTest;

/**
 * The application as docker-compose.yml runs it: logged in to PostgreSQL as a role that owns its database and
 * tables but is not a superuser, made by the very script compose gives the postgres image
 * (deploy/postgres/10-bdtx-role.sh). It migrates and starts as that role, and the kept tables (the audit trail,
 * submissions and their files, the grade history) refuse its UPDATE, DELETE and TRUNCATE. A superuser could skip
 * those triggers with one SET, which is why the app must not be one: the last step shows it, and rolls back.
 * The role and its database have random names and are dropped afterwards.
 */
@BdtxIntegrationTest
class AppendOnlyAsOwnerRoleTest {

  static final String RUN = HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
  static final String ROLE = "bdtx_owner_" + RUN;
  static final String DATABASE = "bdtx_test_" + RUN;
  static final String PASSWORD = "owner-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));

  static ConfigurableApplicationContext ownerApp;
  static Environment superuser;

  @Autowired Environment env;

  @AfterAll
  static void dropRoleAndDatabase() throws SQLException {
    if (ownerApp != null) {
      ownerApp.close();
    }
    if (superuser != null) {
      try (Connection c = asSuperuser("bdtx.db.maintenance-database"); var s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS \"" + DATABASE + "\" WITH (FORCE)");
        s.execute("DROP ROLE IF EXISTS \"" + ROLE + "\"");
      }
    }
  }

  @Test
  void theAppRunsAsAnOwnerThatIsNotASuperuserAndItsKeptRowsCannotBeRewritten() throws Exception {
    superuser = env;
    makeRoleWithComposeScript();
    ownerApp = startAppAsOwner();
    DatabaseClient db = ownerApp.getBean(DatabaseClient.class);

    // The app's own connections: the role, not a superuser, owning every table the migrations made.
    assertThat(one(db, "SELECT current_user")).isEqualTo(ROLE);
    assertThat(one(db, "SELECT CAST(rolsuper AS text) FROM pg_roles WHERE rolname = current_user")).isEqualTo("false");
    assertThat(Long.parseLong(one(db, "SELECT CAST(count(*) AS text) FROM pg_tables WHERE schemaname = 'public'")))
        .isGreaterThan(40);
    assertThat(one(db, "SELECT CAST(count(*) AS text) FROM pg_tables WHERE schemaname = 'public' AND tableowner <> current_user"))
        .as("tables the role does not own").isEqualTo("0");

    // An audit row written by the app, then every rewrite of the kept tables refused by the database.
    ownerApp.getBean(AuditLog.class).record(null, "OWNER_ROLE_PROBE", null, null, Map.of()).block(Duration.ofSeconds(10));
    for (String rewrite : List.of("UPDATE audit_event SET action = 'REWRITTEN'", "DELETE FROM audit_event",
        "TRUNCATE audit_event", "TRUNCATE grade_change", "TRUNCATE submission_file", "TRUNCATE submission CASCADE")) {
      assertThatThrownBy(() -> db.sql(rewrite).then().block(Duration.ofSeconds(10)))
          .as(rewrite).hasMessageContaining("refused");
    }
    // The one switch that turns every trigger off is a superuser's.
    assertThatThrownBy(() -> db.sql("SET session_replication_role = replica").then().block(Duration.ofSeconds(10)))
        .hasMessageContaining("permission denied");
    assertThat(one(db, "SELECT CAST(count(*) AS text) FROM audit_event WHERE action = 'OWNER_ROLE_PROBE'")).isEqualTo("1");

    // Why it matters: a superuser deletes the audit row with that switch (rolled back here).
    try (Connection c = asSuperuser(DATABASE)) {
      c.setAutoCommit(false);
      try (var s = c.createStatement()) {
        s.execute("SET LOCAL session_replication_role = replica");
        assertThat(s.executeUpdate("DELETE FROM audit_event WHERE action = 'OWNER_ROLE_PROBE'")).isEqualTo(1);
      }
      c.rollback();
    }
    assertThat(one(db, "SELECT CAST(count(*) AS text) FROM audit_event WHERE action = 'OWNER_ROLE_PROBE'")).isEqualTo("1");
  }

  /** deploy/postgres/10-bdtx-role.sh, as the postgres image runs it on a new volume, against this machine's server. */
  private void makeRoleWithComposeScript() throws Exception {
    var script = new ProcessBuilder("sh", Path.of("../../deploy/postgres/10-bdtx-role.sh").toString())
        .redirectErrorStream(true);
    var e = script.environment();
    e.put("PGHOST", env.getProperty("bdtx.db.host"));
    e.put("PGPORT", env.getProperty("bdtx.db.port"));
    String password = env.getProperty("bdtx.db.password", "");
    if (!password.isEmpty()) {
      e.put("PGPASSWORD", password);
    }
    e.put("POSTGRES_USER", env.getProperty("bdtx.db.user"));
    e.put("BDTX_DB_USER", ROLE);
    e.put("BDTX_DB_NAME", DATABASE);
    e.put("BDTX_DB_PASSWORD", PASSWORD);
    Process p = script.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  private ConfigurableApplicationContext startAppAsOwner() {
    return new SpringApplicationBuilder(BdtxApplication.class).run(
        "--server.port=0",
        "--bdtx.db.host=" + env.getProperty("bdtx.db.host"),
        "--bdtx.db.port=" + env.getProperty("bdtx.db.port"),
        "--bdtx.db.user=" + ROLE,
        "--bdtx.db.password=" + PASSWORD,
        "--bdtx.db.name=" + DATABASE,
        // As in compose: the role may not create databases; the script made it.
        "--bdtx.db.create-if-missing=false",
        "--bdtx.redis.host=" + env.getProperty("bdtx.redis.host"),
        "--bdtx.redis.port=" + env.getProperty("bdtx.redis.port"),
        "--bdtx.redis.namespace=" + env.getProperty("bdtx.redis.namespace") + "-owner",
        "--bdtx.storage.embedded.data-dir=" + env.getProperty("bdtx.storage.embedded.data-dir") + "-owner",
        "--bdtx.storage.bucket-prefix=" + env.getProperty("bdtx.storage.bucket-prefix"),
        "--bdtx.content.dir=" + env.getProperty("bdtx.content.dir"),
        "--bdtx.reminders.enabled=false");
  }

  private static Connection asSuperuser(String databaseOrProperty) throws SQLException {
    String database = databaseOrProperty.startsWith("bdtx.") ? superuser.getProperty(databaseOrProperty) : databaseOrProperty;
    return DriverManager.getConnection("jdbc:postgresql://" + superuser.getProperty("bdtx.db.host") + ":"
        + superuser.getProperty("bdtx.db.port") + "/" + database, superuser.getProperty("bdtx.db.user"),
        superuser.getProperty("bdtx.db.password"));
  }

  private static String one(DatabaseClient db, String sql) {
    return db.sql(sql).map((r, m) -> r.get(0, String.class)).one().block(Duration.ofSeconds(10));
  }
}
