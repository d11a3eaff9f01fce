package vn.bdtx.assessment;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
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
 * Issue 18 (found by the fault drills): when the session ends under an open attempt (Redis back empty, or the idle
 * timeout), the next saves are refused; the page used to say "not sent (network down?)" forever. It now tells the
 * learner to reload and log in again, keeps the answers, and the attempt page sends them after the new login.
 */
@BdtxIntegrationTest
@SharedClockContext
class SessionEndedQuizBrowserTest {

  static final String PW = "phien dang nhap het giua chung";

  @LocalServerPort int port;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Courses courses;
  @Autowired Cohorts cohorts;
  @Autowired org.springframework.session.ReactiveSessionRepository<?> sessions;

  @Test
  void aLearnerWhoseSessionEndedMidAttemptIsToldToLogInAgainAndLosesNoAnswer() throws Exception {
    clock.setVietnam("2026-12-08T20:00:00");
    var quiz = MoodleBankQuizClass.open(db, encoder, courses, cohorts, "bcv.phien.dt", "gv.phien.dt", PW, "Lớp phiên đăng nhập");
    long cohort = quiz.cohort;
    String lecture = quiz.lecture;
    String single = quiz.question(QuestionKind.SINGLE);
    String multiple = quiz.question(QuestionKind.MULTIPLE);
    String trueFalse = quiz.question(QuestionKind.TRUE_FALSE);

    String base = "http://127.0.0.1:" + port;
    try (var chromium = new Chromium()) {
      BrowserContext phone = chromium.browser().newContext(chromium.phone());
      Page page = phone.newPage();
      page.setDefaultTimeout(30_000);
      page.navigate(base + "/login");
      logIn(page);
      page.navigate(base + "/learn/" + cohort + "/quizzes/" + lecture);
      page.locator("#start button").click();
      assertThat(page.locator("fieldset[data-question]")).hasCount(6);
      String attemptPage = page.url();
      long attempt = Long.parseLong(page.locator("#attempt").getAttribute("data-attempt"));
      page.locator("input[name='q-" + single + "'][value='0']").check();
      assertThat(page.locator("#save-status")).containsText("Đã lưu mọi câu trả lời");

      // The session is gone under the page (Redis restarted empty, or it idled out), then two more answers.
      String session = phone.cookies().stream().filter(c -> c.name.endsWith("BDTX_SESSION")).findFirst().orElseThrow().value;
      sessions.deleteById(session).block(Duration.ofSeconds(5));
      page.locator("input[name='q-" + multiple + "'][value='1']").check();
      page.locator("input[name='q-" + trueFalse + "'][value='0']").check();
      assertThat(page.locator("#save-status")).containsText("Phiên đăng nhập đã kết thúc");
      assertThat(page.locator("#save-status")).not().containsText("mất mạng");
      org.assertj.core.api.Assertions.assertThat(quiz.chosen(attempt, multiple)).as("not saved without a session").isNull();

      // As told: reload, log in again, back to the attempt; the kept answers are sent.
      page.reload();
      logIn(page);
      // The login returns to the attempt page, which sends what this device kept.
      org.assertj.core.api.Assertions.assertThat(page.url()).isEqualTo(attemptPage);
      assertThat(page.locator("#save-status")).containsText("Đã lưu mọi câu trả lời");
      org.assertj.core.api.Assertions.assertThat(quiz.chosen(attempt, single)).containsExactly(0);
      org.assertj.core.api.Assertions.assertThat(quiz.chosen(attempt, multiple)).containsExactly(1);
      org.assertj.core.api.Assertions.assertThat(quiz.chosen(attempt, trueFalse)).containsExactly(0);
    }
  }

  private static void logIn(Page page) {
    page.getByLabel("Tên đăng nhập").fill("gv.phien.dt");
    page.getByLabel("Mật khẩu").fill(PW);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
    page.waitForURL(u -> !u.contains("/login"));
  }
}
