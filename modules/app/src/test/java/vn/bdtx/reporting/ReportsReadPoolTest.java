package vn.bdtx.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.ReportFixture;
import vn.bdtx.support.WebSession;

/**
 * Report reads on a pool of their own (issue 19 item 6, a streaming replica for reports): with BDTX_REPORTS_DB_URL
 * set, the dashboards and exports read through it. The "replica" here is the test's database reached as a role of
 * its own that may only read (SELECT grants, default_transaction_read_only = on, as a hot standby allows nothing
 * else): the district officer's dashboards and an export show the same figures as ReportPagesTest, PostgreSQL has
 * the pool's connections as that role, and without that role's right to read report_enrollment the dashboard fails.
 */
@BdtxIntegrationTest
@DirtiesContext
class ReportsReadPoolTest {

  static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  static final String ROLE = "bdtx_reports_ro_" + HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(4));

  @DynamicPropertySource
  static void reportsPool(DynamicPropertyRegistry registry) {
    registry.add("bdtx.reports.db.url", () -> "r2dbc:postgresql://${bdtx.db.host}:${bdtx.db.port}/${bdtx.db.name}?applicationName=bdtx-reports");
    registry.add("bdtx.reports.db.user", () -> ROLE);
    registry.add("bdtx.reports.db.password", () -> "");
  }

  static DatabaseClient admin;

  @AfterAll
  static void dropRole() {
    if (admin != null) {
      admin.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + ROLE + "'").then()
          .then(admin.sql("DROP OWNED BY " + ROLE).then()).then(admin.sql("DROP ROLE IF EXISTS " + ROLE).then())
          .block(Duration.ofSeconds(10));
    }
  }

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired Cohorts cohorts;
  @Autowired ReportsDatabase reports;

  @Test
  void theDashboardsReadThroughTheReadOnlyReportsPool() {
    admin = db;
    String dbName = db.sql("SELECT current_database()").map((r, m) -> r.get(0, String.class)).one().block(Duration.ofSeconds(5));
    // A role that can only read, as a standby only serves reads; its sessions start read-only.
    for (String sql : List.of("CREATE ROLE " + ROLE + " LOGIN", "ALTER ROLE " + ROLE + " SET default_transaction_read_only = on",
        "GRANT CONNECT ON DATABASE \"" + dbName + "\" TO " + ROLE, "GRANT USAGE ON SCHEMA public TO " + ROLE,
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + ROLE)) {
      db.sql(sql).then().block(Duration.ofSeconds(10));
    }
    assertThat(reports.separate()).as("a reports pool of its own").isTrue();
    var p = ReportFixture.create(db, encoder, cohorts, "ro", 9_200_000, LocalDate.now(VIETNAM));

    var s = WebSession.loggedIn(web, p.username("pgd1"), ReportFixture.PASSWORD);
    var r = s.get("/reports");
    assertThat(r.getStatus().value()).isEqualTo(200);
    String page = HtmlUtils.htmlUnescape(r.getResponseBody());
    assertThat(page).contains("Phòng GD&ĐT huyện Một", "Tỉ lệ hoàn thành (mục tiêu 98%)", "50,0%", "còn thiếu 4 người");
    assertThat(page.indexOf("Trường Tiểu học Một")).isLessThan(page.indexOf("Trường Tiểu học Hai"));
    String school = HtmlUtils.htmlUnescape(s.get("/reports/units/" + p.school1 + "?year=" + p.year).getResponseBody());
    assertThat(school).contains("Trường Tiểu học Một", "20,0%");
    var csv = web.get().uri("/reports/units/" + p.district1 + "/export.csv?table=people").cookie(WebSession.COOKIE, s.sessionId())
        .exchange().expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
    assertThat(new String(csv, java.nio.charset.StandardCharsets.UTF_8)).contains("Giáo viên A1");
    // Every statement of those pages on the reports pool ran in a read-only session: a write would have failed them.
    assertThat(db.sql("SELECT count(*) FROM pg_stat_activity WHERE usename = $1 AND application_name = 'bdtx-reports'")
        .bind(0, ROLE).map((row, m) -> row.get(0, Long.class)).one().block(Duration.ofSeconds(5)))
        .as("connections of the reports pool, as the read-only role").isPositive();

    // The dashboard depends on what that role may read, not on the primary pool's rights: taken away, the page
    // fails; given back, it shows the figures again.
    db.sql("REVOKE SELECT ON report_enrollment FROM " + ROLE).then().block(Duration.ofSeconds(5));
    assertThat(s.get("/reports").getStatus().is2xxSuccessful()).as("dashboard without the role's read right").isFalse();
    db.sql("GRANT SELECT ON report_enrollment TO " + ROLE).then().block(Duration.ofSeconds(5));
    assertThat(HtmlUtils.htmlUnescape(s.get("/reports").getResponseBody())).contains("50,0%", "còn thiếu 4 người");
  }
}
