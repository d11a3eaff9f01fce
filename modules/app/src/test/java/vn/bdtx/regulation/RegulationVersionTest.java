package vn.bdtx.regulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.bdtx.support.WebSession.form;

import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.completion.Completions;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.completion.Completion;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.learning.LectureProgress;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Issue 15 item 6: the regulation is a versioned setting that a cohort keeps. A
 * class opened under pass mark 5.0 is still judged at 5.0 after the IT admin
 * makes version 2 with 6.0 (a 5.5 passes there), while a class opened after uses
 * 6.0 (5.5 fails) — for the final assignment (ii), the lesson quizzes (i), the
 * video threshold and the institution's outcome, through the pages and services
 * the people use. A version is never edited: the form makes a new one, a bad
 * form names every wrong field and stores nothing, and the table refuses UPDATE.
 */
@BdtxIntegrationTest
@Import(MovableClock.Config.class)
@DirtiesContext
@TestPropertySource(properties = "bdtx.learning.flush-interval=PT1H")
class RegulationVersionTest {

  static final String PW = "quy dinh danh gia moi";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Cohorts cohorts;
  @Autowired Courses courses;
  @Autowired Completions completions;
  @Autowired LectureProgress progress;
  @Autowired Regulations regulations;

  private static String text(EntityExchangeResult<String> r) {
    return HtmlUtils.htmlUnescape(r.getResponseBody() == null ? "" : r.getResponseBody());
  }

  private void sql(String sql, Object... binds) {
    vn.bdtx.support.Sql.run(db, sql, binds);
  }

