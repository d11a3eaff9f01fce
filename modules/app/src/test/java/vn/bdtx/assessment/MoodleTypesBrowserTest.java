package vn.bdtx.assessment;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.domain.catalog.QuestionKind;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Chromium;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.SharedClockContext;

/**
 * The Moodle bank's types on a phone in Debian's Chromium: a teacher types a
 * short answer, types a number with a decimal comma while the network is down
 * (Enter saves it, never submits), matches pairs with selects, finds everything
 * after a reload, submits and reads 6,4 with each answer reviewed.
 */
@BdtxIntegrationTest
@SharedClockContext
class MoodleTypesBrowserTest {

  static final String PW = "cau hoi moodle tren dien thoai";

  @LocalServerPort int port;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Courses courses;
  @Autowired Cohorts cohorts;

  @Test
  void aTeacherAnswersEveryMoodleTypeOnAPhoneThroughANetworkLoss() throws Exception {
    clock.setVietnam("2026-12-08T20:00:00");
    var quiz = MoodleBankQuizClass.open(db, encoder, courses, cohorts, "bcv.moodle.dt", "gv.moodle.dt", PW, "Lớp Moodle trên điện thoại");
    long cohort = quiz.cohort;
    String lecture = quiz.lecture;
    var bank = quiz.bank();

    Path dir = Path.of(System.getProperty("bdtx.test.screenshots", "target/screenshots"), "moodle");
    Files.createDirectories(dir);
    String base = "http://127.0.0.1:" + port;
    try (var chromium = new Chromium()) {
      BrowserContext phone = chromium.browser().newContext(chromium.phone());
      Page page = phone.newPage();
      page.setDefaultTimeout(30_000);
      Chromium.logInToDashboard(page, base, "gv.moodle.dt", PW);
      page.navigate(base + "/learn/" + cohort + "/quizzes/" + lecture);
      page.locator("#start button").click();
      assertThat(page.locator("fieldset[data-question]")).hasCount(6);

      page.locator("input[name='q-" + id(bank, QuestionKind.SINGLE) + "'][value='0']").check();
      page.locator("input[name='q-" + id(bank, QuestionKind.MULTIPLE) + "'][value='0']").check();
      page.locator("input[name='q-" + id(bank, QuestionKind.MULTIPLE) + "'][value='1']").check();
      page.locator("input[name='q-" + id(bank, QuestionKind.TRUE_FALSE) + "'][value='1']").check();
      page.locator("#r-" + id(bank, QuestionKind.SHORT_ANSWER)).fill("hà nội");
      page.locator("#r-" + id(bank, QuestionKind.SHORT_ANSWER)).press("Tab");
      assertThat(page.locator("#save-status")).containsText("Đã lưu mọi câu trả lời");

      phone.setOffline(true);
      page.locator("#r-" + id(bank, QuestionKind.NUMERICAL)).fill("36,5");
      page.locator("#r-" + id(bank, QuestionKind.NUMERICAL)).press("Enter");
      assertThat(page.locator("#save-status")).containsText("Chưa gửi được 1 câu trả lời");
      assertThat(page.locator("h1")).hasText("Lần làm 1");
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("1-attempt-offline.png")).setFullPage(true));
      phone.setOffline(false);
      assertThat(page.locator("#save-status")).containsText("Đã lưu mọi câu trả lời");

      var selects = page.locator("select[name='m-" + id(bank, QuestionKind.MATCHING) + "']");
      selects.nth(0).selectOption("0");
      selects.nth(1).selectOption("3");
      selects.nth(2).selectOption("2");
      assertThat(page.locator("#save-status")).containsText("Đã lưu mọi câu trả lời");
      page.reload();
      assertThat(page.locator("#r-" + id(bank, QuestionKind.NUMERICAL))).hasValue("36,5");
      assertThat(page.locator("#r-" + id(bank, QuestionKind.SHORT_ANSWER))).hasValue("hà nội");
      assertThat(selects.nth(1)).hasValue("3");
      long wide = ((Number) page.evaluate("() => document.documentElement.scrollWidth")).longValue();
      org.assertj.core.api.Assertions.assertThat(wide).as("the page fits a 390 px phone").isLessThanOrEqualTo(390);

