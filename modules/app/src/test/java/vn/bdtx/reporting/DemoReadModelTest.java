package vn.bdtx.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Sql;

/**
 * Issue 16: the demo province (BDTX_DEMO=true) appears in the reporting read
 * model — every unit, person, class and enrollment, with the figures its stages
 * stand for — and the model kept from its events equals one rebuilt from the
 * owners; an emptied model is rebuilt at start-up.
 */
@BdtxIntegrationTest
@TestPropertySource(properties = "bdtx.demo.enabled=true")
class DemoReadModelTest {

  static final Duration WAIT = Duration.ofSeconds(60);

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired ReportRefresher refresher;
  @Autowired ReportRebuild rebuild;

  private long count(String sql) {
    return Sql.number(db, sql);
  }

  private List<String> snapshot() {
    return db.sql("""
            SELECT t.k || ' ' || t.j::text FROM (
              SELECT 'u' AS k, to_jsonb(u) AS j FROM report_unit u
              UNION ALL SELECT 'p', to_jsonb(p) FROM report_person p
              UNION ALL SELECT 'c', to_jsonb(c) FROM report_cohort c
              UNION ALL SELECT 'e', to_jsonb(e) - 'refreshed_at' FROM report_enrollment e) t
            ORDER BY 1""")
        .map((r, m) -> r.get(0, String.class)).all().collectList().block(WAIT);
  }

  @Test
  void theDemoProvinceIsInTheReadModelAndEqualsARebuild() {
    refresher.refreshNow().block(WAIT);
    assertThat(count("SELECT count(*) FROM report_unit")).isEqualTo(count("SELECT count(*) FROM org_unit"));
    assertThat(count("SELECT count(*) FROM report_person")).isEqualTo(count("SELECT count(*) FROM account"));
    assertThat(count("SELECT count(*) FROM report_cohort")).isEqualTo(4);
    assertThat(count("SELECT count(*) FROM report_enrollment")).isEqualTo(80);
    // Every learner of the demo sits in a school of a district of the department, in a group with a core teacher.
    assertThat(count("""
        SELECT count(*) FROM report_enrollment
        WHERE school_id IS NOT NULL AND district_id IS NOT NULL AND province_id IS NOT NULL AND core_teacher_id IS NOT NULL""")).isEqualTo(80);
    // The ended class: learners 16–20 completed with a certificate; the class on day 3: a third not started.
    assertThat(count("SELECT count(*) FROM report_enrollment WHERE outcome = 'COMPLETED' AND certificate_number IS NOT NULL"))
        .isEqualTo(5);
    assertThat(count("SELECT count(*) FROM report_enrollment WHERE graded")).isPositive();
    assertThat(count("SELECT count(*) FROM report_enrollment WHERE returned")).isPositive();
    assertThat(count("SELECT count(*) FROM report_enrollment WHERE submitted AND NOT graded AND NOT returned")).isPositive();
    assertThat(count("SELECT count(*) FROM report_enrollment WHERE survey_submitted AND survey_rated > 0")).isPositive();
    assertThat(count("SELECT count(*) FROM report_enrollment WHERE NOT started")).isPositive();

    var incremental = snapshot();
    Sql.run(db, "DELETE FROM report_enrollment");
    Sql.run(db, "DELETE FROM report_cohort");
    Sql.run(db, "DELETE FROM report_person");
    Sql.run(db, "DELETE FROM report_unit");
    rebuild.rebuild().block(WAIT);
    assertThat(snapshot()).containsExactlyElementsOf(incremental);

    // An emptied model (an upgraded database) is rebuilt at start-up.
    Sql.run(db, "DELETE FROM report_enrollment");
    assertThat(rebuild.rebuildIfEmpty().block(WAIT)).isTrue();
    assertThat(snapshot()).containsExactlyElementsOf(incremental);
    assertThat(rebuild.rebuildIfEmpty().block(WAIT)).isFalse();
  }
}