  private long count(String sql) {
    return db.sql(sql).map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5));
  }

  /** Lectures studied, the survey answered, every lesson quiz at 5.5; the final assignment graded 5.5. */
  private void studiedAndGraded(long enrollment, CourseContent content, long grader) {
    vn.bdtx.support.SelfStudyDone.record(db, enrollment, content);
    sql("UPDATE quiz_attempt SET score = 5.5 WHERE enrollment_id = $1", enrollment);
    sql("INSERT INTO submission (enrollment_id, version, upload_key, submitted_at) VALUES ($1, 1, gen_random_uuid(), now())", enrollment);
    sql("""
        INSERT INTO assignment_grade (enrollment_id, submission_id, state, score, graded_by, graded_at)
        SELECT $1, id, 'GRADED', 5.5, $2, now() FROM submission WHERE enrollment_id = $1""", enrollment, grader);
  }

  private static MultiValueMap<String, String> figures(String pass, String quiz, String video, String reason) {
    return form("passMark", pass, "quizPassMark", quiz, "videoPercent", video, "periodsPerModule", "40",
        "modulesPerYear", "3", "periodsPerYear", "120", "reason", reason);
  }

  @Test
  void aClassKeepsTheRegulationItOpenedWithWhileAClassOpenedAfterUsesTheNewVersion() {
    clock.setVietnam("2026-12-09T09:00:00");
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.qd", PW, Role.LECTURER);
    long core = accounts.create("cc.qd", PW, Role.CORE_TEACHER);
    accounts.create("it.qd", PW, Role.IT_ADMIN);
    accounts.create("csbd.qd", PW, Role.INSTITUTION);
    var by = new Caller(lecturer, "bcv.qd", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, Long.class)).one()
        .block(Duration.ofSeconds(5));
    CourseContent content = courses.latestVersion(course).block(Duration.ofSeconds(5)).content();
    String video = content.lectures().get(0).id();
    assertThat(content.lectures().get(0).media().video()).isTrue();

    // The IT admin sees version 1, today's figures, made by the migration.
    var it = WebSession.loggedIn(web, "it.qd", PW);
    assertThat(text(it.get("/"))).contains("Quy định đánh giá và hoàn thành");
    assertThat(text(it.get("/admin/regulation"))).contains("Phiên bản đang áp dụng: số 1",
        "Điểm đạt (bài tập cuối khóa, tiêu chí (ii)): từ 5,0 trên thang 10", "xem được 90% thời lượng",
        "Yêu cầu mỗi năm học: 3 mô đun và 120 tiết", "Hệ thống (mặc định)");

    // Class A opens under version 1.
    long classA = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp A (quy định 1)", LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    long learnerA = accounts.create("gv.qd.a", PW, Role.LEARNER);
    cohorts.enroll(classA, learnerA, "MAIN").block(Duration.ofSeconds(5));
    long enrollmentA = cohorts.enrollment(classA, learnerA).block(Duration.ofSeconds(5)).id();

    // A form with mistakes names each and stores nothing.
    var bad = it.postForm("/admin/regulation", figures("6,25", "mười", "0", " "));
    assertThat(bad.getStatus().value()).isEqualTo(422);
    assertThat(text(bad)).contains("Chưa lưu phiên bản mới",
        "Điểm đạt (bài tập cuối khóa): \"6,25\" chỉ được có một chữ số thập phân.",
        "Điểm đạt câu hỏi bài tập: \"mười\" không phải là số.",
        "Ngưỡng xem video (%): \"0\" phải từ 1 đến 100.",
        "Lý do thay đổi: chưa nhập.");
    assertThat(count("SELECT count(*) FROM regulation_version")).isEqualTo(1);

    // Version 2: pass marks 6.0, video 80%.
    var saved = it.postForm("/admin/regulation", figures("6,0", "6,0", "80", "Công văn số 15/SGDĐT nâng điểm đạt"));
    assertThat(saved.getStatus().value()).isEqualTo(303);
    String page = text(it.get("/admin/regulation?saved=2"));
    assertThat(page).contains("Đã lưu phiên bản 2", "Phiên bản đang áp dụng: số 2", "từ 6,0 trên thang 10",
        "Công văn số 15/SGDĐT nâng điểm đạt", "Quy định ban đầu");
    assertThat(count("SELECT count(*) FROM regulation_version")).isEqualTo(2);
    assertThat(text(it.get("/admin/audit"))).contains("Tạo phiên bản quy định mới", "<span>Điểm đạt: </span><span>6,0</span>");

    // Class B opens after, under version 2; class A still names version 1.
    long classB = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp B (quy định 2)", LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    long learnerB = accounts.create("gv.qd.b", PW, Role.LEARNER);
    cohorts.enroll(classB, learnerB, "MAIN").block(Duration.ofSeconds(5));
    long enrollmentB = cohorts.enrollment(classB, learnerB).block(Duration.ofSeconds(5)).id();
    assertThat(cohorts.regulation(classA).block(Duration.ofSeconds(5)).version()).isEqualTo(1);
    assertThat(cohorts.regulation(classB).block(Duration.ofSeconds(5)).version()).isEqualTo(2);

    // The video threshold: 85% of the first lecture's video is studied in class B (80%), not in class A (90%).
    var a = WebSession.loggedIn(web, "gv.qd.a", PW);
    var b = WebSession.loggedIn(web, "gv.qd.b", PW);
    assertThat(text(a.get("/learn/" + classA + "/lectures/" + video))).contains("khi xem đủ 90%");
    assertThat(text(b.get("/learn/" + classB + "/lectures/" + video))).contains("khi xem đủ 80%");
    for (var s : java.util.List.of(java.util.Map.entry(a, classA), java.util.Map.entry(b, classB))) {
      assertThat(s.getKey().postForm("/learn/" + s.getValue() + "/lectures/" + video + "/progress",
          form("played", "0-510", "position", "510", "duration", "600")).getStatus().value()).isEqualTo(204);
    }
    progress.flush().block(Duration.ofSeconds(10));
    assertThat(db.sql("SELECT enrollment_id FROM lecture_progress WHERE done_at IS NOT NULL")
        .map((r, m) -> r.get(0, Long.class)).all().collectList().block(Duration.ofSeconds(5))).containsExactly(enrollmentB);
    sql("DELETE FROM lecture_progress");

    // Both learners: every quiz at 5.5, the final assignment graded 5.5.
    studiedAndGraded(enrollmentA, content, core);
    studiedAndGraded(enrollmentB, content, core);

    // The learner's quiz page and course page: 5.5 passes in class A, not in class B (6.0 needed).
    String quiz = content.lectures().stream().filter(l -> l.hasQuiz()).findFirst().orElseThrow().id();
    assertThat(text(a.get("/learn/" + classA + "/quizzes/" + quiz))).contains("Thang điểm 10, đạt từ 5,0 điểm.")
        .doesNotContain("Chưa đạt (cần từ");
    assertThat(text(b.get("/learn/" + classB + "/quizzes/" + quiz))).contains("Thang điểm 10, đạt từ 6,0 điểm.",
        "Chưa đạt (cần từ 6,0)");
    assertThat(text(b.get("/learn/" + classB))).contains("(từ 6,0): điểm được tính 5,5");

    // The institution approves both classes whole; the outcomes follow each class's version.
    clock.setVietnam("2026-12-22T09:00:00");
    var csbd = WebSession.loggedIn(web, "csbd.qd", PW);
    for (long c : new long[] {classA, classB}) {
      assertThat(csbd.postForm("/cohorts/" + c + "/evaluation", form("confirm", "1")).getStatus().value()).isEqualTo(303);
    }
    var standingA = completions.of(classA, enrollmentA, clock.instant()).block(Duration.ofSeconds(5));
    var standingB = completions.of(classB, enrollmentB, clock.instant()).block(Duration.ofSeconds(5));
    assertThat(standingA.completion().completed()).isTrue();
    assertThat(standingB.completion().missing()).containsExactly(
        new Completion.Missing(Completion.Criterion.SELF_STUDY, Completion.State.PENDING),
        new Completion.Missing(Completion.Criterion.CORE_TEACHER, Completion.State.FAILED));
    assertThat(text(a.get("/learn/" + classA + "/result"))).contains("Thầy cô đã hoàn thành mô đun.",
        "(ii) Bài tập cuối khóa: 5,5/10, đạt.");
    assertThat(text(b.get("/learn/" + classB + "/result"))).contains("Chưa hoàn thành mô đun",
        "(ii) Bài tập cuối khóa: 5,5/10, chưa đạt (cần từ 6,0).");
    assertThat(db.sql("SELECT a.username FROM module_completion x JOIN account a ON a.id = x.account_id")
        .map((r, m) -> r.get(0, String.class)).all().collectList().block(Duration.ofSeconds(5))).containsExactly("gv.qd.a");

    // Neither a version nor a cohort's pin can be changed in place.
    assertThatThrownBy(() -> sql("UPDATE regulation_version SET pass_mark = 4.0 WHERE number = 1")).hasMessageContaining("kept as made");
    assertThatThrownBy(() -> sql("DELETE FROM regulation_version WHERE number = 2")).hasMessageContaining("kept as made");
    assertThatThrownBy(() -> sql("UPDATE cohort SET regulation_version = 2 WHERE id = $1", classA))
        .hasMessageContaining("regulation versions it started with");
    assertThat(regulations.version(1).block(Duration.ofSeconds(5))).isEqualTo(vn.bdtx.domain.completion.Regulation.DEFAULT);
  }
}
