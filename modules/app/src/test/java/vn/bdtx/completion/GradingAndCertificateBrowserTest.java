package vn.bdtx.completion;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.CertificateQr;
import vn.bdtx.support.Chromium;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.SampleFiles;
import vn.bdtx.support.SharedClockContext;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.Uploads;
import vn.bdtx.support.WebSession;

/**
 * Issue 7's "done", tried as new users would in Debian's Chromium: a teacher
 * hands in the final assignment on a phone and reads the receipt; the core
 * teacher grades a group of five with the rubric, returns one for revision and
 * grades the resubmission; the institution approves the class and issues the
 * certificates; a completed teacher downloads hers, and its QR code opens the
 * public page that says it is valid.
 */
@BdtxIntegrationTest
@SharedClockContext
class GradingAndCertificateBrowserTest {

  static final String PW = "cham bai va cap giay";
  static final List<String> MARKS = List.of("2", "2,5", "2", "1,5", "1");

  @LocalServerPort int port;
  @Autowired WebTestClient web;
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

  private static void login(Page page, String base, String username) {
    Chromium.logInToDashboard(page, base, username, PW);
  }

  private static void grade(Page page) {
    for (int i = 0; i < MARKS.size(); i++) {
      page.locator("#m" + (i + 1)).fill(MARKS.get(i));
    }
    page.locator("#comment").fill("Kế hoạch đầy đủ, hoạt động rõ ràng.");
    page.locator("#grade").click();
    assertThat(page.locator("#done")).isVisible();
  }

