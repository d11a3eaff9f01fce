package vn.bdtx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.RoleScopes;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.reporting.ReportRefresher;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Chromium;
import vn.bdtx.support.WebSession;

/**
 * What a phone tour of the demo province found (session 13): the audit log showed internal numbers
 * ("Ghi danh 45") and marks with a decimal point, the district office's cards led nowhere, and the
 * lecturer's course list named the content folder as a course's owner and offered modules by code only.
 */
@BdtxIntegrationTest
@DirtiesContext
@TestPropertySource(properties = "bdtx.demo.enabled=true")
class DemoTourTest {

  static final String PW = DemoProvince.PASSWORD;

  @LocalServerPort int port;
  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired AuditLog audit;
  @Autowired Cohorts cohorts;
  @Autowired ReportRefresher refresher;

  private String text(String sql) {
    return db.sql(sql).map((r, m) -> String.valueOf(r.get(0))).one().block(Duration.ofSeconds(5));
  }

  private static String body(EntityExchangeResult<String> r) {
    return r.getResponseBody() == null ? "" : r.getResponseBody();
  }

  @Test
  void theAuditLogNamesTheLearnerTheClassAndTheCourseAndWritesMarksWithADecimalComma() {
    long enrollment = Long.parseLong(text("""
        SELECT e.id FROM enrollment e JOIN account a ON a.id = e.account_id WHERE a.username = 'hv56.demo'"""));
    String learner = text("SELECT full_name FROM account WHERE username = 'hv56.demo'");
    String cohort = text("SELECT c.name FROM cohort c JOIN enrollment e ON e.cohort_id = c.id WHERE e.id = " + enrollment);
    long cohortId = Long.parseLong(text("SELECT cohort_id FROM enrollment WHERE id = " + enrollment));
    long course = Long.parseLong(text("SELECT course_id FROM cohort WHERE id = " + cohortId));
    String courseTitle = text("SELECT title FROM course WHERE id = " + course);
    audit.record(null, "ASSIGNMENT_GRADED", "enrollment", enrollment, Map.of("score", "7.5", "reason", ""))
        .block(Duration.ofSeconds(5));
    audit.record(null, "COHORT_OPENED", "cohort", cohortId, Map.of("course", String.valueOf(course), "version", "1"))
        .block(Duration.ofSeconds(5));

    String page = VietnamesePagesTest.visible(body(WebSession.loggedIn(web, "it.demo", PW).get("/admin/audit")));

    assertThat(page).contains("Ghi danh: " + learner + " — " + cohort, "Điểm: 7,5", "Lớp: " + cohort,
        "Khóa học: " + courseTitle)
        .doesNotContain("Ghi danh " + enrollment, "Lớp " + cohortId, "7.5");
  }

  @Test
  void theAuditLogNamesASubmissionByItsTimeAndAPeerSupportPlanByItsAuthorAndLeavesOutAnEmptyReason() {
    long submission = Long.parseLong(text("SELECT min(id) FROM submission"));
    String version = text("SELECT version FROM submission WHERE id = " + submission);
    long enrollment = Long.parseLong(text("SELECT enrollment_id FROM submission WHERE id = " + submission));
    String author = text("SELECT full_name FROM account WHERE username = 'hv56.demo'");
    long plan = Long.parseLong(text("""
        INSERT INTO peer_support_version (author_id, run_id, kind, version, upload_key, submitted_at, late, file_name,
          content_type, size, sha256, object_key, approver)
        SELECT a.id, (SELECT min(id) FROM module_run), 'PLAN', 2, gen_random_uuid(), now(), false, 'ke-hoach.pdf',
          'application/pdf', 1000, repeat('a', 64), 'peer-support/test', 'PRINCIPAL'
        FROM account a WHERE a.username = 'hv56.demo' RETURNING id"""));
    audit.record(null, "ASSIGNMENT_RETURNED", "enrollment", enrollment, Map.of("submission", submission, "reason", ""))
        .block(Duration.ofSeconds(5));
    audit.record(null, "PEER_SUPPORT_APPROVED", "peer_support_version", plan, Map.of("version", 2))
        .block(Duration.ofSeconds(5));

    String html = body(WebSession.loggedIn(web, "it.demo", PW).get("/admin/audit"));
    String page = VietnamesePagesTest.visible(html);

    assertThat(html).doesNotContain(">Lý do: </span><span></span>");
    assertThat(page).contains("Bài nộp: lần nộp " + version + ", lúc ",
        "Bản nộp hỗ trợ đồng nghiệp: " + author + " — Kế hoạch hỗ trợ đồng nghiệp, lần nộp 2")
        .doesNotContain("Bài nộp: " + submission, "Bản nộp hỗ trợ đồng nghiệp " + plan);
  }

  @Test
  void theDistrictOfficeGoesFromEachSchoolAndClassToTheReportOfIt() {
    var phong = WebSession.loggedIn(web, "phong.demo", PW);
    String page = body(phong.get("/district"));
    var links = Pattern.compile("<a class=\"(school-report|class-report)\" href=\"([^\"]+)\">([^<]+)</a>").matcher(page)
        .results().toList();
    assertThat(links.stream().map(m -> m.group(1)).distinct()).containsExactlyInAnyOrder("school-report", "class-report");
    for (var link : links) {
      var report = phong.get(link.group(2));
      assertThat(report.getStatus().value()).as(link.group(2)).isEqualTo(200);
      assertThat(body(report)).as(link.group(2)).contains(link.group(3));
    }
    // The schools and classes of the other district stay out of reach.
    String otherSchool = text("""
        SELECT s.id FROM org_unit s JOIN org_unit d ON d.id = s.parent_id WHERE s.kind = 'SCHOOL'
        AND d.id NOT IN (SELECT scope_id FROM role_grant g JOIN account a ON a.id = g.account_id WHERE a.username = 'phong.demo')
        LIMIT 1""");
    assertThat(phong.get("/reports/units/" + otherSchool).getStatus().value()).isEqualTo(404);
  }

