package vn.bdtx.assessment;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.catalog.QuestionKind;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Chromium;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.SharedClockContext;

/**
 * Issue 18 item 3: a phone whose clock is a year ahead answers several
 * questions, then its clock is set right and it changes every answer. Each
 * change is saved (the server orders saves by the page's own counter, never
 * the device's clock), nothing is reported as closed, and after submitting
 * every last answer is in the database. Before the fix the first change was
 * refused as older (409), the page dropped its unsent answers and reloaded.
 */
@BdtxIntegrationTest
@SharedClockContext
class ClockAheadQuizBrowserTest {

  static final String PW = "dong ho chay nhanh mot nam";
  /** Date.now() a year ahead until the page sets window.__skew to 0 (the phone's clock set right). */
  static final String CLOCK_AHEAD = """
      (() => { const real = Date.now.bind(Date);
        Date.now = () => real() + (window.__skew === undefined ? 365 * 24 * 3600 * 1000 : window.__skew); })();""";

  @LocalServerPort int port;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Courses courses;
  @Autowired Cohorts cohorts;

  @Test
  void aPhoneWithItsClockAheadKeepsEveryAnswer() throws Exception {
    clock.setVietnam("2026-12-08T20:00:00");
    var quiz = MoodleBankQuizClass.open(db, encoder, courses, cohorts, "bcv.dongho.dt", "gv.dongho.dt", PW, "Lớp đồng hồ");
    long cohort = quiz.cohort;
    String lecture = quiz.lecture;
    String single = quiz.question(QuestionKind.SINGLE);
    String multiple = quiz.question(QuestionKind.MULTIPLE);
    String trueFalse = quiz.question(QuestionKind.TRUE_FALSE);

    String base = "http://127.0.0.1:" + port;
    try (var chromium = new Chromium()) {
      BrowserContext phone = chromium.browser().newContext(chromium.phone());
      phone.addInitScript(CLOCK_AHEAD);
      Page page = phone.newPage();
      page.setDefaultTimeout(30_000);
      Chromium.logInToDashboard(page, base, "gv.dongho.dt", PW);
      page.navigate(base + "/learn/" + cohort + "/quizzes/" + lecture);
      page.locator("#start button").click();
      assertThat(page.locator("fieldset[data-question]")).hasCount(6);
      long attempt = Long.parseLong(page.locator("#attempt").getAttribute("data-attempt"));
      org.assertj.core.api.Assertions.assertThat(((Number) page.evaluate("() => Date.now() - new Date().getTime()")).longValue())
          .as("only Date.now is ahead, as quiz.js reads it").isGreaterThan(300L * 24 * 3600 * 1000);

      // A year ahead: three answers, each saved.
      page.locator("input[name='q-" + single + "'][value='0']").check();
      page.locator("input[name='q-" + multiple + "'][value='0']").check();
      page.locator("input[name='q-" + trueFalse + "'][value='1']").check();
      assertThat(page.locator("#save-status")).containsText("Đã lưu mọi câu trả lời");

      // The clock set right: every answer changed, each saved, nothing reported closed, no reload.
      page.evaluate("() => { window.__skew = 0; }");
      page.locator("input[name='q-" + single + "'][value='1']").check();
      page.locator("input[name='q-" + multiple + "'][value='1']").check();
      page.locator("input[name='q-" + trueFalse + "'][value='0']").check();
      assertThat(page.locator("#save-status")).containsText("Đã lưu mọi câu trả lời");
      org.assertj.core.api.Assertions.assertThat(quiz.chosen(attempt, single)).as("saved before submit").containsExactly(1);
      org.assertj.core.api.Assertions.assertThat(quiz.chosen(attempt, multiple)).containsExactly(0, 1);
      org.assertj.core.api.Assertions.assertThat(quiz.chosen(attempt, trueFalse)).containsExactly(0);

      // Three of six left unanswered on purpose: the page asks first, and the learner submits anyway.
      String[] asked = new String[1];
      page.onceDialog(dialog -> {
        asked[0] = dialog.message();
        dialog.accept();
      });
      page.locator("#submit").click();
      assertThat(page.locator("#result")).isVisible();
      org.assertj.core.api.Assertions.assertThat(asked[0]).startsWith("Bạn còn 3 câu chưa trả lời");
      org.assertj.core.api.Assertions.assertThat(quiz.chosen(attempt, single)).as("kept after submit").containsExactly(1);
      org.assertj.core.api.Assertions.assertThat(quiz.chosen(attempt, multiple)).containsExactly(0, 1);
      org.assertj.core.api.Assertions.assertThat(quiz.chosen(attempt, trueFalse)).containsExactly(0);
    }
  }
}
