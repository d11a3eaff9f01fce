package vn.bdtx.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.content.CourseContent;
import vn.bdtx.domain.content.Lecture;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Issue 7 parts 4 and 5: the institution records (iii) for a whole cohort with a
 * named exception and its reason; each main enrollment's outcome follows from
 * (i), (ii) and (iii); each learner sees which criterion is missing; a completed
 * module counts towards the school year (3 modules, 120 periods).
 */
@BdtxIntegrationTest
@Import(MovableClock.Config.class)
@DirtiesContext
class CompletionFlowTest {

  static final String PW = "hoan thanh mo dun hai";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Cohorts cohorts;
  @Autowired Courses courses;

  private static String text(EntityExchangeResult<String> r) {
    return HtmlUtils.htmlUnescape(r.getResponseBody() == null ? "" : r.getResponseBody());
  }

  private void sql(String sql, Object... binds) {
    var spec = db.sql(sql);
    for (int i = 0; i < binds.length; i++) {
      spec = spec.bind(i, binds[i]);
    }
    spec.then().block(Duration.ofSeconds(5));
  }

  /** Criterion (i) as the learning context records it: every lecture studied, every quiz passed, the survey submitted. */
  private void selfStudyDone(long enrollment, CourseContent content) {
    for (Lecture l : content.lectures()) {
      sql("INSERT INTO lecture_progress (enrollment_id, lecture_id, done_at, updated_at) VALUES ($1, $2, now(), now())", enrollment, l.id());
      if (l.quizCategory() != null && !l.quizCategory().isBlank()) {
        sql("""
            INSERT INTO quiz_attempt (enrollment_id, lecture_id, number, paper, question_ids, started_at, state, finished_at,
                                      closed_by, score)
            VALUES ($1, $2, 1, '{}'::jsonb, '{}', now(), 'FINISHED', now(), 'LEARNER', 9.0)""", enrollment, l.id());
      }
    }
    sql("INSERT INTO survey_submission (enrollment_id, submitted_at) VALUES ($1, now())", enrollment);
  }

  private void graded(long enrollment, long grader, String score) {
    sql("INSERT INTO submission (enrollment_id, version, upload_key, submitted_at) VALUES ($1, 1, gen_random_uuid(), now())", enrollment);
    sql("""
        INSERT INTO assignment_grade (enrollment_id, submission_id, state, score, graded_by, graded_at)
        SELECT $1, id, 'GRADED', CAST($2 AS numeric), $3, now() FROM submission WHERE enrollment_id = $1""", enrollment, score, grader);
  }

  @Test
  void theInstitutionApprovesTheCohortWithOneExceptionAndEachLearnerSeesWhatIsMissing() {
    clock.setVietnam("2026-12-22T09:00:00");
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.ht", PW, Role.LECTURER);
    long core = accounts.create("cc.ht", PW, Role.CORE_TEACHER);
    accounts.create("csbd.ht", PW, Role.INSTITUTION);
    accounts.create("gs.ht", PW, Role.SUPERVISOR);
    var by = new Caller(lecturer, "bcv.ht", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, Long.class)).one()
        .block(Duration.ofSeconds(5));
    CourseContent content = courses.latestVersion(course).block(Duration.ofSeconds(5)).content();
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp hoàn thành", java.time.LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    long[] e = new long[4];
    for (int i = 0; i < 4; i++) {
      long account = accounts.create("gv.ht" + (i + 1), PW, Role.LEARNER);
      cohorts.enroll(cohort, account, i == 3 ? "REFERENCE" : "MAIN").block(Duration.ofSeconds(5));
      e[i] = cohorts.enrollment(cohort, account).block(Duration.ofSeconds(5)).id();
    }
    selfStudyDone(e[0], content);
    graded(e[0], core, "7.5");
    selfStudyDone(e[1], content);
    graded(e[1], core, "4.0");
    graded(e[2], core, "8.0");
    selfStudyDone(e[3], content);

    var csbd = WebSession.loggedIn(web, "csbd.ht", PW);
    String before = text(csbd.get("/cohorts/" + cohort + "/evaluation"));
    assertThat(before).contains("0/3 học viên môn chính đã hoàn thành mô đun.", "gv.ht1", "gv.ht3", "7,5", "4,0", "Chưa đánh giá")
        .doesNotContain("gv.ht4");