  @Test
  void aPrincipalGoesFromEachClassOfTheSchoolToItsReportButNotToAClassWithoutTheSchoolsTeachers() {
    var principal = WebSession.loggedIn(web, "hieutruong.demo", PW);
    String page = body(principal.get("/school/classes"));
    var links = Pattern.compile("<a class=\"class-report\" href=\"([^\"]+)\">([^<]+)</a>").matcher(page).results().toList();
    assertThat(links).hasSize(Integer.parseInt(text("SELECT count(*) FROM cohort")));
    for (var link : links) {
      var report = principal.get(link.group(1));
      assertThat(report.getStatus().value()).as(link.group(1)).isEqualTo(200);
      assertThat(body(report)).as(link.group(1)).contains(link.group(2));
    }
    // A class whose only learner teaches at another school stays out of the principal's reach.
    long lecturer = Long.parseLong(text("SELECT id FROM account WHERE username = 'bcv.demo'"));
    long course = Long.parseLong(text("SELECT min(course_id) FROM cohort"));
    var by = new Caller(lecturer, "bcv.demo", "bcv.demo", false,
        Set.of(new Caller.Grant(Role.LECTURER, RoleScopes.scopeOf(Role.LECTURER), null)));
    long other = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp của trường khác", LocalDate.now())
        .block(Duration.ofSeconds(5))).cohortId();
    long teacher = Long.parseLong(text("""
        SELECT a.id FROM account a WHERE a.username LIKE 'hv%.demo' AND a.school_id <> (SELECT school_id FROM account
        WHERE username = 'hieutruong.demo') ORDER BY a.id LIMIT 1"""));
    cohorts.enroll(other, teacher, "REFERENCE").block(Duration.ofSeconds(5));
    refresher.refreshNow().block(Duration.ofSeconds(30));
    assertThat(WebSession.loggedIn(web, "giamsat.demo", PW).get("/reports/cohorts/" + other).getStatus().value())
        .as("the province's supervisor sees it").isEqualTo(200);
    assertThat(principal.get("/reports/cohorts/" + other).getStatus().value()).isEqualTo(404);
    assertThat(body(principal.get("/school/classes"))).doesNotContain("Lớp của trường khác");
  }

  @Test
  void aLecturerChoosesAModuleByItsTitleAndSeesWhoInstalledTheSampleCourse() {
    String page = VietnamesePagesTest.visible(body(WebSession.loggedIn(web, "bcv.demo", PW).get("/lecturer/courses")));
    String title = text("SELECT title FROM training_module WHERE code = 'GV-02'");
    assertThat(page).contains(title + " (GV-02)", "Khóa học mẫu do Tổ CNTT cài đặt").doesNotContain("Nạp từ thư mục");
  }

  @Test
  void onAPhoneTheAuditLogTheDistrictPageAndTheCoursesFitTheScreenAndTheDistrictsClassesOpen() throws Exception {
    audit.record(null, "ASSIGNMENT_GRADED", "enrollment", Long.parseLong(text("SELECT min(id) FROM enrollment")),
        Map.of("score", "8.25", "reason", "")).block(Duration.ofSeconds(5));
    Path dir = Path.of(System.getProperty("bdtx.test.screenshots", "target/screenshots"), "demo-tour");
    Files.createDirectories(dir);
    try (var chromium = new Chromium()) {
      Page it = phoneLoggedIn(chromium, "it.demo");
      it.navigate("http://127.0.0.1:" + port + "/admin/audit");
      com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(it.locator("#audit-events")).containsText("Điểm: 8,3");
      Chromium.fitsThePhone(it, "#audit-events td");
      it.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("1-audit.png")).setFullPage(true));

      Page phong = phoneLoggedIn(chromium, "phong.demo");
      phong.navigate("http://127.0.0.1:" + port + "/district");
      Chromium.fitsThePhone(phong, "#district-schools td, #district-classes li");
      phong.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("2-district.png")).setFullPage(true));
      var firstClass = phong.locator("#district-classes a.class-report").first();
      String name = firstClass.textContent().trim();
      firstClass.click();
      com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(phong.locator("h1")).containsText(name);

      Page bcv = phoneLoggedIn(chromium, "bcv.demo");
      bcv.navigate("http://127.0.0.1:" + port + "/lecturer/courses");
      Chromium.fitsThePhone(bcv, "#module");
      // Each course is a card on a phone: who set it up reads on one or two lines, not four in a narrow column.
      Chromium.fitsThePhone(bcv, "#courses td");
      double lines = ((Number) bcv.evaluate("""
          () => { const td = [...document.querySelectorAll('#courses td')]
                    .find(c => c.textContent.includes('Khóa học mẫu do Tổ CNTT cài đặt'));
                  const s = getComputedStyle(td);
                  const line = s.lineHeight === 'normal' ? parseFloat(s.fontSize) * 1.25 : parseFloat(s.lineHeight);
                  return (td.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom)) / line; }""")).doubleValue();
      assertThat(lines).as("lines the sample course's owner takes on a phone").isLessThan(2.5);
      bcv.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("3-courses.png")).setFullPage(true));
    }
  }

  private Page phoneLoggedIn(Chromium chromium, String username) {
    Page page = chromium.browser().newContext(chromium.phone()).newPage();
    page.setDefaultTimeout(30_000);
    Chromium.logIn(page, "http://127.0.0.1:" + port, username, PW);
    com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("h1")).hasText("Trang chủ");
    return page;
  }
}
