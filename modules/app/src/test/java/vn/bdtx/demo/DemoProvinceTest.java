package vn.bdtx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.WebSession;

/**
 * Issue 7 part 7: BDTX_DEMO=true on an empty database seeds the demo province at
 * start-up; its logins work and each shows the stage it stands for; starting
 * again seeds nothing twice, and a database with real data is never touched.
 */
@BdtxIntegrationTest
@DirtiesContext
@TestPropertySource(properties = "bdtx.demo.enabled=true")
class DemoProvinceTest {

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired DemoProvince demo;

  private long count(String sql) {
    return db.sql(sql).map((r, m) -> ((Number) r.get(0)).longValue()).one().block(Duration.ofSeconds(5));
  }

  private static String text(EntityExchangeResult<String> r) {
    return HtmlUtils.htmlUnescape(r.getResponseBody() == null ? "" : r.getResponseBody());
  }

  private String snapshot() {
    return count("SELECT count(*) FROM account") + "/" + count("SELECT count(*) FROM org_unit") + "/"
        + count("SELECT count(*) FROM cohort") + "/" + count("SELECT count(*) FROM submission") + "/"
        + count("SELECT count(*) FROM certificate");
  }

  @Test
  void anEmptyDatabaseBecomesAProvinceWhereEveryRoleHasSomethingToDo() {
    assertThat(count("SELECT count(*) FROM org_unit WHERE kind = 'DISTRICT_OFFICE'")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM org_unit WHERE kind = 'SCHOOL'")).isEqualTo(6);
    assertThat(count("SELECT count(*) FROM org_unit WHERE kind = 'CLUSTER'")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM cohort")).isEqualTo(4);
    assertThat(count("SELECT count(*) FROM enrollment")).isEqualTo(80);

    // A learner on day 3 who has not started, one of the ended class with a certificate.
    assertThat(text(WebSession.loggedIn(web, "hv01.demo", DemoProvince.PASSWORD).get("/learn"))).contains("Ngày 3/15");
    var done = WebSession.loggedIn(web, "hv76.demo", DemoProvince.PASSWORD);
    long cohort = count("SELECT e.cohort_id FROM enrollment e JOIN account a ON a.id = e.account_id WHERE a.username = 'hv76.demo'");
    long finishing = count("SELECT e.cohort_id FROM enrollment e JOIN account a ON a.id = e.account_id WHERE a.username = 'hv56.demo'");
    assertThat(text(done.get("/learn/" + cohort + "/result"))).contains("Thầy cô đã hoàn thành mô đun.", "Tải giấy chứng nhận (PDF)");
    assertThat(done.get("/learn/" + cohort + "/certificate").getStatus().value()).isEqualTo(303);

    // The core teacher of cluster 1 has submissions waiting.
    var core = WebSession.loggedIn(web, "cotcan1.demo", DemoProvince.PASSWORD);
    assertThat(text(core.get("/cohorts/" + finishing + "/grading"))).containsPattern("Chờ chấm \\([1-9]\\)");
    // The institution sees its four classes, the ended one evaluated; the one on day 12 opens after its last day.
    var csbd = WebSession.loggedIn(web, "csbd.demo", DemoProvince.PASSWORD);
    assertThat(text(csbd.get("/cohorts"))).contains("Đã đánh giá: 5/20 học viên hoàn thành · 5 giấy chứng nhận",
        "Đánh giá (iii) mở từ ngày");
    assertThat(text(csbd.get("/cohorts/" + cohort + "/evaluation"))).contains("5/20 học viên môn chính đã hoàn thành mô đun.");
    assertThat(text(csbd.get("/cohorts/" + finishing + "/evaluation"))).contains("0/20 học viên môn chính đã hoàn thành mô đun.",
        "Đánh giá của cơ sở bồi dưỡng mở từ ngày");
    assertThat(WebSession.loggedIn(web, "it.demo", DemoProvince.PASSWORD).get("/runs").getStatus().value()).isEqualTo(200);
    assertThat(WebSession.loggedIn(web, "bcv.demo", DemoProvince.PASSWORD).get("/cohorts").getStatus().value()).isEqualTo(200);

    // Started again: nothing twice. On a database with other data: nothing at all.
    String before = snapshot();
    demo.seed();
    assertThat(snapshot()).isEqualTo(before);
    db.sql("UPDATE account SET username = 'it.that' WHERE username = 'it.demo'").then().block(Duration.ofSeconds(5));
    demo.seed();
    assertThat(snapshot()).isEqualTo(before);
  }
}
