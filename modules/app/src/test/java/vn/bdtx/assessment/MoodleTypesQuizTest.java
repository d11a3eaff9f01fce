package vn.bdtx.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.domain.catalog.QuestionKind;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.SharedClockContext;
import vn.bdtx.support.WebSession;

/**
 * A learner's attempt at a quiz drawn from the Moodle bank with every type: each
 * type rendered for a phone, typed and matched answers saved as they are given
 * (and by the plain form on "Nộp bài"), and the score Moodle's rules give.
 */
@BdtxIntegrationTest
@SharedClockContext
class MoodleTypesQuizTest {

  static final String PW = "cau hoi moodle";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Courses courses;
  @Autowired Cohorts cohorts;

  @Test
  void aLearnerAnswersEveryTypeAndScoresWhatMoodlesRulesGive() throws Exception {
    clock.setVietnam("2026-12-08T09:00:00");
    var quiz = MoodleBankQuizClass.open(db, encoder, courses, cohorts, "bcv.moodle", "gv.moodle", PW, "Lớp Moodle");
    long cohort = quiz.cohort;
    String lecture = quiz.lecture;
    var bank = quiz.bank();
    long learner = quiz.learner;
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
