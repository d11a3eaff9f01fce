package vn.bdtx.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.domain.catalog.QuizSettings;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.storage.ObjectStore;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Gv02Copy;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.SharedClockContext;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Issue 6's quiz engine against the real PostgreSQL and Redis, through the pages
 * a learner uses: every answer saved as it is given, the same paper after a
 * reload, one attempt however often "start" and "Nộp bài" are pressed, the
 * server's time limit, attempt limits, and attempts closed at their time. The class runs on a course copy of its own
 * (GV-02 as loaded, with lecture 1's quiz timed), so it shares the application with other classes.
 */
@BdtxIntegrationTest
@SharedClockContext
class QuizzesTest {

  static final String PW = "lop boi duong thuong xuyen";
  /** Lecture 1's quiz: 4 of its 5 questions, 2 attempts, 10 minutes, the best attempt counts. */
  static final QuizSettings TIMED = new QuizSettings(4, 2, 10, true, QuizSettings.Policy.BEST, QuizSettings.Review.FULL);

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Courses courses;
  @Autowired Cohorts cohorts;
  @Autowired QuizCloseJob closeJob;
  @Autowired ObjectStore store;

  static long cohort;
  static String lecture;
  static CourseContent content;
  static int learners;

  @BeforeEach
  void classWithATimedQuiz() {
    clock.setVietnam("2026-12-08T09:00:00");
    if (cohort != 0) {
      return;
    }
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.quiz", PW, Role.LECTURER);
    var by = new Caller(lecturer, "bcv.quiz", "BCV", false,
        java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    // Lecture 1's quiz timed on a copy of GV-02 of the class's own: GV-02 itself is read by the other classes.
    long course = Gv02Copy.publish(db, courses, store, by, "(câu hỏi)",
        c -> c.updateLecture(c.lectures().get(0).id(), l -> l.withQuiz(TIMED)));
    cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp câu hỏi", java.time.LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    content = courses.latestVersion(course).block(Duration.ofSeconds(5)).content();
    lecture = content.lectures().get(0).id();
  }

  /** A fresh learner enrolled in the class, logged in. */
  private WebSession learner() {
    String name = "gv" + (++learners) + ".quiz";
    long id = new TestAccounts(db, encoder).create(name, PW, Role.LEARNER);
    cohorts.enroll(cohort, id, "MAIN").block(Duration.ofSeconds(5));
    return WebSession.loggedIn(web, name, PW);
  }

  private long one(String sql) {
    return db.sql(sql).map((r, m) -> ((Number) r.get(0)).longValue()).one().block(Duration.ofSeconds(5));
  }

  private String base() {
    return "/learn/" + cohort;
  }

  /** Starts (or resumes) an attempt from the quiz page; returns its id. */
  private long start(WebSession s) {
    return start(s, lecture);
  }

  private long start(WebSession s, String lecture) {
    s.get(base() + "/quizzes/" + lecture);
    var r = s.postForm(base() + "/quizzes/" + lecture + "/attempts", form());
    String location = String.valueOf(r.getResponseHeaders().getLocation());
    assertThat(location).as("start redirects to the attempt").startsWith(base() + "/attempts/");
    return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
  }

  private static final Pattern QUESTION = Pattern.compile("data-question=\"([^\"]+)\"");

  /** The question ids of the attempt page, in the order shown. */
  private List<String> questionsOn(String page) {
    var ids = new ArrayList<String>();
    var m = QUESTION.matcher(page);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private EntityExchangeResult<String> answer(WebSession s, long attempt, String question, Integer... choices) {
    var f = form("question", question);
    for (Integer c : choices) {
      f.add("choice", String.valueOf(c));
    }
    return s.postForm(base() + "/attempts/" + attempt + "/answers", f);
  }

  /** The right choices of a question: every one with a positive weight. */
  private static Integer[] right(Question q) {
    return IntStream.range(0, q.choices().size()).filter(i -> q.choices().get(i).weight() > 0).boxed().toArray(Integer[]::new);
  }

  private static Integer[] wrong(Question q) {
    return IntStream.range(0, q.choices().size()).filter(i -> q.choices().get(i).weight() <= 0).limit(1).boxed()
        .toArray(Integer[]::new);
  }

  private static String text(EntityExchangeResult<String> r) {
    return HtmlUtils.htmlUnescape(r.getResponseBody() == null ? "" : r.getResponseBody());
  }

  @Test
  void anAnswerIsSavedAsItIsGivenAndAReloadShowsTheSamePaperWithIt() {
    var s = learner();
    long attempt = start(s);
    String page = s.get(base() + "/attempts/" + attempt).getResponseBody();
    List<String> shown = questionsOn(page);
    assertThat(shown).as("4 of the 5 questions drawn").hasSize(4).doesNotHaveDuplicates();

    Question q = content.question(shown.get(0)).orElseThrow();
    assertThat(answer(s, attempt, q.id(), right(q)).getStatus().value()).isEqualTo(204);
    // Changing one's mind replaces the answer; it does not add a second one.
    assertThat(answer(s, attempt, q.id(), wrong(q)).getStatus().value()).isEqualTo(204);
    assertThat(answer(s, attempt, q.id(), right(q)).getStatus().value()).isEqualTo(204);
    assertThat(one("SELECT count(*) FROM attempt_answer WHERE attempt_id = " + attempt)).isEqualTo(1);

    String reloaded = s.get(base() + "/attempts/" + attempt).getResponseBody();
    assertThat(questionsOn(reloaded)).as("the same paper in the same order").isEqualTo(shown);
    for (Integer c : right(q)) {
      assertThat(reloaded).containsPattern("name=\"q-" + q.id() + "\"\\s+value=\"" + c + "\" checked");
    }
    // Starting again resumes the open attempt instead of opening a second.
    assertThat(start(s)).isEqualTo(attempt);
  }

  @Test
  void aBadAnswerIsRefusedInVietnameseAndChangesNothing() {
    var s = learner();
    long attempt = start(s);
    String q = questionsOn(s.get(base() + "/attempts/" + attempt).getResponseBody()).get(0);
    var r = s.postForm(base() + "/attempts/" + attempt + "/answers", form("question", q, "choice", "hai"));
    assertThat(r.getStatus().value()).isEqualTo(422);
    assertThat(r.getResponseBody()).contains("không được lưu", "choice");
    // A question that is not on this attempt's paper.
    assertThat(answer(s, attempt, "KHONG-CO", 0).getStatus().value()).isEqualTo(404);
    // A choice the question does not have; two choices on a single-answer question; a payload of 60 choices.
    List<String> shown = questionsOn(s.get(base() + "/attempts/" + attempt).getResponseBody());
    Question single = shown.stream().map(id -> content.question(id).orElseThrow())
        .filter(x -> x.kind() == vn.bdtx.domain.catalog.QuestionKind.SINGLE).findFirst().orElseThrow();
    var outOfRange = answer(s, attempt, single.id(), single.choices().size());
    assertThat(outOfRange.getStatus().value()).isEqualTo(422);
    assertThat(outOfRange.getResponseBody()).contains("không có lựa chọn này, hoặc chỉ được chọn một phương án");
    // The same refusal in English for a learner who chose it: the text is the bundle's, with the question named.
    var english = s.postForm(base() + "/attempts/" + attempt + "/answers?lang=en",
        form("question", single.id(), "choice", String.valueOf(single.choices().size())));
    assertThat(english.getStatus().value()).isEqualTo(422);
    assertThat(english.getResponseBody()).isEqualTo("The answer was not saved: question «" + single.id()
        + "» has no such choice, or only one option may be chosen.");
    assertThat(answer(s, attempt, single.id(), 0, 1).getStatus().value()).isEqualTo(422);
    assertThat(answer(s, attempt, single.id(), -1).getStatus().value()).isEqualTo(422);
    assertThat(answer(s, attempt, single.id(), IntStream.range(0, 60).boxed().toArray(Integer[]::new)).getStatus().value())
        .isEqualTo(422);
    // A quiz submit carrying a score is graded by the server, not by the form.
    assertThat(one("SELECT count(*) FROM attempt_answer WHERE attempt_id = " + attempt)).isZero();
    s.postForm(base() + "/attempts/" + attempt + "/submit", form("score", "10", "state", "FINISHED"));
    var score = db.sql("SELECT score FROM quiz_attempt WHERE id = :a").bind("a", attempt)
        .map((row, m) -> row.get(0, BigDecimal.class)).one().block(Duration.ofSeconds(5));
    assertThat(score).isEqualByComparingTo("0.0");
  }

  @Test
  void anAnswerFromAStalePageNeverReplacesANewerOne() {
    var s = learner();
    long attempt = start(s);
    Question q = content.question(questionsOn(s.get(base() + "/attempts/" + attempt).getResponseBody()).get(0)).orElseThrow();
    Integer[] newer = right(q);
    Integer[] older = wrong(q);
    var f = form("question", q.id(), "page", "p1", "seq", "2");
    for (Integer c : newer) {
      f.add("choice", String.valueOf(c));
    }
    assertThat(s.postForm(base() + "/attempts/" + attempt + "/answers", f).getStatus().value()).isEqualTo(204);
    // The page's earlier answer (its counter 1) arrives later: superseded, told apart from a closed attempt.
    var stale = s.postForm(base() + "/attempts/" + attempt + "/answers",
        form("question", q.id(), "page", "p1", "seq", "1", "choice", String.valueOf(older[0])));
    assertThat(stale.getStatus().value()).isEqualTo(200);
    assertThat(stale.getResponseHeaders().getFirst("X-Answer-State")).isEqualTo("superseded");
    assertThat(stale.getResponseBody()).contains("câu trả lời mới hơn được giữ");
    var kept = db.sql("SELECT chosen FROM attempt_answer WHERE attempt_id = :a").bind("a", attempt)
        .map((r, m) -> java.util.Arrays.stream(r.get(0, Short[].class)).map(Short::intValue).toList()).one().block(Duration.ofSeconds(5));
    assertThat(kept).containsExactly(newer);
  }

  /** Issue 18 item 3: a device whose clock is far ahead (or a forged seq) never blocks the answers after it. */
  @Test
  void aSaveWithAHugeSeqNeverBlocksTheSavesAfterIt() {
    var s = learner();
    long attempt = start(s);
    Question q = content.question(questionsOn(s.get(base() + "/attempts/" + attempt).getResponseBody()).get(0)).orElseThrow();
    Integer[] right = right(q);
    Integer[] wrong = wrong(q);
    String url = base() + "/attempts/" + attempt + "/answers";
    // An old page: seq is its clock's time, far in the future; without a page it is ignored.
    assertThat(s.postForm(url, form("question", q.id(), "seq", String.valueOf(Long.MAX_VALUE), "choice",
        String.valueOf(wrong[0]))).getStatus().value()).isEqualTo(204);
    // A page load's own counter beyond any real page is refused, not stored.
    assertThat(s.postForm(url, form("question", q.id(), "page", "a", "seq", String.valueOf(Long.MAX_VALUE), "choice",
        String.valueOf(wrong[0]))).getStatus().value()).isEqualTo(422);
    // Every later save, from a new page load and without a page, is stored.
    var f = form("question", q.id(), "page", "b", "seq", "1");
    for (Integer c : right) {
      f.add("choice", String.valueOf(c));
    }
    assertThat(s.postForm(url, f).getStatus().value()).isEqualTo(204);
    assertThat(chosenOf(attempt)).containsExactly(right);
    assertThat(s.postForm(url, form("question", q.id(), "page", "b", "seq", "2", "choice", String.valueOf(wrong[0])))
        .getStatus().value()).isEqualTo(204);
    assertThat(chosenOf(attempt)).containsExactly(wrong[0]);
    assertThat(s.postForm(url, form("question", q.id(), "page", "c", "seq", "1", "choice", String.valueOf(right[0])))
        .getStatus().value()).as("another page load: receive order").isEqualTo(204);
    assertThat(chosenOf(attempt)).containsExactly(right[0]);
    assertThat(answer(s, attempt, q.id(), wrong).getStatus().value()).as("no page: receive order").isEqualTo(204);
    assertThat(chosenOf(attempt)).containsExactly(wrong);
    // Closed is told apart from superseded.
    s.postForm(base() + "/attempts/" + attempt + "/submit", form());
    var closed = answer(s, attempt, q.id(), right);
    assertThat(closed.getStatus().value()).isEqualTo(409);
    assertThat(closed.getResponseHeaders().getFirst("X-Answer-State")).isEqualTo("closed");
  }

  private List<Integer> chosenOf(long attempt) {
    return db.sql("SELECT chosen FROM attempt_answer WHERE attempt_id = :a").bind("a", attempt)
        .map((r, m) -> java.util.Arrays.stream(r.get(0, Short[].class)).map(Short::intValue).toList()).one()
        .block(Duration.ofSeconds(5));
  }

  @Test
  void aDoubleClickedSubmitGivesOneGradedAttempt() throws Exception {
    var s = learner();
    long attempt = start(s);
    List<String> shown = questionsOn(s.get(base() + "/attempts/" + attempt).getResponseBody());
    // Three right, one wrong: 7.5 on the 10-point scale.
    for (int i = 0; i < shown.size(); i++) {
      Question q = content.question(shown.get(i)).orElseThrow();
      answer(s, attempt, q.id(), i < 3 ? right(q) : wrong(q));
    }
    var barrier = new CyclicBarrier(2);
    String token = s.csrf();
    List<CompletableFuture<EntityExchangeResult<String>>> clicks = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      clicks.add(CompletableFuture.supplyAsync(() -> {
        try {
          barrier.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return s.postRaw(base() + "/attempts/" + attempt + "/submit", form("_csrf", token));
      }));
    }
    for (var click : clicks) {
      var r = click.get();
      assertThat(String.valueOf(r.getResponseHeaders().getLocation())).as("both clicks see the result")
          .isEqualTo(base() + "/attempts/" + attempt + "?submitted");
    }
    assertThat(one("SELECT count(*) FROM quiz_attempt WHERE enrollment_id = (SELECT enrollment_id FROM quiz_attempt WHERE id = "
        + attempt + ")")).as("one attempt").isEqualTo(1);
    var score = db.sql("SELECT score FROM quiz_attempt WHERE id = :a AND state = 'FINISHED'").bind("a", attempt)
        .map((r, m) -> r.get(0, BigDecimal.class)).one().block(Duration.ofSeconds(5));
    assertThat(score).isEqualByComparingTo("7.5");
    // A retried request long after gives the same result, not an error.
    var retried = s.postForm(base() + "/attempts/" + attempt + "/submit", form());
    assertThat(String.valueOf(retried.getResponseHeaders().getLocation())).endsWith("?submitted");
    String review = text(s.get(base() + "/attempts/" + attempt));
    assertThat(review).contains("Điểm: 7,5/10 — Đạt", "đáp án đúng");
    // The answer saved after submitting is refused: the attempt is over.
    Question q = content.question(shown.get(3)).orElseThrow();
    assertThat(answer(s, attempt, q.id(), right(q)).getStatus().value()).isEqualTo(409);
    assertThat(text(s.get(base() + "/quizzes/" + lecture))).contains("Điểm được tính: 7,5/10 — Đạt");
  }

  @Test
  void theServerEnforcesTheTimeLimitAndCountsTheAnswersGivenBeforeIt() {
    var s = learner();
    long attempt = start(s);
    List<String> shown = questionsOn(s.get(base() + "/attempts/" + attempt).getResponseBody());
    Question first = content.question(shown.get(0)).orElseThrow();
    answer(s, attempt, first.id(), right(first));
    clock.setVietnam("2026-12-08T09:09:59");
    Question second = content.question(shown.get(1)).orElseThrow();
    assertThat(answer(s, attempt, second.id(), right(second)).getStatus().value()).as("a second before the limit").isEqualTo(204);
    clock.setVietnam("2026-12-08T09:10:00");
    Question third = content.question(shown.get(2)).orElseThrow();
    var late = answer(s, attempt, third.id(), right(third));
    assertThat(late.getStatus().value()).as("at the limit").isEqualTo(409);
    assertThat(late.getResponseBody()).contains("Bài làm đã kết thúc");

    // A submit that arrives late, with the third answer on the form, is closed at the limit with two answers.
    clock.setVietnam("2026-12-08T09:12:00");
    var f = form();
    for (Integer c : right(third)) {
      f.add("q-" + third.id(), String.valueOf(c));
    }
    s.postForm(base() + "/attempts/" + attempt + "/submit", f);
    var row = db.sql("SELECT score, closed_by, finished_at FROM quiz_attempt WHERE id = :a").bind("a", attempt)
        .map((r, m) -> List.of(r.get(0, BigDecimal.class).toPlainString(), r.get(1, String.class),
            r.get(2, java.time.Instant.class).toString())).one().block(Duration.ofSeconds(5));
    assertThat(row).containsExactly("5.0", "TIME", "2026-12-08T02:10:00Z");
    assertThat(text(s.get(base() + "/attempts/" + attempt))).contains("Bài được nộp tự động khi hết giờ");
  }

  @Test
  void anUntimedQuizShowsNoCountdownButTheStudyDeadlineItClosesAt() {
    var untimed = content.lectures().stream()
        .filter(l -> l.quizCategory() != null && !l.quizCategory().isBlank() && l.quiz().timeLimit().isEmpty())
        .findFirst().orElseThrow();
    var s = learner();
    String page = text(s.get(base() + "/attempts/" + start(s, untimed.id())));
    assertThat(page).doesNotContain("id=\"timer\"").doesNotContain("data-seconds-left").doesNotContain(">Còn lại");
    // The class started on 7 December; study closes at the end of day 15.
    assertThat(page).contains("Không giới hạn thời gian làm bài; nộp trước 23:59 ngày 21/12/2026");
    // The timed quiz still counts down its ten minutes.
    var t = learner();
    String timed = text(t.get(base() + "/attempts/" + start(t)));
    assertThat(timed).contains("id=\"timer\"").contains("data-seconds-left=\"600\"").doesNotContain("id=\"untimed\"");
  }

  @Test
  void anAttemptLeftOpenIsClosedAndGradedAtItsTimeByTheJob() {
    var s = learner();
    long attempt = start(s);
    List<String> shown = questionsOn(s.get(base() + "/attempts/" + attempt).getResponseBody());
    for (String id : shown) {
      Question q = content.question(id).orElseThrow();
      answer(s, attempt, q.id(), right(q));
    }
    // The learner closes the browser. Before the limit the job leaves the attempt alone. (The job closes every
    // attempt in the database past its time, other classes' too, so what it did is read from this attempt's row.)
    closeJob.runOnce(clock.instant().plusSeconds(599)).block(Duration.ofSeconds(10));
    assertThat(attemptRow(attempt)).startsWith("OPEN ").endsWith(" null");
    assertThat(closeJob.runOnce(clock.instant().plusSeconds(600)).block(Duration.ofSeconds(10))).isGreaterThanOrEqualTo(1);
    String closed = attemptRow(attempt);
    assertThat(closed).startsWith("FINISHED 10.0 TIME ");
    // Running again grades nothing twice: the attempt keeps its score and the instant it was closed at.
    closeJob.runOnce(clock.instant().plusSeconds(700)).block(Duration.ofSeconds(10));
    assertThat(attemptRow(attempt)).isEqualTo(closed);
  }

  private String attemptRow(long attempt) {
    return db.sql("SELECT state, score, closed_by, finished_at FROM quiz_attempt WHERE id = :a").bind("a", attempt)
        .map((r, m) -> r.get(0, String.class) + " " + r.get(1, BigDecimal.class) + " " + r.get(2, String.class) + " "
            + r.get(3, java.time.Instant.class))
        .one().block(Duration.ofSeconds(5));
  }

  @Test
  void twoStartsAtOnceOpenOneAttemptAndTheLimitOfTwoHolds() throws Exception {
    var s = learner();
    s.get(base() + "/quizzes/" + lecture);
    String token = s.csrf();
    var barrier = new CyclicBarrier(3);
    List<CompletableFuture<String>> starts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      starts.add(CompletableFuture.supplyAsync(() -> {
        try {
          barrier.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return String.valueOf(s.postRaw(base() + "/quizzes/" + lecture + "/attempts", form("_csrf", token))
            .getResponseHeaders().getLocation());
      }));
    }
    var locations = new java.util.HashSet<String>();
    for (var f : starts) {
      locations.add(f.get());
    }
    assertThat(locations).as("every click lands on the same attempt").hasSize(1);
    long first = Long.parseLong(locations.iterator().next().replaceAll(".*/", ""));
    s.postForm(base() + "/attempts/" + first + "/submit", form());
    long second = start(s);
    assertThat(second).isNotEqualTo(first);
    s.postForm(base() + "/attempts/" + second + "/submit", form());

    var refused = s.postForm(base() + "/quizzes/" + lecture + "/attempts", form());
    assertThat(String.valueOf(refused.getResponseHeaders().getLocation())).endsWith("?refused=NO_ATTEMPTS_LEFT");
    assertThat(text(s.get(base() + "/quizzes/" + lecture + "?refused=NO_ATTEMPTS_LEFT")))
        .contains("Bạn đã dùng hết số lần làm bài: chưa bắt đầu lần làm nào.", "Điểm được tính: 0,0/10 — Chưa đạt");
    assertThat(one("SELECT count(*) FROM quiz_attempt a JOIN enrollment e ON e.id = a.enrollment_id JOIN account c ON c.id = e.account_id"
        + " WHERE c.username = 'gv" + learners + ".quiz'")).isEqualTo(2);
  }

  @Test
  void noAttemptStartsOutsideSelfStudyAndAnotherLearnersAttemptIsNotFound() {
    var owner = learner();
    long attempt = start(owner);
    String q = questionsOn(owner.get(base() + "/attempts/" + attempt).getResponseBody()).get(0);

    var other = learner();
    assertThat(other.get(base() + "/attempts/" + attempt).getStatus().value()).isEqualTo(404);
    assertThat(other.postForm(base() + "/attempts/" + attempt + "/answers", form("question", q, "choice", "0"))
        .getStatus().value()).isEqualTo(404);
    assertThat(other.postForm(base() + "/attempts/" + attempt + "/submit", form()).getStatus().value()).isEqualTo(404);
    assertThat(one("SELECT count(*) FROM attempt_answer WHERE attempt_id = " + attempt)).isZero();

    // Studying is open from the first day to the learner's deadline: 23:59 on 21/12 for a class starting 7/12.
    clock.setVietnam("2026-12-22T00:00:00");
    var late = other.postForm(base() + "/quizzes/" + lecture + "/attempts", form());
    assertThat(String.valueOf(late.getResponseHeaders().getLocation())).endsWith("?refused=NOT_OPEN");
  }
}
