package vn.bdtx.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Issue 19 item 3, the synchronized start, with the start line made as small as it gets: one start in progress
 * at a time, held until its attempt page is served. A start beyond it is answered at once with its place in line,
 * goes on by itself when its turn comes, and its time starts then; a double press joins the same place; each
 * learner ends with exactly one attempt; a ticket is its learner's only.
 */
@BdtxIntegrationTest
@Import(MovableClock.Config.class)
@TestPropertySource(properties = {"bdtx.quiz.starts-at-once=1", "bdtx.quiz.start-hold=60s"})
@DirtiesContext
class QuizStartLineTest {

  static final String PW = "ca lop cung bat dau";
  private static final Pattern HERE = Pattern.compile("data-here=\"([^\"]+)\"");

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Courses courses;
  @Autowired Cohorts cohorts;

  static MoodleBankQuizClass quiz;
  static int learners;

  @BeforeEach
  void aClassWithAQuiz() throws Exception {
    clock.setVietnam("2026-12-08T09:00:00");
    if (quiz == null) {
      quiz = MoodleBankQuizClass.open(db, encoder, courses, cohorts, "bcv.hang", "gv.hang.0", PW, "Lớp bắt đầu cùng lúc");
    }
  }

  private WebSession learner() {
    String name = "gv.hang." + (++learners);
    long id = new TestAccounts(db, encoder).create(name, PW, Role.LEARNER);
    cohorts.enroll(quiz.cohort, id, "MAIN").block(Duration.ofSeconds(5));
    var s = WebSession.loggedIn(web, name, PW);
    s.get(quizPage());
    return s;
  }

  private String quizPage() {
    return "/learn/" + quiz.cohort + "/quizzes/" + quiz.lecture;
  }

  private EntityExchangeResult<String> start(WebSession s) {
    return s.postForm(quizPage() + "/attempts", form());
  }

  private static String location(EntityExchangeResult<?> r) {
    return String.valueOf(r.getResponseHeaders().getLocation());
  }

  private static String text(EntityExchangeResult<String> r) {
    return HtmlUtils.htmlUnescape(r.getResponseBody() == null ? "" : r.getResponseBody());
  }

  private static String waitingPage(EntityExchangeResult<String> r) {
    assertThat(r.getStatus().value()).as("answered at once with a waiting page").isEqualTo(200);
    var m = HERE.matcher(r.getResponseBody());
    assertThat(m.find()).isTrue();
    return HtmlUtils.htmlUnescape(m.group(1));
  }

  /** Comes back to the waiting page as the page does until it leads on; returns where. */
  private static String follow(WebSession s, String waiting) {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    EntityExchangeResult<String> r;
    do {
      r = s.get(waiting);
    } while (r.getStatus().value() == 200 && System.nanoTime() < until);
    return location(r);
  }

