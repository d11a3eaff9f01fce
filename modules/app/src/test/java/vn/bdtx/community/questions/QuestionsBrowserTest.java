package vn.bdtx.community.questions;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.community.Notifications;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Chromium;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.SharedClockContext;
import vn.bdtx.support.TestAccounts;

/**
 * Issue 17's "done" for questions, on a 390 px phone: a learner asks (with a photo) from their outline, the
 * group's core teacher escalates it to the lecturer, the lecturer answers and publishes it to the module's
 * FAQ with one click, a learner of another class of the same module finds it by searching without
 * diacritics, and the first learner has an unread notice and reads the answer.
 */
@BdtxIntegrationTest
@SharedClockContext
class QuestionsBrowserTest {

  static final String PW = "hoi dap tren dien thoai";

  @LocalServerPort int port;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Cohorts cohorts;
  @Autowired Notifications notifications;

  private long one(String sql) {
    return db.sql(sql).map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5));
  }

  private Page login(Browser browser, Chromium chromium, String username) {
    Page page = browser.newContext(chromium.phone()).newPage();
    Chromium.logInToDashboard(page, "http://127.0.0.1:" + port, username, PW);
    return page;
  }

  private static void fitsThePhone(Page page) {
    assertThat(((Number) page.evaluate("document.scrollingElement.scrollWidth")).intValue()).as("page width " + page.url())
        .isLessThanOrEqualTo(390);
  }

  private static void screenshot(Page page, Path dir, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name)).setFullPage(true));
  }

  @Test
  void aQuestionAskedOnAPhoneIsEscalatedAnsweredPublishedAndFoundFromAnotherClass() throws Exception {
    clock.setVietnam("2026-12-08T09:00:00");
    var accounts = new TestAccounts(db, encoder);
    long learner = accounts.create("gv.hd1", PW, Role.LEARNER);
    long other = accounts.create("gv.hd2", PW, Role.LEARNER);
    long core = accounts.create("cc.hd", PW, Role.CORE_TEACHER);
    long lecturer = accounts.create("bcv.hd", PW, Role.LECTURER);
    var by = new Caller(lecturer, "bcv.hd", "BCV", false, Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = one("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'");
    long c1 = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp GV-02 Đồng Xoài", java.time.LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    long c2 = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp GV-02 Bình Long", java.time.LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    db.sql("UPDATE cohort SET lecturer_id = " + lecturer + " WHERE id IN (" + c1 + ", " + c2 + ")").then().block(Duration.ofSeconds(5));
    long cluster = one("INSERT INTO org_unit (kind, code, name) VALUES ('CLUSTER', 'CUM-HD', 'Cụm Đồng Xoài') RETURNING id");
    long group = one("INSERT INTO cohort_group (cohort_id, cluster_id, core_teacher_id) VALUES (" + c1 + ", " + cluster + ", " + core
        + ") RETURNING id");
    cohorts.enroll(c1, learner, "MAIN").block(Duration.ofSeconds(5));
    cohorts.enroll(c2, other, "MAIN").block(Duration.ofSeconds(5));
    db.sql("UPDATE enrollment SET group_id = " + group + " WHERE cohort_id = " + c1).then().block(Duration.ofSeconds(5));

    Path dir = Path.of(System.getProperty("bdtx.test.screenshots", "target/screenshots"), "questions");
    Files.createDirectories(dir);
    Path photo = dir.resolve("man-hinh.png");
    Files.write(photo, java.util.Base64.getDecoder().decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="));

    try (var chromium = new Chromium()) {
      Browser browser = chromium.browser();

      // 1. The learner asks from their course outline, with a photo of the screen.
      Page asker = login(browser, chromium, "gv.hd1");
      asker.navigate("http://127.0.0.1:" + port + "/learn/" + c1);
      asker.locator("#questions-link").click();
      assertThat(asker.locator("h1")).hasText("Hỏi đáp của lớp");
      asker.locator("#body").fill("Cách đánh giá sản phẩm cuối khóa theo tiêu chí nào?");
      asker.locator("#file").setInputFiles(photo);
      asker.locator("#send").click();
      assertThat(asker.locator("#asked")).isVisible();
      assertThat(asker.locator("#state")).containsText("Chờ trả lời");
      assertThat(asker.locator("#file")).containsText("man-hinh.png");
      fitsThePhone(asker);
      screenshot(asker, dir, "1-asked.png");
      long id = Long.parseLong(asker.url().replaceAll(".*/questions/(\\d+).*", "$1"));

      // 2. The group's core teacher finds it in their queue and sends it to the lecturer with a note.
      Page coreTeacher = login(browser, chromium, "cc.hd");
      coreTeacher.navigate("http://127.0.0.1:" + port + "/questions/queue");
      coreTeacher.locator("#q" + id + " a").click();
      coreTeacher.locator("#target").selectOption("LECTURER");
      coreTeacher.locator("#note").fill("Nhờ báo cáo viên giải đáp về hướng dẫn chấm.");
      coreTeacher.locator("#send-escalate").click();
      assertThat(coreTeacher.locator("#state")).containsText("Đã chuyển lên báo cáo viên");
      fitsThePhone(coreTeacher);
      screenshot(coreTeacher, dir, "2-escalated.png");

      // 3. The lecturer answers from their queue and publishes it to the module's FAQ with one click.
      Page lecturerPage = login(browser, chromium, "bcv.hd");
      lecturerPage.navigate("http://127.0.0.1:" + port + "/questions/queue");
      assertThat(lecturerPage.locator("#q" + id)).containsText("Lớp GV-02 Đồng Xoài");
      lecturerPage.locator("#q" + id + " a").click();
      assertThat(lecturerPage.locator("#escalation-note")).containsText("hướng dẫn chấm");
      lecturerPage.locator("#text").fill("Sản phẩm được chấm theo 5 tiêu chí của hướng dẫn chấm (rubric) của mô đun.");
      lecturerPage.locator("#send-answer").click();
      assertThat(lecturerPage.locator("#state")).containsText("Đã trả lời");
      lecturerPage.locator("#send-publish").click();
      assertThat(lecturerPage.locator("#published")).isVisible();
      assertThat(lecturerPage.locator("h1")).hasText("Câu hỏi thường gặp – mô đun GV-02");
      fitsThePhone(lecturerPage);
      screenshot(lecturerPage, dir, "3-published.png");

      // 4. A learner of another class of the module searches without diacritics and finds it.
      Page finder = login(browser, chromium, "gv.hd2");
      finder.navigate("http://127.0.0.1:" + port + "/cohorts/" + c2 + "/questions");
      finder.locator("#faq-link").click();
      finder.locator("#q").fill("danh gia san pham");
      finder.locator("#find").click();
      assertThat(finder.locator(".faq-entry")).hasCount(1);
      assertThat(finder.locator(".faq-entry h2")).hasText("Cách đánh giá sản phẩm cuối khóa theo tiêu chí nào?");
      assertThat(finder.locator(".faq-entry .answer")).containsText("5 tiêu chí");
      fitsThePhone(finder);
      screenshot(finder, dir, "4-found.png");
      finder.locator("#q").fill("mat khau tai khoan");
      finder.locator("#find").click();
      assertThat(finder.locator("#no-entries")).isVisible();

      // 5. The asker sees the answer in the notification centre: the header counts it, the centre lists it,
      // and opening it marks it read and leads to the answered question.
      assertThat(notifications.unread(learner).block(Duration.ofSeconds(5))).isEqualTo(1);
      asker.reload();
      assertThat(asker.locator("#unread-notices")).containsText("1");
      asker.locator("#unread-notices").click();
      assertThat(asker.locator("#notices li.unread")).hasCount(1);
      fitsThePhone(asker);
      screenshot(asker, dir, "5-notices.png");
      asker.locator("#notices li.unread a").click();
      assertThat(notifications.unread(learner).block(Duration.ofSeconds(5))).isZero();
      assertThat(asker.locator("#state")).containsText("Đã trả lời");
      assertThat(asker.locator("#answer-text")).containsText("5 tiêu chí");
      fitsThePhone(asker);
      screenshot(asker, dir, "6-answered.png");
    }
  }
}
