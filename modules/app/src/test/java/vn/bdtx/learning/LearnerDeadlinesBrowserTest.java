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
 * The learner's outline offers only what the calendar allows (the tester's
 * ended class offered every quiz, the submission and the survey, and the quiz
 * page then refused): before the class starts it says from when, after the end
 * it says the day it closed, and past attempts stay reviewable. Phone-sized.
 */
@BdtxIntegrationTest
@SharedClockContext
class LearnerDeadlinesBrowserTest {

  static final String PW = "han lam bai hoc vien";

  @LocalServerPort int port;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Courses courses;
  @Autowired Cohorts cohorts;
  @Autowired WebTestClient web;
  @Autowired Submissions submissions;
  @Autowired Grades grades;

  private long one(String sql, Object... binds) {
    return vn.bdtx.support.Sql.number(db, sql, binds);
  }

  @Test
  void theOutlineOffersOnlyWhatIsOpenAndSaysWhenTheRestOpensOrClosed() throws Exception {
    clock.setVietnam("2026-12-01T20:00:00");
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.hh", PW, Role.LECTURER);
    long learner = accounts.create("gv.hh", PW, Role.LEARNER);
    long late = accounts.create("gv.hh2", PW, Role.LEARNER);
    var byLecturer = new Caller(lecturer, "bcv.hh", "BCV", false, Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = one("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'");
    CourseContent content = courses.latestVersion(course).block(Duration.ofSeconds(5)).content();
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(byLecturer, course, "Lớp GV-02 Hương Khê", java.time.LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    cohorts.enroll(cohort, learner, "MAIN").block(Duration.ofSeconds(5));
    cohorts.enroll(cohort, late, "MAIN").block(Duration.ofSeconds(5));
    long e = cohorts.enrollment(cohort, learner).block(Duration.ofSeconds(5)).id();
    SelfStudyDone.record(db, e, content);
    int quizzes = (int) content.lectures().stream().filter(l -> l.quizCategory() != null && !l.quizCategory().isBlank()).count();

    String base = "http://127.0.0.1:" + port;
    Path dir = Path.of(System.getProperty("bdtx.test.screenshots", "target/screenshots"), "learner-deadlines");
    Files.createDirectories(dir);
    String outline = base + "/learn/" + cohort;

    try (var chromium = new Chromium()) {
      Page page = chromium.browser().newContext(chromium.phone()).newPage();
      Chromium.logInToDashboard(page, base, "gv.hh2", PW);

      // Before the start: nothing to do yet, and the outline says from when.
      page.navigate(outline);
      assertThat(page.locator("#outline a.quiz-link")).hasCount(0);
      assertThat(page.locator("#outline small.closed").first()).hasText("Mở từ ngày 07/12/2026");
      assertThat(page.locator("#submission-link")).hasCount(0);
      assertThat(page.locator("#submission-closed")).containsText("Mở từ ngày 1");
      assertThat(page.locator("#survey-link")).hasCount(0);
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("1-before.png")).setFullPage(true));

      // While self-study is open: every quiz is offered.
      clock.setVietnam("2026-12-08T20:00:00");
      page.navigate(outline);
      assertThat(page.locator("#outline a.quiz-link")).hasCount(quizzes);

      // After the end: nothing is offered, the outline says when it closed; the quiz page says the same.
      clock.setVietnam("2026-12-23T20:00:00");
      page.navigate(outline);
      assertThat(page.locator("#outline a.quiz-link")).hasCount(0);
      assertThat(page.locator("#outline small.closed")).hasCount(quizzes);
      assertThat(page.locator("#outline small.closed").first()).hasText("Đã hết hạn làm bài ngày 21/12/2026");
      assertThat(page.locator("#submission-link")).hasCount(0);
      assertThat(page.locator("#submission-closed")).containsText("Đã hết hạn làm bài ngày 21/12/2026");
      assertThat(page.locator("#survey-link")).hasCount(0);
      assertThat(page.locator("#survey-closed")).containsText("Đã hết hạn làm bài ngày 21/12/2026");
      assertThat(page.locator("main")).not().containsText("Làm câu hỏi bài tập");
      assertThat(page.locator("#outline a.quiz-review")).hasCount(0);
      String quizUrl = content.lectures().stream().filter(l -> l.quizCategory() != null && !l.quizCategory().isBlank())
          .findFirst().orElseThrow().id();
      page.navigate(outline + "/assignment");
      assertThat(page.locator("#submission-link")).hasCount(0);
      assertThat(page.locator("#submission-closed")).containsText("Đã hết hạn làm bài ngày 21/12/2026");
      // The marking guide's points use the decimal comma, as its descriptions do ("Tốt (2,5)").
      assertThat(page.locator("#rubric tfoot")).containsText("10,0");
      assertThat(page.locator("#rubric")).containsText("2,5");
      assertThat(page.locator("#rubric tbody tr td:nth-child(2)").allInnerTexts()).allSatisfy(t -> assertThat(t).matches("\\d+,\\d"));
      page.navigate(outline + "/quizzes/" + quizUrl);
      assertThat(page.locator("#quiz-closed")).hasText("Đã hết hạn làm bài ngày 21/12/2026");
      assertThat(((Number) page.evaluate("document.scrollingElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("2-ended-no-attempt.png")).setFullPage(true));

      // The learner who did the quizzes can still review them.
      page.context().clearCookies();
      Chromium.logInToDashboard(page, base, "gv.hh", PW);
      page.navigate(outline);
      assertThat(page.locator("#outline a.quiz-review")).hasCount(quizzes);
      page.locator("#outline a.quiz-review").first().click();
      assertThat(page.locator("#attempts tbody tr")).hasCount(1);
      page.navigate(outline);
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("3-ended-reviewable.png")).setFullPage(true));
    }
  }

  /** Issue 14 follow-up: graded and passed, self-study done, the learner is told what is still pending and from when. */
  @Test
  void aLearnerWhoDidEverythingReadsThatTheInstitutionEvaluatesFromTheDayItOpens() throws Exception {
    clock.setVietnam("2026-12-16T20:00:00");
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.ts", PW, Role.LECTURER);
    long core = accounts.create("cc.ts", PW, Role.CORE_TEACHER);
    long learner = accounts.create("gv.ts", PW, Role.LEARNER);
    var byLecturer = new Caller(lecturer, "bcv.ts", "BCV", false, Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    var byCore = new Caller(core, "cc.ts", "Cốt cán", false, Set.of(new Caller.Grant(Role.CORE_TEACHER, ScopeType.PROVINCE, null)));
    long course = one("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'");
    CourseContent content = courses.latestVersion(course).block(Duration.ofSeconds(5)).content();
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(byLecturer, course, "Lớp GV-02 Thạch Sơn", java.time.LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    long cluster = one("INSERT INTO org_unit (kind, code, name) VALUES ('CLUSTER', 'CUM-TS', 'Cụm Thạch Sơn') RETURNING id");
    long group = one("INSERT INTO cohort_group (cohort_id, cluster_id, core_teacher_id) VALUES ($1, $2, $3) RETURNING id",
        cohort, cluster, core);
    cohorts.enroll(cohort, learner, "MAIN").block(Duration.ofSeconds(5));
    long e = cohorts.enrollment(cohort, learner).block(Duration.ofSeconds(5)).id();
    db.sql("UPDATE enrollment SET group_id = $1, registered_at = now() WHERE id = $2").bind(0, group).bind(1, e).then()
        .block(Duration.ofSeconds(5));
    SelfStudyDone.record(db, e, content);
    var s = WebSession.loggedIn(web, "gv.ts", PW);
    s.get("/learn/" + cohort + "/submission");
    assertThat(Uploads.files(web, s, "/learn/" + cohort + "/submission", Map.of("key", UUID.randomUUID().toString()), "files",
        List.of(Map.entry("ke-hoach.pdf", SampleFiles.pdf("Ke hoach")))).getStatus().value()).isEqualTo(303);
    long version = submissions.versions(e).block(Duration.ofSeconds(5)).get(0).id();
    var marked = (Marking.Marked) Marking.mark(content.assignment().rubric(), List.of("2", "2,5", "1,5", "1,5", "1"));
    grades.grade(byCore, e, version, marked, "Tốt.", null, "", clock.instant()).block(Duration.ofSeconds(5));

    String base = "http://127.0.0.1:" + port;
    Path dir = Path.of(System.getProperty("bdtx.test.screenshots", "target/screenshots"), "learner-deadlines");
    Files.createDirectories(dir);
    String waiting = "Chờ cơ sở bồi dưỡng đánh giá (tiêu chí iii), từ ngày 22/12/2026";
    try (var chromium = new Chromium()) {
      Page page = chromium.browser().newContext(chromium.phone()).newPage();
      Chromium.logInToDashboard(page, base, "gv.ts", PW);
      assertThat(page.locator("#waiting-institution-" + cohort)).hasText(waiting);
      assertThat(page.locator("#my-courses-link")).isVisible();
      assertThat(((Number) page.evaluate("document.scrollingElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("4-home-waiting.png")).setFullPage(true));
      page.navigate(base + "/learn");
      assertThat(page.locator("#waiting-institution-" + cohort)).hasText(waiting);
      page.navigate(base + "/learn/" + cohort + "/result");
      assertThat(page.locator("#waiting-institution")).hasText(waiting);
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("5-result-waiting.png")).setFullPage(true));
    }
  }
}