  @Test
  void aGroupIsGradedWithOneRevisionTheClassApprovedAndTheCertificatesQrCodesVerify() throws Exception {
    clock.setVietnam("2026-12-16T20:00:00");
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.cn", PW, Role.LECTURER);
    long core = accounts.create("cc.cn", PW, Role.CORE_TEACHER);
    accounts.create("csbd.cn", PW, Role.INSTITUTION);
    var by = new Caller(lecturer, "bcv.cn", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = one("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'");
    CourseContent content = courses.latestVersion(course).block(Duration.ofSeconds(5)).content();
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp GV-02 cụm Sông Hồng", java.time.LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    long cluster = one("INSERT INTO org_unit (kind, code, name) VALUES ('CLUSTER', 'CUM-SH', 'Cụm Sông Hồng') RETURNING id");
    long group = one("INSERT INTO cohort_group (cohort_id, cluster_id, core_teacher_id) VALUES ($1, $2, $3) RETURNING id",
        cohort, cluster, core);
    String[] names = {"Nguyễn Thị Hồng Nhung", "Trần Văn Đức", "Lê Thị Thu Hà", "Phạm Quốc Việt", "Hoàng Thị Yến"};
    for (int i = 1; i <= 5; i++) {
      long account = accounts.create("gv.cn" + i, PW, Role.LEARNER);
      sql("UPDATE account SET full_name = $1 WHERE id = $2", names[i - 1], account);
      cohorts.enroll(cohort, account, "MAIN").block(Duration.ofSeconds(5));
      long e = cohorts.enrollment(cohort, account).block(Duration.ofSeconds(5)).id();
      sql("UPDATE enrollment SET group_id = $1, registered_at = now() WHERE id = $2", group, e);
      vn.bdtx.support.SelfStudyDone.record(db, e, content);
      if (i > 1) {
        var s = WebSession.loggedIn(web, "gv.cn" + i, PW);
        s.get("/learn/" + cohort + "/submission");
        assertThat(Uploads.files(web, s, "/learn/" + cohort + "/submission", Map.of("key", UUID.randomUUID().toString()), "files",
            List.of(Map.entry("ke-hoach.pdf", SampleFiles.pdf("Ke hoach " + i)))).getStatus().value()).isEqualTo(303);
      }
    }
    String base = "http://127.0.0.1:" + port;
    Path dir = Path.of(System.getProperty("bdtx.test.screenshots", "target/screenshots"), "grading");
    Files.createDirectories(dir);
    Path plan = dir.resolve("Kế hoạch bài dạy.pdf");
    Files.write(plan, SampleFiles.pdf("Ke hoach bai day cua Nhung"));

    try (var chromium = new Chromium()) {
      // 1. A teacher hands in her lesson plan on a phone.
      BrowserContext phone = chromium.browser().newContext(chromium.phone());
      Page page = phone.newPage();
      login(page, base, "gv.cn1");
      page.navigate(base + "/learn/" + cohort);
      page.locator("#submission-link").click();
      page.locator("#files").setInputFiles(plan);
      page.locator("#send").click();
      assertThat(page.locator("#receipt")).containsText("Đã nhận lần nộp 1");
      // Her account has no e-mail address: the page does not pretend the receipt was e-mailed (issue 14, item 6a).
      assertThat(page.locator("#receipt-mail")).containsText("chưa có địa chỉ thư điện tử");
      assertThat(page.locator("#v1")).containsText(SampleFiles.sha256(Files.readAllBytes(plan)));
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("1-receipt.png")).setFullPage(true));
      phone.close();

      // 2. The core teacher grades four with the rubric and returns one for revision.
      BrowserContext desk = chromium.browser().newContext();
      Page cc = desk.newPage();
      login(cc, base, "cc.cn");
      cc.navigate(base + "/cohorts");
      cc.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Lớp GV-02 cụm Sông Hồng")).click();
      cc.locator("#grading-link").click();
      assertThat(cc.locator("#queue tbody tr")).hasCount(5);
      assertThat(cc.locator("#status")).containsText("Chờ chấm (5)");
      for (int i = 1; i <= 4; i++) {
        cc.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(names[i - 1])).click();
        assertThat(cc.locator("#rubric")).containsText("Chuỗi hoạt động học");
        if (i == 1) {
          cc.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("2-grading.png")).setFullPage(true));
        }
        grade(cc);
      }
      cc.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(names[4])).click();
      cc.locator("#comment").fill("Bổ sung hoạt động Vận dụng và công cụ đánh giá.");
      cc.locator("#return").click();
      assertThat(cc.locator("#done")).isVisible();
      assertThat(cc.locator("#status")).containsText("Đã chấm (4)");
      assertThat(cc.locator("#status")).containsText("Đã trả lại để sửa (1)");

      // 3. The fifth revises and hands in again; the core teacher grades the new version.
      Page yen = chromium.browser().newContext(chromium.phone()).newPage();
      login(yen, base, "gv.cn5");
      yen.navigate(base + "/learn/" + cohort + "/submission");
      assertThat(yen.locator("#returned")).containsText("trả lại để sửa");
      assertThat(yen.locator("#comment")).containsText("Bổ sung hoạt động Vận dụng");
      Path revised = dir.resolve("ke-hoach-sua.pdf");
      Files.write(revised, SampleFiles.pdf("Ban da sua"));
      yen.locator("#files").setInputFiles(revised);
      yen.locator("#send").click();
      assertThat(yen.locator("#receipt")).containsText("Đã nhận lần nộp 2");
      cc.navigate(base + "/cohorts/" + cohort + "/grading?status=WAITING");
      cc.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(names[4])).click();
      assertThat(cc.locator("#v2")).isVisible();
      grade(cc);
      assertThat(cc.locator("#status")).containsText("Đã chấm (5)");

      // 4. After the class's last day (21/12) the institution approves the class and issues the certificates.
      clock.setVietnam("2026-12-22T08:00:00");
      Page csbd = desk.browser().newContext().newPage();
      login(csbd, base, "csbd.cn");
      csbd.navigate(base + "/cohorts/" + cohort + "/evaluation");
      assertThat(csbd.locator("#summary")).containsText("0/5");
      csbd.locator("#confirm").check();
      csbd.locator("#record").click();
      assertThat(csbd.locator("#recorded")).isVisible();
      assertThat(csbd.locator("#summary")).containsText("5/5 học viên môn chính đã hoàn thành mô đun.");
      csbd.locator("#issue button").click();
      assertThat(csbd.locator("#certificate-counts")).isVisible();
      Awaitility.await("certificates rendered").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
          .until(() -> one("SELECT count(*) FROM certificate c JOIN enrollment e ON e.id = c.enrollment_id"
              + " WHERE e.cohort_id = $1 AND c.object_key IS NOT NULL", cohort) >= 5);
      csbd.reload();
      assertThat(csbd.locator("#certificate-counts")).containsText("5/5");
      csbd.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("3-evaluation.png")).setFullPage(true));

      // 5. A completed teacher downloads her certificate; its QR code opens the page that says it is valid.
      Page nhung = chromium.browser().newContext(chromium.phone()).newPage();
      login(nhung, base, "gv.cn1");
      nhung.navigate(base + "/learn/" + cohort + "/result");
      assertThat(nhung.locator("#outcome")).hasText("Thầy cô đã hoàn thành mô đun.");
      var download = nhung.waitForDownload(() -> nhung.locator("#certificate").click());
      byte[] pdf = Files.readAllBytes(download.path());
      String url = CertificateQr.decode(pdf);
      String number = url.substring(url.lastIndexOf('/') + 1);
      org.assertj.core.api.Assertions.assertThat(url).endsWith("/verify/" + number);
      Page anyone = chromium.browser().newContext(chromium.phone()).newPage();
      anyone.navigate(base + "/verify/" + number);
      assertThat(anyone.locator("#valid")).containsText("đang có hiệu lực");
      assertThat(anyone.locator("#facts")).containsText("Nguyễn Thị Hồng Nhung");
      assertThat(anyone.locator("#facts")).containsText("GV-02");
      anyone.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("4-verified.png")).setFullPage(true));
    }
  }
}
