package vn.bdtx.learning;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.assignments.Grades;
import vn.bdtx.assignments.Submissions;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.completion.Certificates;
import vn.bdtx.completion.Completions;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.assignments.Marking;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Chromium;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.SampleFiles;
import vn.bdtx.support.SelfStudyDone;
import vn.bdtx.support.SharedClockContext;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.Uploads;
import vn.bdtx.support.WebSession;

/**
 * Issue 14's "done" for the learner, on a 390 px phone: the home page follows the
 * final assignment and the module. Returned for revision, it says what to fix and
 * by when; graded, it shows the score, the mark of each criterion and the
 * grader's comment; completed, it shows the certificate with a download link and
 * no open to-do (the certificate holder used to read "Nộp bài tập… hạn chót …").
 * The state is made through the services the grading and evaluation pages use.
 */
@BdtxIntegrationTest
@SharedClockContext
class LearnerHomeBrowserTest {

  static final String PW = "trang chu hoc vien";
  static final List<String> MARKS = List.of("2", "2,5", "1,5", "1,5", "1");

  @LocalServerPort int port;
  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Courses courses;
  @Autowired Cohorts cohorts;
  @Autowired Submissions submissions;
  @Autowired Grades grades;
  @Autowired Completions completions;
  @Autowired Certificates certificates;

  private long one(String sql, Object... binds) {
    return vn.bdtx.support.Sql.number(db, sql, binds);
  }

  private void submit(String username, long cohort, String text) {
    var s = WebSession.loggedIn(web, username, PW);
    s.get("/learn/" + cohort + "/submission");
    assertThat(Uploads.files(web, s, "/learn/" + cohort + "/submission", Map.of("key", UUID.randomUUID().toString()), "files",
        List.of(Map.entry("ke-hoach.pdf", SampleFiles.pdf(text)))).getStatus().value()).isEqualTo(303);
  }

  private long latestVersion(long enrollment) {
    return submissions.versions(enrollment).block(Duration.ofSeconds(5)).get(0).id();
  }

