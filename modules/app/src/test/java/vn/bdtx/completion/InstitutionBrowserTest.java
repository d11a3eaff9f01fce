package vn.bdtx.completion;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Chromium;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.SelfStudyDone;
import vn.bdtx.support.TestAccounts;

/**
 * Issue 14's "done" for the training institution, on a phone, clicking links only:
 * from its dashboard to its class, the class's evaluation and certificates; on day
 * 10 the page says the evaluation opens on 22/12/2026 and what is still missing,
 * and a recording sent anyway (a page left open) is refused with nothing changed;
 * after the class's last day it records the evaluation and issues the certificates,
 * dated after the period they certify.
 */
@BdtxIntegrationTest
@Import(MovableClock.Config.class)
@DirtiesContext
class InstitutionBrowserTest {

  static final String PW = "co so boi duong danh gia";

  @LocalServerPort int port;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Courses courses;
  @Autowired Cohorts cohorts;

  private void sql(String sql, Object... binds) {
    vn.bdtx.support.Sql.run(db, sql, binds);
  }

  private long one(String sql, Object... binds) {
    return vn.bdtx.support.Sql.number(db, sql, binds);
  }

  private void submitted(long enrollment) {
    sql("INSERT INTO submission (enrollment_id, version, upload_key, submitted_at) VALUES ($1, 1, gen_random_uuid(), now())", enrollment);
  }

  private void graded(long enrollment, long grader, String score) {
    sql("""
        INSERT INTO assignment_grade (enrollment_id, submission_id, state, score, graded_by, graded_at)
        SELECT $1, id, 'GRADED', CAST($2 AS numeric), $3, now() FROM submission WHERE enrollment_id = $1""", enrollment, score, grader);
  }