      page.locator("#submit").click();
      assertThat(page.locator("#result")).hasText("Điểm: 6,4/10 — Đạt.");
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("2-review.png")).setFullPage(true));
    }
  }

  @Test
  void aLearnerWhoLeavesAQuestionUnansweredIsToldWhichBeforeSubmitting() throws Exception {
    clock.setVietnam("2026-12-08T20:00:00");
    var quiz = MoodleBankQuizClass.open(db, encoder, courses, cohorts, "bcv.moodle.sot", "gv.moodle.sot", PW, "Lớp Moodle bỏ sót câu");
    var bank = quiz.bank();
    String base = "http://127.0.0.1:" + port;
    try (var chromium = new Chromium()) {
      Page page = chromium.browser().newContext(chromium.phone()).newPage();
      page.setDefaultTimeout(30_000);
      Chromium.logInToDashboard(page, base, "gv.moodle.sot", PW);
      page.navigate(base + "/learn/" + quiz.cohort + "/quizzes/" + quiz.lecture);
      page.locator("#start button").click();
      assertThat(page.locator("fieldset[data-question]")).hasCount(6);

      // Everything but the single-choice question (the first) and one row of the matching question.
      page.locator("input[name='q-" + id(bank, QuestionKind.MULTIPLE) + "'][value='0']").check();
      page.locator("input[name='q-" + id(bank, QuestionKind.TRUE_FALSE) + "'][value='1']").check();
      page.locator("#r-" + id(bank, QuestionKind.SHORT_ANSWER)).fill("hà nội");
      page.locator("#r-" + id(bank, QuestionKind.NUMERICAL)).fill("36,5");
      var selects = page.locator("select[name='m-" + id(bank, QuestionKind.MATCHING) + "']");
      selects.nth(0).selectOption("0");
      selects.nth(1).selectOption("3");
      assertThat(page.locator("#save-status")).containsText("Đã lưu mọi câu trả lời");

      // Submit: the page asks first, naming the questions left; "Cancel" keeps the learner on the attempt.
      String[] asked = new String[1];
      page.onceDialog(dialog -> {
        asked[0] = dialog.message();
        dialog.dismiss();
      });
      page.locator("#submit").click();
      assertThat(page.locator("h1")).hasText("Lần làm 1");
      org.assertj.core.api.Assertions.assertThat(asked[0]).startsWith("Bạn còn 2 câu chưa trả lời (câu ")
          .contains("Câu chưa trả lời được 0 điểm. Vẫn nộp bài?");
      assertThat(page.locator("#q-" + id(bank, QuestionKind.SINGLE))).hasClass(java.util.regex.Pattern.compile("unanswered"));
      assertThat(page.locator("#q-" + id(bank, QuestionKind.MULTIPLE))).not().hasClass(java.util.regex.Pattern.compile("unanswered"));
      assertThat(page.locator("#q-" + id(bank, QuestionKind.MATCHING))).hasClass(java.util.regex.Pattern.compile("unanswered"));

      // Submitted anyway ("OK"): the review says which question was not answered.
      selects.nth(2).selectOption("2");
      page.onceDialog(dialog -> {
        asked[0] = dialog.message();
        dialog.accept();
      });
      page.locator("#submit").click();
      assertThat(page.locator("#result")).containsText("Điểm:");
      org.assertj.core.api.Assertions.assertThat(asked[0]).startsWith("Bạn còn 1 câu chưa trả lời (câu ");
      assertThat(page.locator(".question-review .unanswered")).hasCount(1);
      assertThat(page.locator(".question-review .unanswered")).hasText("Bạn chưa trả lời câu này.");
    }
  }

  private static String id(List<Question> bank, QuestionKind kind) {
    return bank.stream().filter(q -> q.kind() == kind).findFirst().orElseThrow().id();
  }
}
