package vn.bdtx.assessment;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static vn.bdtx.support.WebSession.form;

import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Chromium;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Issue 19 items 3 and 4 on a phone: with every login sent to the login line's waiting page and one quiz start in
 * progress at a time, a learner's login page moves on to the dashboard by itself, and their "Bắt đầu làm bài"
 * behind a classmate's start shows their place, then opens the attempt by itself when the classmate's attempt
 * page has been served — nothing pressed a second time.
 */
@BdtxIntegrationTest
@Import(MovableClock.Config.class)
@TestPropertySource(properties = {"bdtx.quiz.starts-at-once=1", "bdtx.quiz.start-hold=60s", "bdtx.login.checkers=1", "bdtx.login.in-flight=1",
    "bdtx.login.wait-page-after=0"})
@DirtiesContext
class WaitingLinesBrowserTest {

  static final String PW = "xep hang tren dien thoai";

  @LocalServerPort int port;
  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Courses courses;
  @Autowired Cohorts cohorts;

  @Test
  void theWaitingPagesMoveOnByThemselvesOnAPhone() throws Exception {
    clock.setVietnam("2026-12-08T20:00:00");
    var quiz = MoodleBankQuizClass.open(db, encoder, courses, cohorts, "bcv.xephang", "gv.xephang", PW, "Lớp xếp hàng");
    long classmate = new TestAccounts(db, encoder).create("gv.xephang.ban", PW, Role.LEARNER);
    cohorts.enroll(quiz.cohort, classmate, "MAIN").block(Duration.ofSeconds(5));
    String quizPage = "/learn/" + quiz.cohort + "/quizzes/" + quiz.lecture;
    var ahead = WebSession.loggedIn(web, "gv.xephang.ban", PW);
    ahead.get(quizPage);
    String aheadAttempt = String.valueOf(ahead.postForm(quizPage + "/attempts", form()).getResponseHeaders().getLocation());
    org.assertj.core.api.Assertions.assertThat(aheadAttempt).contains("/attempts/");

    String base = "http://127.0.0.1:" + port;
    try (var chromium = new Chromium()) {
      Page page = chromium.browser().newContext(chromium.phone()).newPage();
      page.setDefaultTimeout(30_000);
      List<String> visited = new CopyOnWriteArrayList<>();
      page.onFrameNavigated(frame -> visited.add(frame.url()));

      Chromium.logIn(page, base, "gv.xephang", PW);
      page.waitForURL(base + "/");
      assertThat(page.locator("body")).containsText("Xin chào");
      org.assertj.core.api.Assertions.assertThat(visited).as("came through the login's waiting page")
          .anyMatch(u -> u.contains("/login/wait?t="));

      page.navigate(base + quizPage);
      page.locator("#start button").click();
      assertThat(page.locator("h1")).hasText("Đang xếp hàng vào bài làm");
      assertThat(page.locator("#place")).containsText("bạn ở vị trí 1");
      // A reload would show the waiting page again, not post the start a second time.
      page.waitForURL(u -> u.contains("/waiting?t="));
      Thread.sleep(1500);
      assertThat(page.locator("#place")).containsText("bạn ở vị trí 1");

      // The classmate's attempt page is served: the line moves, and this page goes on by itself.
      org.assertj.core.api.Assertions.assertThat(ahead.get(aheadAttempt).getStatus().value()).isEqualTo(200);
      page.waitForURL(u -> u.contains("/attempts/"));
      assertThat(page.locator("fieldset[data-question]")).hasCount(6);
      Long attempts = db.sql("""
              SELECT count(*) FROM quiz_attempt a JOIN enrollment e ON e.id = a.enrollment_id
              JOIN account acc ON acc.id = e.account_id WHERE acc.username = 'gv.xephang'""")
          .map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5));
      org.assertj.core.api.Assertions.assertThat(attempts).isEqualTo(1);
    }
  }
}
