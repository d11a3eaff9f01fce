package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/**
 * V20_3 renames the message keys that notices and reminders stored under the old families (issue 20: a key's first
 * word is its context), so a notice written before the release still shows its text. Migrates an empty database to
 * V20_2, stores rows the way the release before wrote them, migrates the rest and reads them back.
 */
class MessageKeysMigrationTest {

  static final String HOST = System.getProperty("bdtx.db.host", "127.0.0.1");
  static final String USER = System.getProperty("bdtx.db.user", "postgres");

  @Test
  void keysStoredUnderTheOldFamiliesAreRenamedToKeysTheBundlesHave() throws Exception {
    String name = "bdtx_test_keys_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (Connection admin = connect("postgres")) {
      admin.createStatement().execute("CREATE DATABASE \"" + name + "\" ENCODING 'UTF8' TEMPLATE template0");
    }
    try {
      flyway(name, MigrationVersion.fromVersion("20.2")).migrate();
      try (Connection c = connect(name); var s = c.createStatement()) {
        // Rows of the release before; the enrollment a reminder belongs to is not the point here.
        s.execute("SET session_replication_role = replica");
        s.execute("INSERT INTO account (id, username, full_name, password_hash) VALUES (1, 'gv', 'Giáo viên', 'x')");
        s.execute("""
            INSERT INTO notification (account_id, kind, message_key, args, dedup_key) VALUES
              (1, 'GRADE', 'notice.grade', '["Toán", "8"]', 'grade:1'),
              (1, 'PEER_SUPPORT', 'notice.peersupport.PLAN.APPROVED', '[]', 'ps:1'),
              (1, 'REMINDER', 'reminder.SUBMIT_ASSIGNMENT', '[]', 'reminder:1')""");
        s.execute("""
            INSERT INTO reminder (kind, enrollment_id, occasion, message, message_key) VALUES
              ('BEHIND', 7, DATE '2026-11-30', NULL, 'reminder.BEHIND_NO_SUBMISSION'),
              ('SUBMIT', 7, DATE '2026-11-30', 'Câu đã lưu trước khi có khóa.', NULL)""");
      }
      flyway(name, MigrationVersion.LATEST).migrate();
      try (Connection c = connect(name); var s = c.createStatement()) {
        List<String> notices = new ArrayList<>();
        var n = s.executeQuery("SELECT message_key FROM notification ORDER BY dedup_key");
        while (n.next()) {
          notices.add(n.getString(1));
        }
        assertThat(notices).containsExactly("community.notice.grade", "community.notice.peersupport.PLAN.APPROVED",
            "cohorts.reminder.SUBMIT_ASSIGNMENT");
        List<String> reminders = new ArrayList<>();
        var r = s.executeQuery("SELECT message_key FROM reminder ORDER BY kind");
        while (r.next()) {
          reminders.add(r.getString(1));
        }
        assertThat(reminders).as("a reminder stored as a sentence keeps no key").containsExactly(
            "cohorts.reminder.BEHIND_NO_SUBMISSION", null);
        for (String lang : new String[] {"vi", "en"}) {
          var bundle = new Properties();
          try (var in = MessageKeysMigrationTest.class.getResourceAsStream("/messages_" + lang + ".properties")) {
            bundle.load(new InputStreamReader(in, StandardCharsets.UTF_8));
          }
          assertThat(bundle.stringPropertyNames()).as(lang).contains("community.notice.grade",
              "community.notice.peersupport.PLAN.APPROVED", "cohorts.reminder.SUBMIT_ASSIGNMENT",
              "cohorts.reminder.BEHIND_NO_SUBMISSION");
        }
      }
    } finally {
      try (Connection admin = connect("postgres")) {
        admin.createStatement().execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
      }
    }
  }

  private static Flyway flyway(String database, MigrationVersion target) {
    return Flyway.configure().dataSource(url(database), USER, "").locations("classpath:db/migration").target(target)
        .load();
  }

  private static Connection connect(String database) throws Exception {
    return DriverManager.getConnection(url(database), USER, "");
  }

  private static String url(String database) {
    return "jdbc:postgresql://" + HOST + ":5432/" + database;
  }
}
