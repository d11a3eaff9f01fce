package vn.bdtx.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.catalog.Choice;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Issue 15 item 1: a question's mark (Moodle's defaultgrade) counts in the
 * attempt's score — 10 × Σ(mark × fraction) / Σ(mark) — and is shown to the
 * lecturer in the question bank and to the learner in the review ("Câu 1/4 (2
 * điểm)", the marks earned with a decimal comma). A version published before
 * marks existed reads with 1 for every question.
 */
@BdtxIntegrationTest
@Import(MovableClock.Config.class)
@DirtiesContext
class QuestionMarksTest {

  static final String PW = "diem tung cau hoi";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Courses courses;
  @Autowired Cohorts cohorts;
  @Autowired Quizzes quizzes;

  private static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  void marksCountInTheScoreAndAreShownToTheLecturerAndTheLearner() {
    clock.setVietnam("2026-12-09T09:00:00");
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.diem", PW, Role.LECTURER);
    accounts.create("it.diem", PW, Role.IT_ADMIN);
    var by = new Caller(lecturer, "bcv.diem", "BCV", false, Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, Long.class)).one().block(WAIT);
    var draft = courses.find(course).block(WAIT);
    var lecture = draft.draft().lectures().stream().filter(l -> l.hasQuiz()).findFirst().orElseThrow();
    // The lecture's quiz: its questions marked 2, 1, 2, 1 … in the bank's order.
    List<Question> bank = draft.draft().inCategory(lecture.quizCategory());
    courses.saveDraft(draft, draft.revision(), c -> {
      var next = c;
      for (int i = 0; i < bank.size(); i++) {
        next = next.replaceQuestion(bank.get(i).id(), bank.get(i).withMark(BigDecimal.valueOf(i % 2 == 0 ? 2 : 1)));
      }
      return next;
    }).block(WAIT);
    courses.publish(courses.find(course).block(WAIT), by).block(WAIT);

    // The lecturer's bank lists each question's mark.
    String bankPage = HtmlUtils.htmlUnescape(WebSession.loggedIn(web, "it.diem", PW)
        .get("/lecturer/courses/" + course + "/questions").getResponseBody());
    assertThat(bankPage).contains("· 2 điểm", "· 1 điểm");

    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp điểm câu hỏi", java.time.LocalDate.of(2026, 12, 7))
        .block(WAIT)).cohortId();
    var content = courses.latestVersion(course).block(WAIT).content();
    long learner = accounts.create("gv.diem", PW, Role.LEARNER);
    cohorts.enroll(cohort, learner, "MAIN").block(WAIT);
    var enrollment = cohorts.enrollment(cohort, learner).block(WAIT);

    // The learner answers only the paper's first question, rightly.
    var attempt = ((Quizzes.Started.Ok) quizzes.start(enrollment, content, lecture.id(), clock.instant()).block(WAIT)).attempt();
    var items = attempt.paper().items();
    Question first = content.question(items.get(0).questionId()).orElseThrow();
    Set<Integer> right = new HashSet<>(IntStream.range(0, first.choices().size())
        .filter(i -> first.choices().get(i).right()).boxed().toList());
    if (first.kind() != vn.bdtx.domain.catalog.QuestionKind.MULTIPLE) {
      right = Set.of(IntStream.range(0, first.choices().size())
          .filter(i -> first.choices().get(i).weight() == 100).findFirst().orElseThrow());
    }
    quizzes.save(attempt.id(), learner, first.id(), right, 1, clock.instant()).block(WAIT);
    var graded = quizzes.submit(attempt.id(), learner, content, clock.instant()).block(WAIT);

    Map<String, BigDecimal> marks = new HashMap<>();
    BigDecimal total = BigDecimal.ZERO;
    for (var item : items) {
      BigDecimal m = content.question(item.questionId()).orElseThrow().mark();
      marks.put(item.questionId(), m);
      total = total.add(m);
    }
    BigDecimal expected = BigDecimal.TEN.multiply(first.mark()).divide(total, 1, RoundingMode.HALF_UP);
    assertThat(graded.score()).isEqualByComparingTo(expected);
    assertThat(marks.values()).as("the paper holds questions of both marks")
        .anyMatch(m -> m.compareTo(BigDecimal.ONE) == 0).anyMatch(m -> m.compareTo(BigDecimal.valueOf(2)) == 0);

    String review = HtmlUtils.htmlUnescape(WebSession.loggedIn(web, "gv.diem", PW)
        .get("/learn/" + cohort + "/attempts/" + attempt.id()).getResponseBody());
    String firstMark = first.mark().stripTrailingZeros().toPlainString();
    assertThat(review).contains("Câu 1/" + items.size() + " (" + firstMark + " điểm)",
        "Được " + firstMark + "/" + firstMark + " điểm (100% số điểm của câu).",
        "Điểm: " + expected.toPlainString().replace('.', ',') + "/10");
    assertThat(review).contains("(2 điểm)", "(1 điểm)", "Được 0/");

    // A version stored before marks existed (no "mark" in its JSON) reads with 1 for every question.
    db.sql("""
            INSERT INTO content_version (course_id, number, content)
            SELECT course_id, 99, regexp_replace(content::text, ',\\s*"mark"\\s*:\\s*[0-9.]+', '', 'g')::jsonb
            FROM content_version WHERE course_id = :c ORDER BY number DESC LIMIT 1""").bind("c", course).then().block(WAIT);
    var old = courses.versions(course).blockFirst(WAIT);
    assertThat(old.number()).isEqualTo(99);
    assertThat(db.sql("SELECT content::text FROM content_version WHERE course_id = :c AND number = 99").bind("c", course)
        .map((r, m) -> r.get(0, String.class)).one().block(WAIT)).doesNotContain("\"mark\"");
    assertThat(old.content().questions()).isNotEmpty()
        .allMatch(q -> q.mark().compareTo(BigDecimal.ONE) == 0);
    assertThat(old.content().questions()).extracting(Question::choices).allMatch(cs -> cs.stream().allMatch(Choice.class::isInstance));
  }
}
