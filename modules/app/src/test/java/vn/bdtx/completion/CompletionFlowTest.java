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
import vn.bdtx.domain.catalog.CourseContent;
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
  @org.springframework.boot.test.web.server.LocalServerPort int port;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Cohorts cohorts;
  @Autowired Courses courses;
  @Autowired Certificates certificates;
  @Autowired Completions completions;
  @Autowired vn.bdtx.assignments.Grades grades;

  private static String text(EntityExchangeResult<String> r) {
    return HtmlUtils.htmlUnescape(r.getResponseBody() == null ? "" : r.getResponseBody());
  }

  private void sql(String sql, Object... binds) {
    vn.bdtx.support.Sql.run(db, sql, binds);
  }

  private void selfStudyDone(long enrollment, CourseContent content) {
    vn.bdtx.support.SelfStudyDone.record(db, enrollment, content);
  }

  private void graded(long enrollment, long grader, String score) {
    sql("INSERT INTO submission (enrollment_id, version, upload_key, submitted_at) VALUES ($1, 1, gen_random_uuid(), now())", enrollment);
    sql("""
        INSERT INTO assignment_grade (enrollment_id, submission_id, state, score, graded_by, graded_at)
        SELECT $1, id, 'GRADED', CAST($2 AS numeric), $3, now() FROM submission WHERE enrollment_id = $1""", enrollment, score, grader);
  }

  @Test
  void theInstitutionApprovesTheCohortWithOneExceptionAndEachLearnerSeesWhatIsMissing() throws Exception {
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
    assertThat(before).contains("Còn thiếu trước khi ghi đánh giá", "Ghi đánh giá cho cả lớp").doesNotContain("id=\"last-recorded\"");
    sql("UPDATE account SET full_name = 'Trường CĐSP Hoàn Thành' WHERE username = 'csbd.ht'");

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
    // Once recorded, the page says when and by whom, and offers to record again saying what that changes.
    assertThat(text(csbd.get("/cohorts/" + cohort + "/evaluation")))
        .contains("Đánh giá (iii) đã được ghi lúc 09:00 ngày 22/12/2026, bởi Trường CĐSP Hoàn Thành.", "Ghi lại đánh giá",
            "Ghi lại đánh giá sẽ thay quyết định")
        .doesNotContain("Còn thiếu trước khi ghi đánh giá", "Ghi đánh giá cho cả lớp");
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

    // Certificates: only the completed main enrollment gets one, its PDF carries the name with its diacritics.
    sql("UPDATE account SET full_name = 'Nguyễn Thị Hồng Nhung' WHERE username = 'gv.ht1'");
    assertThat(csbd.postForm("/cohorts/" + cohort + "/certificates", form()).getStatus().value()).isEqualTo(303);
    assertThat(csbd.postForm("/cohorts/" + cohort + "/certificates", form()).getStatus().value()).as("issued again").isEqualTo(303);
    long deadline = System.currentTimeMillis() + 20_000;
    while (!text(csbd.get("/cohorts/" + cohort + "/evaluation")).contains("Giấy chứng nhận: 1/1 đã có tệp PDF.")) {
      assertThat(System.currentTimeMillis()).as("the batch finishes").isLessThan(deadline);
      sleep(200);
    }
    var numbers = db.sql("SELECT number, enrollment_id FROM certificate").map((r, m) -> r.get(0, String.class) + "@" + r.get(1, Long.class))
        .all().collectList().block(Duration.ofSeconds(5));
    assertThat(numbers).hasSize(1).allMatch(x -> x.endsWith("@" + e[0]) && x.startsWith("GV02-2026-"));
    String number = numbers.get(0).substring(0, numbers.get(0).indexOf('@'));

    var link = hv.get("/learn/" + cohort + "/certificate");
    assertThat(link.getStatus().value()).isEqualTo(303);
    byte[] pdf = fetch(String.valueOf(link.getResponseHeaders().getLocation()));
    assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    var reader = new com.lowagie.text.pdf.PdfReader(pdf);
    String printed = new com.lowagie.text.pdf.parser.PdfTextExtractor(reader).getTextFromPage(1);
    assertThat(printed).contains("GIẤY CHỨNG NHẬN", "Nguyễn Thị Hồng Nhung", "GV-02", "40 tiết", number,
        "từ ngày 07/12/2026 đến ngày 21/12/2026", "/verify/" + number);
    assertThat(new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1)).as("the font is embedded").contains("/FontFile2");
    assertThat(WebSession.loggedIn(web, "gv.ht2", PW).get("/learn/" + cohort + "/certificate").getStatus().value()).isEqualTo(404);
    assertThat(text(hv.get("/learn/" + cohort + "/result"))).contains("Tải giấy chứng nhận (PDF)");
    // The institution downloads each certificate's PDF from the evaluation page; a supervisor may not.
    assertThat(csbd.get("/cohorts/" + cohort + "/evaluation").getResponseBody())
        .contains("href=\"/cohorts/" + cohort + "/certificates/" + number + "\"");
    var issued = csbd.get("/cohorts/" + cohort + "/certificates/" + number);
    assertThat(issued.getStatus().value()).isEqualTo(303);
    assertThat(new String(fetch(String.valueOf(issued.getResponseHeaders().getLocation())), 0, 5,
        java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    assertThat(gs.get("/cohorts/" + cohort + "/certificates/" + number).getStatus().value()).isEqualTo(403);
    assertThat(csbd.get("/cohorts/" + cohort + "/certificates/GV02-2026-000000-ABCD").getStatus().value()).isEqualTo(404);

    // Graded again after the evaluation: the stored outcome follows in the grade's transaction, and the evaluation
    // page, /cohorts and the learner's result agree; the certificate is on its way.
    long second = db.sql("SELECT id FROM submission WHERE enrollment_id = $1").bind(0, e[1]).map((r, m) -> r.get(0, Long.class)).one()
        .block(Duration.ofSeconds(5));
    var coreCaller = new Caller(core, "cc.ht", "GV cốt cán", false,
        java.util.Set.of(new Caller.Grant(Role.CORE_TEACHER, ScopeType.PROVINCE, null)));
    assertThat(grades.grade(coreCaller, e[1], second, new vn.bdtx.domain.assignments.Marking.Marked(
            List.of(new java.math.BigDecimal("6.0")), new java.math.BigDecimal("6.0")), "Đã sửa phần kế hoạch", null,
        "Chấm lại sau khi xem lại bài", clock.instant()).block(Duration.ofSeconds(5))).isEqualTo(vn.bdtx.assignments.Grades.Decided.DONE);
    assertThat(text(csbd.get("/cohorts/" + cohort + "/evaluation"))).contains("2/3 học viên môn chính đã hoàn thành mô đun.",
        "1 học viên đã hoàn thành chưa có giấy chứng nhận.", "Cấp giấy chứng nhận cho học viên đã hoàn thành");
    assertThat(text(csbd.get("/cohorts"))).contains("Đã đánh giá: 2/3 học viên hoàn thành · 1 giấy chứng nhận");
    assertThat(text(WebSession.loggedIn(web, "gv.ht2", PW).get("/learn/" + cohort + "/result")))
        .contains("Thầy cô đã hoàn thành mô đun.", "Giấy chứng nhận của thầy cô đang được cấp");

    // Anyone checks the number without logging in; an unknown or revoked number is said to be so.
    var visitor = WebSession.anonymous(web);
    assertThat(text(visitor.get("/verify/" + number))).contains("đang có hiệu lực", "Nguyễn Thị Hồng Nhung", "GV-02")
        .doesNotContain("gv.ht1");
    // Typed from the paper in lower case with spaces around it, in the address or in the page's form (issue 14, item 6c).
    String typed = "  " + number.toLowerCase(java.util.Locale.ROOT) + " ";
    assertThat(text(visitor.get("/verify/" + typed)))
        .contains("Giấy chứng nhận số " + number + " do hệ thống BDTX cấp và đang có hiệu lực", "Nguyễn Thị Hồng Nhung");
    // As the page's form sends it: spaces as '+'.
    var looked = visitor.get("/verify?number=" + java.net.URLEncoder.encode(typed, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(looked.getStatus().is3xxRedirection()).isTrue();
    assertThat(String.valueOf(looked.getResponseHeaders().getLocation())).isEqualTo("/verify/" + number);
    assertThat(text(visitor.get("/verify"))).contains("Số giấy chứng nhận").doesNotContain("Không có giấy chứng nhận");
    var unknown = visitor.get("/verify/GV02-2026-999999-ZZZZ");
    assertThat(unknown.getStatus().value()).isEqualTo(404);
    assertThat(text(unknown)).contains("Không có giấy chứng nhận số «GV02-2026-999999-ZZZZ»");
    assertThat(text(csbd.get("/cohorts/" + cohort + "/evaluation"))).contains(number);
    var blank = csbd.postForm("/cohorts/" + cohort + "/certificates/" + number + "/revocation", form("reason", " "));
    assertThat(String.valueOf(blank.getResponseHeaders().getLocation())).contains("revokeReason=" + number);
    assertThat(text(visitor.get("/verify/" + number))).contains("đang có hiệu lực");
    clock.setVietnam("2027-01-05T09:00:00");
    var revoked = csbd.postForm("/cohorts/" + cohort + "/certificates/" + number + "/revocation", form("reason", "Cấp nhầm"));
    assertThat(revoked.getStatus().value()).isEqualTo(303);
    assertThat(text(csbd.get("/cohorts/" + cohort + "/evaluation?revoked=" + number))).contains("Đã thu hồi giấy chứng nhận số " + number);
    assertThat(text(visitor.get("/verify/" + number))).contains("đã bị thu hồi ngày 05/01/2027: Cấp nhầm");
    assertThat(hv.get("/learn/" + cohort + "/certificate").getStatus().value()).as("a revoked certificate is not downloaded").isEqualTo(404);
  }

  @Test
  void aBatchStoppedAfterNumberingIsFinishedByTheResumeAndNeverNumbersTwice() {
    clock.setVietnam("2026-12-22T09:00:00");
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.cn", PW, Role.LECTURER);
    var by = new Caller(lecturer, "bcv.cn", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, Long.class)).one()
        .block(Duration.ofSeconds(5));
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp cấp giấy", java.time.LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    for (int i = 0; i < 12; i++) {
      long account = accounts.create("gv.cn" + i, PW, Role.LEARNER);
      cohorts.enroll(cohort, account, "MAIN").block(Duration.ofSeconds(5));
      long enrollment = cohorts.enrollment(cohort, account).block(Duration.ofSeconds(5)).id();
      sql("INSERT INTO enrollment_completion (enrollment_id, outcome, settled_at) VALUES ($1, 'COMPLETED', now())", enrollment);
    }
    // Two batches number at the same moment: one number per enrollment.
    var now = clock.instant();
    reactor.core.publisher.Flux.merge(certificates.number(cohort, now), certificates.number(cohort, now))
        .collectList().block(Duration.ofSeconds(10));
    java.util.function.Supplier<Long> count = () -> db.sql("""
            SELECT count(*) FROM certificate c JOIN enrollment e ON e.id = c.enrollment_id WHERE e.cohort_id = $1""")
        .bind(0, cohort).map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5));
    assertThat(count.get()).isEqualTo(12);
    assertThat(certificates.counts(cohort).block(Duration.ofSeconds(5))).containsExactly(0, 12);
    // The node stopped before rendering: the resume renders them all, once.
    assertThat(certificates.render(null).block(Duration.ofSeconds(60))).isEqualTo(12);
    assertThat(certificates.render(null).block(Duration.ofSeconds(10))).isZero();
    assertThat(certificates.issue(cohort, now).block(Duration.ofSeconds(10))).isZero();
    // The whole run's batch, from the run page, numbers nobody twice either.
    long run = db.sql("INSERT INTO module_run (module_code, name) VALUES ('GV-02', 'Đợt cấp giấy') RETURNING id")
        .map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5));
    sql("UPDATE cohort SET run_id = $1 WHERE id = $2", run, cohort);
    assertThat(certificates.numberRun(run, now).block(Duration.ofSeconds(10))).isZero();
    assertThat(count.get()).isEqualTo(12);
    assertThat(certificates.counts(cohort).block(Duration.ofSeconds(5))).containsExactly(12, 12);
  }

  @Test
  void theEvaluationIsRefusedUntilTheFinishingPhaseAndEveryMainExtensionHaveEndedAndNothingChanges() {
    clock.setVietnam("2026-12-09T10:00:00");
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.mo", PW, Role.LECTURER);
    long core = accounts.create("cc.mo", PW, Role.CORE_TEACHER);
    accounts.create("csbd.mo", PW, Role.INSTITUTION);
    var by = new Caller(lecturer, "bcv.mo", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, Long.class)).one()
        .block(Duration.ofSeconds(5));
    CourseContent content = courses.latestVersion(course).block(Duration.ofSeconds(5)).content();
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp chờ kết thúc", java.time.LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    long[] e = new long[3];
    for (int i = 0; i < 3; i++) {
      long account = accounts.create("gv.mo" + (i + 1), PW, Role.LEARNER);
      cohorts.enroll(cohort, account, "MAIN").block(Duration.ofSeconds(5));
      e[i] = cohorts.enrollment(cohort, account).block(Duration.ofSeconds(5)).id();
      selfStudyDone(e[i], content);
    }
    graded(e[0], core, "8.0");
    sql("INSERT INTO submission (enrollment_id, version, upload_key, submitted_at) VALUES ($1, 1, gen_random_uuid(), now())", e[1]);
    java.util.function.Supplier<Long> evaluations = () -> db.sql("""
            SELECT count(*) FROM institution_evaluation v JOIN enrollment e ON e.id = v.enrollment_id WHERE e.cohort_id = $1""")
        .bind(0, cohort).map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5));

    // Day 3: the page says from when it opens and what is missing; recording is refused and changes nothing.
    var csbd = WebSession.loggedIn(web, "csbd.mo", PW);
    assertThat(text(csbd.get("/cohorts/" + cohort + "/evaluation"))).contains(
        "Đánh giá của cơ sở bồi dưỡng mở từ ngày 22/12/2026, sau khi lớp kết thúc giai đoạn hoàn thiện (ngày cuối 21/12/2026).",
        "1 bài nộp chưa được chấm.", "2 học viên môn chính chưa có điểm bài tập cuối khóa");
    var early = csbd.postForm("/cohorts/" + cohort + "/evaluation", form("confirm", "1"));
    assertThat(early.getStatus().value()).isEqualTo(409);
    assertThat(text(early)).contains("Chưa ghi được đánh giá: đánh giá của lớp này chỉ mở từ ngày 22/12/2026");
    assertThat(evaluations.get()).isZero();

    // The last second of day 15 is still too early.
    clock.setVietnam("2026-12-21T23:59:59");
    assertThat(csbd.postForm("/cohorts/" + cohort + "/evaluation", form("confirm", "1")).getStatus().value()).isEqualTo(409);

    // A learner with a later deadline: the class waits for it, and the service refuses too.
    var it = accounts.create("it.mo", PW, Role.IT_ADMIN);
    var admin = WebSession.loggedIn(web, "it.mo", PW);
    assertThat(admin.postForm("/cohorts/" + cohort + "/extensions", form("learners", String.valueOf(e[2]), "lastDay", "2026-12-30",
        "reason", "Chấm thi tốt nghiệp")).getStatus().value()).isEqualTo(303);
    clock.setVietnam("2026-12-22T09:00:00");
    var waiting = csbd.postForm("/cohorts/" + cohort + "/evaluation", form("confirm", "1"));
    assertThat(waiting.getStatus().value()).isEqualTo(409);
    assertThat(text(waiting)).contains("chỉ mở từ ngày 31/12/2026",
        "Đánh giá mở từ ngày 31/12/2026: lớp kết thúc ngày 21/12/2026, nhưng 1 học viên môn chính được gia hạn nộp bài");
    var institution = new Caller(0, "csbd.mo", "CSBD", false, java.util.Set.of(new Caller.Grant(Role.INSTITUTION, ScopeType.PROVINCE, null)));
    assertThat(completions.evaluate(institution, cohort, java.util.Map.of(), clock.instant()).block(Duration.ofSeconds(10)))
        .isInstanceOf(Completions.Evaluated.NotYet.class);
    assertThat(evaluations.get()).isZero();
    assertThat(it).isPositive();

    clock.setVietnam("2026-12-31T00:00:00");
    assertThat(text(csbd.get("/cohorts/" + cohort + "/evaluation"))).contains("Đánh giá đã mở từ ngày 31/12/2026.");
    assertThat(csbd.postForm("/cohorts/" + cohort + "/evaluation", form("confirm", "1")).getStatus().value()).isEqualTo(303);
    assertThat(evaluations.get()).isEqualTo(3);
  }

  @Test
  void newNumbersCarryAnEightyBitCheckCodeAndNumbersIssuedBeforeStayValid() {
    clock.setVietnam("2026-12-22T09:00:00");
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.so", PW, Role.LECTURER);
    var by = new Caller(lecturer, "bcv.so", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, Long.class)).one()
        .block(Duration.ofSeconds(5));
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp số giấy", java.time.LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    long[] enrollments = new long[3];
    for (int i = 0; i < enrollments.length; i++) {
      long account = accounts.create("gv.so" + i, PW, Role.LEARNER);
      cohorts.enroll(cohort, account, "MAIN").block(Duration.ofSeconds(5));
      enrollments[i] = cohorts.enrollment(cohort, account).block(Duration.ofSeconds(5)).id();
      sql("INSERT INTO enrollment_completion (enrollment_id, outcome, settled_at) VALUES ($1, 'COMPLETED', now())", enrollments[i]);
    }
    assertThat(certificates.number(cohort, clock.instant()).block(Duration.ofSeconds(10))).isEqualTo(3);
    var numbers = new java.util.ArrayList<String>();
    for (long e : enrollments) {
      numbers.add(certificates.ofEnrollment(e).block(Duration.ofSeconds(5)).number());
    }
    // Module, year, serial, then 16 characters of Crockford's base 32 (80 bits), all different.
    assertThat(numbers).allMatch(n -> n.matches("GV02-2026-\\d{6}-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}"), "new form");
    assertThat(numbers.stream().map(n -> n.substring(n.length() - 19)).distinct()).hasSize(3);

    // One of them as a number issued before this change: four hex digits, printed on paper already.
    String old = "GV02-2025-000042-4F0A";
    sql("UPDATE certificate SET number = $1 WHERE enrollment_id = $2", old, enrollments[2]);
    var visitor = WebSession.anonymous(web);
    assertThat(text(visitor.get("/verify/" + old))).contains("Giấy chứng nhận số " + old + " do hệ thống BDTX cấp");
    assertThat(text(visitor.get("/verify/gv02-2025-000042-4f0a"))).contains("Giấy chứng nhận số " + old + " do hệ thống BDTX cấp");

    String issued = numbers.get(0);
    assertThat(text(visitor.get("/verify/" + issued))).contains("Giấy chứng nhận số " + issued + " do hệ thống BDTX cấp");
    // Typed from the paper: lower case, groups run together, O for 0 and I for 1.
    String typed = issued.substring(0, 17).toLowerCase(java.util.Locale.ROOT)
        + issued.substring(17).replace("-", "").toLowerCase(java.util.Locale.ROOT).replace('0', 'o').replace('1', 'i');
    assertThat(text(visitor.get("/verify/" + typed))).contains("Giấy chứng nhận số " + issued + " do hệ thống BDTX cấp");
    // One character of the check code changed is another number, which nobody holds.
    char last = issued.charAt(issued.length() - 1);
    String wrong = issued.substring(0, issued.length() - 1) + (last == 'Z' ? 'Y' : 'Z');
    assertThat(visitor.get("/verify/" + wrong).getStatus().value()).isEqualTo(404);
  }

  @Test
  void aCertificateIsNeitherNumberedBeforeItsPeriodEndsNorDatedBeforeItsLastDay() throws Exception {
    clock.setVietnam("2026-12-21T23:30:00");
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.ng", PW, Role.LECTURER);
    var by = new Caller(lecturer, "bcv.ng", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, Long.class)).one()
        .block(Duration.ofSeconds(5));
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp ngày cấp", java.time.LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    long account = accounts.create("gv.ng", PW, Role.LEARNER);
    cohorts.enroll(cohort, account, "MAIN").block(Duration.ofSeconds(5));
    long enrollment = cohorts.enrollment(cohort, account).block(Duration.ofSeconds(5)).id();
    sql("INSERT INTO enrollment_completion (enrollment_id, outcome, settled_at) VALUES ($1, 'COMPLETED', now())", enrollment);

    // 23:30 on the last day in Vietnam: the period has not ended, nothing is numbered.
    assertThat(certificates.number(cohort, clock.instant()).block(Duration.ofSeconds(5))).isZero();
    clock.setVietnam("2026-12-22T00:30:00");
    assertThat(certificates.number(cohort, clock.instant()).block(Duration.ofSeconds(5))).isEqualTo(1);
    var issued = certificates.ofEnrollment(enrollment).block(Duration.ofSeconds(5));
    assertThat(issued.issuedOn()).isEqualTo(java.time.LocalDate.of(2026, 12, 22)).isAfter(issued.to());

    // A certificate stored with an earlier date (numbered before this rule) is printed and shown with its last day.
    sql("UPDATE certificate SET issued_at = TIMESTAMPTZ '2026-12-16 10:00+07' WHERE enrollment_id = $1", enrollment);
    assertThat(certificates.render(cohort).block(Duration.ofSeconds(60))).isEqualTo(1);
    var early = certificates.ofEnrollment(enrollment).block(Duration.ofSeconds(5));
    assertThat(early.issuedOn()).isEqualTo(java.time.LocalDate.of(2026, 12, 21));
    var link = WebSession.loggedIn(web, "gv.ng", PW).get("/learn/" + cohort + "/certificate");
    byte[] pdf = fetch(String.valueOf(link.getResponseHeaders().getLocation()));
    String printed = new com.lowagie.text.pdf.parser.PdfTextExtractor(new com.lowagie.text.pdf.PdfReader(pdf)).getTextFromPage(1);
    assertThat(printed).contains("đến ngày 21/12/2026", "cấp ngày 21/12/2026").doesNotContain("16/12/2026");
    assertThat(text(WebSession.anonymous(web).get("/verify/" + early.number()))).contains("21/12/2026").doesNotContain("16/12/2026");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private byte[] fetch(String url) {
    try {
      return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port).resolve(url)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
    } catch (Exception x) {
      throw new IllegalStateException(x);
    }
  }
}