  private static void screenshot(Page page, Path dir, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name)).setFullPage(true));
  }

  private static void fitsThePhone(Page page) {
    assertThat(((Number) page.evaluate("document.scrollingElement.scrollWidth")).intValue()).as("page width").isLessThanOrEqualTo(390);
  }

  @Test
  void theHomeSaysWhatToFixThenShowsTheMarksThenTheCertificateWithNothingLeftToDo() throws Exception {
    clock.setVietnam("2026-12-16T20:00:00");
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.th", PW, Role.LECTURER);
    long core = accounts.create("cc.th", PW, Role.CORE_TEACHER);
    long institution = accounts.create("csbd.th", PW, Role.INSTITUTION);
    long learner = accounts.create("gv.th", PW, Role.LEARNER);
    db.sql("UPDATE account SET full_name = 'Trần Thị Mai' WHERE id = $1").bind(0, learner).then().block(Duration.ofSeconds(5));
    db.sql("UPDATE account SET full_name = 'Đỗ Văn Cường' WHERE id = $1").bind(0, core).then().block(Duration.ofSeconds(5));
    var byLecturer = new Caller(lecturer, "bcv.th", "BCV", false, Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    var byCore = new Caller(core, "cc.th", "Đỗ Văn Cường", false, Set.of(new Caller.Grant(Role.CORE_TEACHER, ScopeType.PROVINCE, null)));
    var byInstitution = new Caller(institution, "csbd.th", "CSBD", false,
        Set.of(new Caller.Grant(Role.INSTITUTION, ScopeType.PROVINCE, null)));
    long course = one("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'");
    CourseContent content = courses.latestVersion(course).block(Duration.ofSeconds(5)).content();
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(byLecturer, course, "Lớp GV-02 Hồng Lĩnh", java.time.LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    long cluster = one("INSERT INTO org_unit (kind, code, name) VALUES ('CLUSTER', 'CUM-HL', 'Cụm Hồng Lĩnh') RETURNING id");
    long group = one("INSERT INTO cohort_group (cohort_id, cluster_id, core_teacher_id) VALUES ($1, $2, $3) RETURNING id",
        cohort, cluster, core);
    cohorts.enroll(cohort, learner, "MAIN").block(Duration.ofSeconds(5));
    long e = cohorts.enrollment(cohort, learner).block(Duration.ofSeconds(5)).id();
    db.sql("UPDATE enrollment SET group_id = $1, registered_at = now() WHERE id = $2").bind(0, group).bind(1, e).then()
        .block(Duration.ofSeconds(5));
    SelfStudyDone.record(db, e, content);

    String base = "http://127.0.0.1:" + port;
    Path dir = Path.of(System.getProperty("bdtx.test.screenshots", "target/screenshots"), "learner-home");
    Files.createDirectories(dir);
    String c = String.valueOf(cohort);

    try (var chromium = new Chromium()) {
      Page page = chromium.browser().newContext(chromium.phone()).newPage();
      Chromium.logInToDashboard(page, base, "gv.th", PW);

      // 1. Handed in: nothing to do but wait for the grader.
      submit("gv.th", cohort, "Ke hoach lan 1");
      page.reload();
      assertThat(page.locator("#my-classes")).not().containsText("Nộp bài tập thực hành cuối khóa: hạn chót");

      // 2. Returned for revision: what to fix, and by when.
      grades.returnForRevision(byCore, e, latestVersion(e), "Bổ sung hoạt động Vận dụng và công cụ đánh giá.", null, "",
          clock.instant()).block(Duration.ofSeconds(5));
      page.reload();
      assertThat(page.locator("#returned-" + c)).containsText("trả lại để sửa");
      assertThat(page.locator("#returned-" + c)).containsText("trước 23:59 ngày 21/12/2026");
      assertThat(page.locator("#fix-" + c)).hasText("Bổ sung hoạt động Vận dụng và công cụ đánh giá.");
      assertThat(page.locator("#my-classes .next-due"))
          .hasText("Nộp bài tập thực hành cuối khóa: được trả lại để sửa — nộp lại trước 23:59 ngày 21/12/2026");
      fitsThePhone(page);
      screenshot(page, dir, "1-returned.png");
      page.navigate(base + "/learn");
      assertThat(page.locator("#enrollment-" + c + " li.todo-REVISE")).containsText("nộp lại trước 23:59 ngày 21/12/2026");
      assertThat(page.locator("#returned-" + c)).isVisible();

      // 3. Revised and graded: the score, every criterion's mark and the grader's comment.
      submit("gv.th", cohort, "Ke hoach lan 2");
      var marked = (Marking.Marked) Marking.mark(content.assignment().rubric(), MARKS);
      grades.grade(byCore, e, latestVersion(e), marked, "Kế hoạch đầy đủ; phần đánh giá còn sơ sài.", null, "", clock.instant())
          .block(Duration.ofSeconds(5));
      page.navigate(base + "/");
      assertThat(page.locator("#score-" + c)).hasText("Điểm bài tập cuối khóa: 8,5/10");
      assertThat(page.locator("#grade-" + c)).containsText("Đạt");
      var rubric = content.assignment().rubric().criteria();
      assertThat(page.locator("#marks-" + c + " tbody tr")).hasCount(rubric.size());
      assertThat(page.locator("#marks-" + c + " tbody tr").first()).containsText(rubric.get(0).name());
      assertThat(page.locator("#marks-" + c + " tbody tr").nth(1)).containsText("2,5/");
      assertThat(page.locator("#comment-" + c)).hasText("Kế hoạch đầy đủ; phần đánh giá còn sơ sài.");
      assertThat(page.locator("#grade-" + c)).containsText("Nhận xét của Đỗ Văn Cường");
      assertThat(page.locator("#returned-" + c)).hasCount(0);
      fitsThePhone(page);
      screenshot(page, dir, "2-graded.png");

      // 4. After the finishing phase the institution approves the class and issues the certificates.
      clock.setVietnam("2026-12-22T09:00:00");
      completions.evaluate(byInstitution, cohort, Map.of(), clock.instant()).block(Duration.ofSeconds(10));
      certificates.issue(cohort, clock.instant()).block(Duration.ofSeconds(30));
      page.navigate(base + "/");
      assertThat(page.locator("#completed-" + c)).containsText("hoàn thành mô đun");
      assertThat(page.locator("#certificate-" + c)).containsText("Tải giấy chứng nhận số");
      assertThat(page.locator("#my-classes .next-due")).hasCount(0);
      assertThat(page.locator("#my-classes")).not().containsText("Nộp bài tập thực hành cuối khóa: hạn chót");
      fitsThePhone(page);
      screenshot(page, dir, "3-completed.png");
      var download = page.waitForDownload(() -> page.locator("#certificate-" + c).click());
      byte[] pdf = Files.readAllBytes(download.path());
      assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");

      // ... and while the submission window is still open on the calendar, the to-do list asks for nothing either.
      clock.setVietnam("2026-12-21T09:00:00");
      page.navigate(base + "/learn");
      assertThat(page.locator("#certificate-" + c)).isVisible();
      assertThat(page.locator("#enrollment-" + c + " li.todo-OPEN")).hasCount(0);
      assertThat(page.locator("#enrollment-" + c + " li.todo-REVISE")).hasCount(0);
      assertThat(page.locator("#enrollment-" + c + " .todos")).not().containsText("hạn chót");
      screenshot(page, dir, "4-learn-completed.png");
    }
  }
}