  private static void shot(Page page, Path dir, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name)).setFullPage(true));
  }

  @Test
  void theInstitutionWalksFromItsDashboardToTheEvaluationIsRefusedBeforeTheEndThenEvaluatesAndIssuesCertificates() throws Exception {
    clock.setVietnam("2026-12-16T09:00:00");
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.tn", PW, Role.LECTURER);
    long core = accounts.create("cc.tn", PW, Role.CORE_TEACHER);
    accounts.create("csbd.tn", PW, Role.INSTITUTION);
    var by = new Caller(lecturer, "bcv.tn", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = one("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'");
    CourseContent content = courses.latestVersion(course).block(Duration.ofSeconds(5)).content();
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp GV-02 cụm Trường Sơn", LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    String[] names = {"Nguyễn Thị Hồng Nhung", "Trần Văn Đức", "Lê Thị Thu Hà"};
    long[] e = new long[3];
    for (int i = 0; i < 3; i++) {
      long account = accounts.create("gv.tn" + (i + 1), PW, Role.LEARNER);
      sql("UPDATE account SET full_name = $1 WHERE id = $2", names[i], account);
      cohorts.enroll(cohort, account, "MAIN").block(Duration.ofSeconds(5));
      e[i] = cohorts.enrollment(cohort, account).block(Duration.ofSeconds(5)).id();
      SelfStudyDone.record(db, e[i], content);
      submitted(e[i]);
    }
    graded(e[0], core, "8.5");
    graded(e[1], core, "7.0");
    String base = "http://127.0.0.1:" + port;
    Path dir = Path.of(System.getProperty("bdtx.test.screenshots", "target/screenshots"), "institution");
    Files.createDirectories(dir);

    try (var chromium = new Chromium()) {
      Page page = chromium.browser().newContext(chromium.phone()).newPage();
      Chromium.logInToDashboard(page, base, "csbd.tn", PW);
      shot(page, dir, "1-dashboard.png");

      // Day 10 of 15: from the dashboard to the class and its evaluation, by links.
      page.locator("#evaluations-link").click();
      assertThat(page.locator("h1")).hasText("Lớp cần đánh giá");
      assertThat(page.locator("#evaluated-cohorts")).containsText("Ngày 10/15 — Hoàn thiện");
      assertThat(page.locator("#evaluated-cohorts")).containsText("Đánh giá (iii) mở từ ngày 22/12/2026");
      shot(page, dir, "2-classes.png");
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Lớp GV-02 cụm Trường Sơn")).click();
      assertThat(page.locator("#cohort-day")).hasText("Ngày 10/15 — Hoàn thiện");
      assertThat(page.locator("#grading-link")).hasCount(0);
      page.locator("#evaluation-link").click();
      assertThat(page.locator("#opening")).containsText("mở từ ngày 22/12/2026");
      assertThat(page.locator("#missing-ungraded")).hasText("1 bài nộp chưa được chấm.");
      assertThat(page.locator("#record")).isDisabled();
      shot(page, dir, "3-not-yet.png");
      // On a 390 px phone the table fits: no sideways scrolling, each learner's fail box and reason in view.
      org.assertj.core.api.Assertions.assertThat(((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue())
          .as("the evaluation page's width on a phone").isLessThanOrEqualTo(390);
      var reason = page.locator("#standings input[name='reason-" + e[0] + "']");
      assertThat(reason).isVisible();
      var box = reason.boundingBox();
      org.assertj.core.api.Assertions.assertThat(box.x + box.width).as("the reason input's right edge").isLessThanOrEqualTo(390);
      // Wide enough to read what is typed (before, the column squeezed it to a few letters, "Lý d…").
      org.assertj.core.api.Assertions.assertThat(box.width).as("the reason input's width").isGreaterThanOrEqualTo(250);
      // A page left open from before sends the recording anyway: refused, and it says from when.
      page.evaluate("() => { for (const id of ['confirm', 'record']) document.getElementById(id).disabled = false; }");
      page.locator("#confirm").check();
      page.locator("#record").click();
      assertThat(page.locator("#problem")).containsText("chỉ mở từ ngày 22/12/2026");
      assertThat(one("SELECT count(*) FROM institution_evaluation")).isZero();
      shot(page, dir, "4-refused.png");

      // After the last day (21/12) and the last grade, back to the class through the menu.
      graded(e[2], core, "6.0");
      clock.setVietnam("2026-12-22T08:00:00");
      page.locator("#menu summary").click();
      shot(page, dir, "5-menu.png");
      page.locator("#menu").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Lớp cần đánh giá")).click();
      assertThat(page.locator("#evaluated-cohorts")).containsText("Chờ đánh giá (iii) — đã mở từ ngày 22/12/2026");
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Đánh giá của cơ sở bồi dưỡng (tiêu chí iii)")).click();
      assertThat(page.locator("#opening")).hasText("Đánh giá đã mở từ ngày 22/12/2026.");
      assertThat(page.locator("#missing-ungraded")).hasCount(0);
      page.locator("#confirm").check();
      page.locator("#record").click();
      assertThat(page.locator("#recorded")).isVisible();
      assertThat(page.locator("#summary")).hasText("3/3 học viên môn chính đã hoàn thành mô đun.");
      page.locator("#issue button").click();
      assertThat(page.locator("#certificate-counts")).isVisible();
      Awaitility.await("certificates rendered").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
          .until(() -> one("SELECT count(*) FROM certificate WHERE object_key IS NOT NULL") >= 3);
      page.reload();
      assertThat(page.locator("#certificate-counts")).containsText("3/3");
      shot(page, dir, "6-certificates.png");
      // Each number opens its verification page, dated after the period it certifies.
      page.locator(".certificate-number").first().click();
      assertThat(page.locator("#valid")).containsText("đang có hiệu lực");
      assertThat(page.locator("#facts")).containsText("22/12/2026");
      shot(page, dir, "7-verified.png");
      // The breadcrumbs lead back, each page opening for the institution.
      page.goBack();
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Lớp GV-02 cụm Trường Sơn")).click();
      assertThat(page.locator("h1")).hasText("Lớp GV-02 cụm Trường Sơn");
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("← Lớp cần đánh giá")).click();
      assertThat(page.locator("#evaluated-cohorts")).containsText("Đã đánh giá: 3/3 học viên hoàn thành · 3 giấy chứng nhận");
    }
    assertThat(one("""
        SELECT count(*) FROM certificate
        WHERE (issued_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= to_date OR to_date <> DATE '2026-12-21'""")).isZero();
  }
}