  private long attemptsOf(WebSession s, String attemptUrlOrNull) {
    return db.sql("""
            SELECT count(*) FROM quiz_attempt a JOIN enrollment e ON e.id = a.enrollment_id
            JOIN account acc ON acc.id = e.account_id WHERE acc.username = :u AND e.cohort_id = :c""")
        .bind("u", s == null ? attemptUrlOrNull : usernames.get(s)).bind("c", quiz.cohort)
        .map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5));
  }

  private final java.util.Map<WebSession, String> usernames = new java.util.HashMap<>();

  private WebSession named() {
    var s = learner();
    usernames.put(s, "gv.hang." + learners);
    return s;
  }

  private Instant startedAt(String attemptUrl) {
    long id = Long.parseLong(attemptUrl.substring(attemptUrl.lastIndexOf('/') + 1));
    return db.sql("SELECT started_at FROM quiz_attempt WHERE id = :a").bind("a", id)
        .map((r, m) -> r.get(0, Instant.class)).one().block(Duration.ofSeconds(5));
  }

  @Test
  void startsBeyondTheLineWaitWithTheirPlaceGoOnInTurnAndEachMakesExactlyOneAttempt() {
    var a = named();
    var b = named();
    var c = named();
    var d = named();

    // A starts and holds the only place until their attempt page has been served.
    var first = start(a);
    assertThat(location(first)).startsWith("/learn/" + quiz.cohort + "/attempts/");

    var bPage = start(b);
    String bWait = waitingPage(bPage);
    assertThat(text(bPage)).contains("Đang xếp hàng vào bài làm", "bạn ở vị trí 1", "/js/waiting.js", "http-equiv=\"refresh\"");
    // Pressed again while waiting: the same place, not a second start.
    var again = start(b);
    assertThat(waitingPage(again)).isEqualTo(bWait);
    assertThat(text(again)).contains("bạn ở vị trí 1");
    var cPage = start(c);
    String cWait = waitingPage(cPage);
    assertThat(text(cPage)).contains("bạn ở vị trí 2");

    // Nothing started for them yet; their script learns the place.
    assertThat(attemptsOf(b, null)).isZero();
    String status = web.get().uri(bWait.replace("/waiting?", "/waiting/status?")).accept(MediaType.APPLICATION_JSON)
        .cookie(WebSession.COOKIE, b.sessionId()).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
        .getResponseBody();
    assertThat(status).contains("\"done\":false", "\"place\":1", "bạn ở vị trí 1");

    // Another learner of the class holding B's ticket learns nothing of it and gets no attempt of B's.
    assertThat(location(d.get(bWait))).isEqualTo(quizPage());
    web.get().uri(bWait.replace("/waiting?", "/waiting/status?")).accept(MediaType.APPLICATION_JSON)
        .cookie(WebSession.COOKIE, d.sessionId()).exchange().expectStatus().isNotFound();
    // The look is answered from the ticket and the session cookie it was issued to, without reading the session:
    // the ticket alone, from no session or from a session that did not press, is not enough.
    web.get().uri(bWait.replace("/waiting?", "/waiting/status?")).accept(MediaType.APPLICATION_JSON)
        .exchange().expectStatus().isNotFound();
    // Nor is B's cookie with B's ticket for another quiz.
    web.get().uri(bWait.replace("/waiting?", "/waiting/status?").replace("/quizzes/" + quiz.lecture + "/", "/quizzes/khac/"))
        .accept(MediaType.APPLICATION_JSON).cookie(WebSession.COOKIE, b.sessionId()).exchange().expectStatus().isNotFound();

    // A learner outside the class pressing start on this full line gets a place too (nothing is read before it),
    // but when the turn comes nothing is started for them: the waiting page answers 404.
    String outsiderName = "gv.ngoai." + (++learners);
    new TestAccounts(db, encoder).create(outsiderName, PW, Role.LEARNER);
    var outsider = WebSession.loggedIn(web, outsiderName, PW);
    outsider.get("/");
    String outsiderWait = waitingPage(start(outsider));

    // Five minutes later A's attempt page is served: B's turn, and B's time starts now, not when B pressed.
    clock.setVietnam("2026-12-08T09:05:00");
    assertThat(a.get(location(first)).getStatus().value()).isEqualTo(200);
    String bAttempt = follow(b, bWait);
    assertThat(bAttempt).startsWith("/learn/" + quiz.cohort + "/attempts/");
    assertThat(startedAt(bAttempt)).isEqualTo(Instant.parse("2026-12-08T02:05:00Z"));

    // C waits until B's attempt page has been served, then goes on too.
    assertThat(c.get(cWait).getStatus().value()).as("still waiting").isEqualTo(200);
    assertThat(b.get(bAttempt).getStatus().value()).isEqualTo(200);
    String cAttempt = follow(c, cWait);
    assertThat(cAttempt).startsWith("/learn/" + quiz.cohort + "/attempts/").isNotEqualTo(bAttempt);
    assertThat(c.get(cAttempt).getStatus().value()).isEqualTo(200);

    assertThat(outsider.get(outsiderWait).getStatus().value()).as("nothing started for a learner outside the class")
        .isEqualTo(404);
    assertThat(db.sql("SELECT count(*) FROM quiz_attempt a JOIN enrollment e ON e.id = a.enrollment_id "
            + "JOIN account acc ON acc.id = e.account_id WHERE acc.username = :u").bind("u", outsiderName)
        .map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5))).isZero();

    assertThat(attemptsOf(a, null)).isEqualTo(1);
    assertThat(attemptsOf(b, null)).isEqualTo(1);
    assertThat(attemptsOf(c, null)).isEqualTo(1);
    assertThat(attemptsOf(d, null)).isZero();
    // Pressing start again resumes the attempt: still one.
    assertThat(location(start(b))).isEqualTo(bAttempt);
    assertThat(attemptsOf(b, null)).isEqualTo(1);
  }
}
