package vn.bdtx.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import vn.bdtx.domain.content.Lecture;
import vn.bdtx.domain.content.Question;
import vn.bdtx.domain.content.QuestionFile;
import vn.bdtx.domain.content.QuestionKind;
import vn.bdtx.domain.content.QuizSettings;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * A learner's attempt at a quiz drawn from the Moodle bank with every type: each
 * type rendered for a phone, typed and matched answers saved as they are given
 * (and by the plain form on "Nộp bài"), and the score Moodle's rules give.
 */
@BdtxIntegrationTest
@Import(MovableClock.Config.class)
@DirtiesContext
class MoodleTypesQuizTest {

  static final String PW = "cau hoi moodle";
  static final String CATEGORY = "Bài 2 - Đổi mới kiểm tra";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Courses courses;
  @Autowired Cohorts cohorts;

  @Test
  void aLearnerAnswersEveryTypeAndScoresWhatMoodlesRulesGive() throws Exception {
    clock.setVietnam("2026-12-08T09:00:00");
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.moodle", PW, Role.LECTURER);
    var by = new Caller(lecturer, "bcv.moodle", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get("id", Long.class)).one()
        .block(Duration.ofSeconds(5));
    String xml = Files.readString(Path.of("src/test/resources/moodle/ngan-hang-moodle.xml"));
    List<Question> imported = QuestionFile.parse(xml, "M", Question.Use.QUIZ).questions();
    var draft = courses.find(course).block(Duration.ofSeconds(5));
    String lecture = draft.draft().lectures().get(1).id();
    var inOrder = new QuizSettings(0, 3, 0, false, QuizSettings.Policy.BEST, QuizSettings.Review.FULL);
    courses.saveDraft(draft, draft.revision(), c -> c.addQuestions(imported)
        .updateLecture(lecture, l -> new Lecture(l.id(), l.title(), l.body(), l.media(), CATEGORY, inOrder))).block(Duration.ofSeconds(5));
    courses.publish(courses.find(course).block(Duration.ofSeconds(5)), by).block(Duration.ofSeconds(5));
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp Moodle", java.time.LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    var bank = courses.latestVersion(course).block(Duration.ofSeconds(5)).content().inCategory(CATEGORY);
    long learner = accounts.create("gv.moodle", PW, Role.LEARNER);
    cohorts.enroll(cohort, learner, "MAIN").block(Duration.ofSeconds(5));
    var s = WebSession.loggedIn(web, "gv.moodle", PW);
    String base = "/learn/" + cohort;

    s.get(base + "/quizzes/" + lecture);
    var started = s.postForm(base + "/quizzes/" + lecture + "/attempts", form());
    String attempt = String.valueOf(started.getResponseHeaders().getLocation());
    String page = s.get(attempt).getResponseBody();
    // The description is read, not answered: six numbered questions.
    assertThat(page).contains("Đọc kỹ <strong>Thông tư 22</strong>", "Câu 1/6", "Câu 6/6").doesNotContain("Câu 7/");
    assertThat(page).contains("inputmode=\"decimal\"", "inputmode=\"text\"", "<select name=\"m-" + id(bank, QuestionKind.MATCHING))
        .contains("<th>Hình thức</th>").doesNotContain("<script>alert", "onerror=", "javascript:");

    // As quiz.js sends them: choices as "choice", typed and matched answers as "response".
    assertThat(save(s, attempt, id(bank, QuestionKind.SINGLE), form("choice", "0")).getStatus().value()).isEqualTo(204);
    var two = form("choice", "0");
    two.add("choice", "1");
    assertThat(save(s, attempt, id(bank, QuestionKind.MULTIPLE), two).getStatus().value()).isEqualTo(204);
    assertThat(save(s, attempt, id(bank, QuestionKind.TRUE_FALSE), form("choice", "1")).getStatus().value()).isEqualTo(204);
    assertThat(save(s, attempt, id(bank, QuestionKind.SHORT_ANSWER), form("response", "  hà NỘI ")).getStatus().value()).isEqualTo(204);
    assertThat(save(s, attempt, id(bank, QuestionKind.MATCHING), form("response", "0,3,2")).getStatus().value()).isEqualTo(204);
    // A reload shows what was typed and matched.
    String reloaded = s.get(attempt).getResponseBody();
    assertThat(reloaded).contains("value=\"  hà NỘI \"").contains("<option value=\"3\" selected=\"selected\">Xuất sắc</option>");

    // Without JavaScript the number comes with "Nộp bài" itself.
    var submitted = s.postForm(attempt + "/submit", form("r-" + id(bank, QuestionKind.NUMERICAL), "36,5"));
    assertThat(submitted.getStatus().is3xxRedirection()).isTrue();
    String review = HtmlUtils.htmlUnescape(s.get(attempt).getResponseBody());
    // 1 + 66.66666% + 0 + 1 + 50% (36,5 within 37,5 ± 2,5) + 2/3 of the pairs = 3.8333333 of 6 → 6.4
    assertThat(review).contains("Điểm: 6,4/10 — Đạt.");
    assertThat(review).contains("Câu trả lời của bạn:   hà NỘI", "Câu trả lời của bạn: 36,5", "Hà Nội", "40")
        .doesNotContain("@@PLUGINFILE@@")
        .contains("✗ Xuất sắc", "✓ Hoàn thành tốt", "(67% số điểm của câu)", "(50% số điểm của câu)");
    assertThat(db.sql("SELECT score FROM quiz_attempt WHERE enrollment_id IN (SELECT id FROM enrollment WHERE account_id = :a)")
        .bind("a", learner).map((r, m) -> r.get("score", java.math.BigDecimal.class)).one().block(Duration.ofSeconds(5)))
        .isEqualByComparingTo("6.4");
  }

  private static String id(List<Question> bank, QuestionKind kind) {
    return bank.stream().filter(q -> q.kind() == kind).findFirst().orElseThrow().id();
  }

  private static org.springframework.test.web.reactive.server.EntityExchangeResult<String> save(
      WebSession s, String attempt, String question, org.springframework.util.MultiValueMap<String, String> f) {
    f.add("question", question);
    f.add("seq", String.valueOf(System.nanoTime()));
    return s.postForm(attempt + "/answers", f);
  }
}