    var unconfirmed = csbd.postForm("/cohorts/" + cohort + "/evaluation", form());
    assertThat(unconfirmed.getStatus().value()).isEqualTo(422);
    assertThat(text(unconfirmed)).contains("Hãy đánh dấu ô xác nhận");
    var noReason = csbd.postForm("/cohorts/" + cohort + "/evaluation", form("confirm", "1", "except", String.valueOf(e[2])));
    assertThat(noReason.getStatus().value()).isEqualTo(422);
    assertThat(text(noReason)).contains("Học viên đánh giá không đạt cần có lý do: ");
    assertThat(db.sql("SELECT count(*) FROM institution_evaluation").map((r, m) -> r.get(0, Long.class)).one()
        .block(Duration.ofSeconds(5))).isZero();

    var gs = WebSession.loggedIn(web, "gs.ht", PW);
    assertThat(gs.get("/cohorts/" + cohort + "/evaluation").getStatus().value()).isEqualTo(200);
    assertThat(gs.postForm("/cohorts/" + cohort + "/evaluation", form("confirm", "1")).getStatus().value()).isEqualTo(403);

    var done = csbd.postForm("/cohorts/" + cohort + "/evaluation",
        form("confirm", "1", "except", String.valueOf(e[2]), "reason-" + e[2], "Vắng cả ba buổi sinh hoạt chuyên môn"));
    assertThat(done.getStatus().value()).isEqualTo(303);
    assertThat(text(csbd.get("/cohorts/" + cohort + "/evaluation"))).contains("1/3 học viên môn chính đã hoàn thành mô đun.",
        "Vắng cả ba buổi sinh hoạt chuyên môn");
    var outcomes = db.sql("SELECT enrollment_id, outcome, missing FROM enrollment_completion ORDER BY enrollment_id")
        .map((r, m) -> r.get(1, String.class) + " " + r.get(2, String.class)).all().collectList().block(Duration.ofSeconds(5));
    assertThat(outcomes).containsExactly("COMPLETED ", "NOT_COMPLETED CORE_TEACHER:FAILED",
        "NOT_COMPLETED SELF_STUDY:PENDING,INSTITUTION:FAILED");
    assertThat(db.sql("SELECT a.username || ' ' || x.module_code FROM module_completion x JOIN account a ON a.id = x.account_id")
        .map((r, m) -> r.get(0, String.class)).all().collectList().block(Duration.ofSeconds(5))).containsExactly("gv.ht1 GV-02");

    assertThat(text(WebSession.loggedIn(web, "gv.ht1", PW).get("/learn/" + cohort + "/result")))
        .contains("Thầy cô đã hoàn thành mô đun.", "(ii) Bài tập cuối khóa: 7,5/10, đạt.", "(iii) Cơ sở bồi dưỡng: đạt.");
    assertThat(text(WebSession.loggedIn(web, "gv.ht2", PW).get("/learn/" + cohort + "/result")))
        .contains("Chưa hoàn thành mô đun", "(i) Tự học trực tuyến: đạt.", "(ii) Bài tập cuối khóa: 4,0/10, chưa đạt (cần từ 5,0).");
    assertThat(text(WebSession.loggedIn(web, "gv.ht3", PW).get("/learn/" + cohort + "/result")))
        .contains("(i) Tự học trực tuyến: chưa đạt", "(iii) Cơ sở bồi dưỡng: không đạt — Vắng cả ba buổi sinh hoạt chuyên môn");
    assertThat(text(WebSession.loggedIn(web, "gv.ht4", PW).get("/learn/" + cohort + "/result")))
        .contains("Môn tham khảo chỉ ghi nhận việc học");

    // The school year 2026-2027: one module of three, then two more recorded from before make it complete.
    var hv = WebSession.loggedIn(web, "gv.ht1", PW);
    assertThat(text(hv.get("/learn/year"))).contains("năm học 2026-2027",
        "Đã hoàn thành 1 mô đun, 40 tiết; năm học cần 3 mô đun và 120 tiết — còn thiếu 2 mô đun, 80 tiết.");
    for (String module : List.of("GV-01", "GV-03")) {
      sql("""
          INSERT INTO module_completion (account_id, module_code, source, recorded_at)
          SELECT id, $1, 'RECORDED', TIMESTAMPTZ '2026-10-01 08:00+07' FROM account WHERE username = 'gv.ht1'""", module);
    }
    assertThat(text(hv.get("/learn/year"))).contains("Đã hoàn thành kế hoạch năm học: 3 mô đun, 120 tiết.");
  }
}
