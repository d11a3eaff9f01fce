package vn.bdtx.assignments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.SampleFiles;
import vn.bdtx.support.SharedClockContext;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.Uploads;
import vn.bdtx.support.WebSession;

/**
 * Issue 7 parts 2 and 3: a core teacher's queue holds only their groups; marks
 * per rubric criterion add up to the score; wrong marks are named and change
 * nothing; returning for revision lets the learner hand in again; the lecturer
 * re-marks with a reason and the history keeps who, when, old and new; the
 * group's ZIP holds each learner's latest files.
 */
@BdtxIntegrationTest
@SharedClockContext
class GradingTest {

  static final String PW = "cham bai cuoi khoa";
  /** The sample GV-02 rubric: 2, 3, 2.5, 1.5 and 1 points. */
  static final List<String> SEVEN_AND_A_HALF = List.of("1,5", "2,5", "2", "1", "0,5");

  @Autowired WebTestClient web;
  @org.springframework.boot.test.web.server.LocalServerPort int port;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Cohorts cohorts;

  static int n;
  long cohort;
  long groupA;
  long groupB;
  String coreA;
  String coreB;
  String lecturer;
  /** Learner login → enrollment id; a1, a2 in group A, b1 in group B. */
  final Map<String, Long> enrollments = new LinkedHashMap<>();
  final Map<String, byte[]> handedIn = new HashMap<>();

  private <T> T block(reactor.core.publisher.Mono<T> mono) {
    return mono.block(Duration.ofSeconds(10));
  }

  private long id(String sql, Object... binds) {
    var spec = db.sql(sql);
    for (int i = 0; i < binds.length; i++) {
      spec = spec.bind(i, binds[i]);
    }
    return block(spec.map((r, m) -> ((Number) r.get(0)).longValue()).one());
  }

  @BeforeEach
  void aCohortWithTwoGroupsWhoseLearnersHaveSubmitted() {
    n++;
    clock.setVietnam("2026-12-16T09:00:00");
    var accounts = new TestAccounts(db, encoder);
    lecturer = "bcv.cham" + n;
    long lecturerId = accounts.create(lecturer, PW, Role.LECTURER);
    coreA = "cc.a" + n;
    coreB = "cc.b" + n;
    long coreAId = accounts.create(coreA, PW, Role.CORE_TEACHER);
    long coreBId = accounts.create(coreB, PW, Role.CORE_TEACHER);
    var by = new Caller(lecturerId, lecturer, "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = id("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'");
    cohort = ((Cohorts.Opened.Ok) block(cohorts.open(by, course, "Lớp chấm " + n, java.time.LocalDate.of(2026, 12, 7)))).cohortId();
    block(db.sql("UPDATE cohort SET lecturer_id = $1 WHERE id = $2").bind(0, lecturerId).bind(1, cohort).then());
    long clusterA = id("INSERT INTO org_unit (kind, code, name) VALUES ('CLUSTER', $1, $2) RETURNING id", "CUM-A" + n, "Cụm A" + n);
    long clusterB = id("INSERT INTO org_unit (kind, code, name) VALUES ('CLUSTER', $1, $2) RETURNING id", "CUM-B" + n, "Cụm B" + n);
    groupA = id("INSERT INTO cohort_group (cohort_id, cluster_id, core_teacher_id) VALUES ($1, $2, $3) RETURNING id", cohort, clusterA, coreAId);
    groupB = id("INSERT INTO cohort_group (cohort_id, cluster_id, core_teacher_id) VALUES ($1, $2, $3) RETURNING id", cohort, clusterB, coreBId);
    enrollments.clear();
    for (String who : List.of("a1", "a2", "b1")) {
      String login = "gv." + who + "." + n;
      long account = accounts.create(login, PW, Role.LEARNER);
      block(cohorts.enroll(cohort, account, "MAIN"));
      long e = block(cohorts.enrollment(cohort, account)).id();
      block(db.sql("UPDATE enrollment SET group_id = $1 WHERE id = $2").bind(0, who.startsWith("a") ? groupA : groupB).bind(1, e).then());
      enrollments.put(login, e);
      byte[] pdf = SampleFiles.pdf("Ke hoach cua " + login);
      handedIn.put(login, pdf);
      assertThat(submit(login, pdf).getStatus().value()).isEqualTo(303);
    }
  }

  private EntityExchangeResult<String> submit(String login, byte[] pdf) {
    var s = WebSession.loggedIn(web, login, PW);
    s.get("/learn/" + cohort + "/submission");
    return Uploads.files(web, s, "/learn/" + cohort + "/submission", Map.of("key", UUID.randomUUID().toString()), "files",
        List.of(Map.entry("ke-hoach.pdf", pdf)));
  }

  private String learner(String who) {
    return "gv." + who + "." + n;
  }

  private long enrollment(String who) {
    return enrollments.get(learner(who));
  }

  private long latestVersionId(String who) {
    return id("SELECT id FROM submission WHERE enrollment_id = $1 ORDER BY version DESC LIMIT 1", enrollment(who));
  }

  private static String text(EntityExchangeResult<String> r) {
    return HtmlUtils.htmlUnescape(r.getResponseBody() == null ? "" : r.getResponseBody());
  }

  private String page(String who) {
    return "/cohorts/" + cohort + "/grading/" + enrollment(who);
  }

  private EntityExchangeResult<String> decide(WebSession grader, String who, String action, long submission, List<String> marks,
                                              String comment, String reason) {
    return decide(grader, page(who), action, submission, marks, comment, reason, true);
  }

  private EntityExchangeResult<String> decide(WebSession grader, String pageUrl, String action, long submission,
                                              List<String> marks, String comment, String reason, boolean fromUrl) {
    grader.get(pageUrl);
    var fields = new LinkedHashMap<String, String>();
    fields.put("action", action);
    fields.put("submission", String.valueOf(submission));
    for (int i = 0; i < marks.size(); i++) {
      fields.put("m" + (i + 1), marks.get(i));
    }
    fields.put("comment", comment);
    if (reason != null) {
      fields.put("reason", reason);
    }
    return Uploads.files(web, grader, pageUrl, fields, "feedback", List.of());
  }

  private long grades() {
    return id("SELECT count(*) FROM assignment_grade g JOIN enrollment e ON e.id = g.enrollment_id WHERE e.cohort_id = $1", cohort);
  }

  @Test
  void aCoreTeacherSeesOnlyTheirGroupAndGradesWithTheRubric() {
    var cc = WebSession.loggedIn(web, coreA, PW);
    String queue = text(cc.get("/cohorts/" + cohort + "/grading"));
    assertThat(queue).contains(learner("a1"), learner("a2"), "Chờ chấm (2)").doesNotContain(learner("b1"));
    assertThat(cc.get(page("b1")).getStatus().value()).as("another group's learner").isEqualTo(404);

    // Opened from the queue filtered to "Chờ chấm": the grading page, its "back" and the save keep the filter.
    String waiting = text(cc.get("/cohorts/" + cohort + "/grading?status=WAITING"));
    assertThat(waiting).contains("href=\"" + page("a1") + "?status=WAITING\"");
    String grading = text(cc.get(page("a1") + "?status=WAITING"));
    assertThat(grading).contains("Mục tiêu bài học", "Chuỗi hoạt động học", "ke-hoach.pdf", "mở ngay trong trình duyệt")
        .contains("href=\"/cohorts/" + cohort + "/grading?status=WAITING\"", "action=\"" + page("a1") + "?status=WAITING\"");
    var done = decide(cc, page("a1") + "?status=WAITING", "grade", latestVersionId("a1"), SEVEN_AND_A_HALF,
        "Kế hoạch rõ ràng; cần thêm công cụ đánh giá.", null, true);
    assertThat(done.getStatus().value()).isEqualTo(303);
    assertThat(String.valueOf(done.getResponseHeaders().getLocation()))
        .isEqualTo("/cohorts/" + cohort + "/grading?done=" + enrollment("a1") + "&status=WAITING");
    assertThat(block(db.sql("SELECT score FROM assignment_grade WHERE enrollment_id = $1").bind(0, enrollment("a1"))
        .map((r, m) -> r.get(0, java.math.BigDecimal.class)).one())).isEqualByComparingTo("7.5");
    assertThat(text(cc.get("/cohorts/" + cohort + "/grading?status=GRADED"))).contains(learner("a1"), "7,5").doesNotContain(learner("a2"));

    // The learner sees the score and the comment, and cannot replace a graded assignment.
    var hv = WebSession.loggedIn(web, learner("a1"), PW);
    assertThat(text(hv.get("/learn/" + cohort + "/submission"))).contains("Lần nộp 1 được chấm 7,5/10", "cần thêm công cụ đánh giá")
        .doesNotContain("id=\"upload\"");
    var again = submit(learner("a1"), SampleFiles.pdf("Sua lai"));
    assertThat(again.getStatus().value()).isEqualTo(409);
    assertThat(text(again)).contains("Bài đã được chấm; chỉ nộp lại được khi người chấm trả bài để sửa.");
  }

  @Test
  void wrongMarksAreNamedByCriterionAndChangeNothing() {
    var cc = WebSession.loggedIn(web, coreA, PW);
    var bad = decide(cc, "a2", "grade", latestVersionId("a2"), List.of("2,5", "ba", "", "1,25", "-1"), "", null);
    assertThat(bad.getStatus().value()).isEqualTo(422);
    assertThat(text(bad)).contains("Tiêu chí 1 «Mục tiêu bài học»: 2,5 vượt quá điểm tối đa 2,0.",
        "Tiêu chí 2 «Chuỗi hoạt động học»: «ba» không phải là số.", "Tiêu chí 3 «Phương pháp, kĩ thuật dạy học»: chưa nhập điểm.",
        "Tiêu chí 4 «Đánh giá»: 1,25 có quá một chữ số thập phân.", "Tiêu chí 5 «Trình bày»: điểm không được âm (-1).");
    assertThat(text(bad)).containsPattern("name=\"m2\"[^>]*value=\"ba\"");
    assertThat(grades()).isZero();
    // The other group's core teacher cannot grade this learner at all.
    var other = WebSession.loggedIn(web, coreB, PW);
    assertThat(decide(other, "a2", "grade", latestVersionId("a2"), SEVEN_AND_A_HALF, "", null).getStatus().value()).isEqualTo(404);
    assertThat(grades()).isZero();
  }

  @Test
  void aReturnedAssignmentIsHandedInAgainAndTheNewVersionIsGraded() {
    var cc = WebSession.loggedIn(web, coreA, PW);
    long v1 = latestVersionId("a1");
    var noComment = decide(cc, "a1", "return", v1, List.of(), "", null);
    assertThat(text(noComment)).contains("Trả lại để sửa cần nhận xét nói rõ học viên phải sửa gì.");
    assertThat(decide(cc, "a1", "return", v1, List.of(), "Bổ sung hoạt động Vận dụng.", null).getStatus().value()).isEqualTo(303);
    assertThat(text(cc.get("/cohorts/" + cohort + "/grading?status=RETURNED"))).contains(learner("a1"));

    var hv = WebSession.loggedIn(web, learner("a1"), PW);
    assertThat(text(hv.get("/learn/" + cohort + "/submission"))).contains("Lần nộp 1 được trả lại để sửa", "Bổ sung hoạt động Vận dụng.");
    byte[] revised = SampleFiles.pdf("Ban da sua");
    assertThat(submit(learner("a1"), revised).getStatus().value()).isEqualTo(303);
    assertThat(text(cc.get("/cohorts/" + cohort + "/grading?status=WAITING"))).contains(learner("a1"));

    // Grading the old version now would grade something the learner replaced.
    var stale = decide(cc, "a1", "grade", v1, SEVEN_AND_A_HALF, "", null);
    assertThat(stale.getStatus().value()).isEqualTo(409);
    assertThat(text(stale)).contains("Học viên vừa nộp lần mới");
    assertThat(decide(cc, "a1", "grade", latestVersionId("a1"), List.of("2", "3", "2,5", "1,5", "1"), "Tốt.", null)
        .getStatus().value()).isEqualTo(303);
    String grading = text(cc.get(page("a1")));
    assertThat(grading).contains("Lần nộp 2 đã được chấm 10,0/10", "Đã trả lại để sửa → 10,0 (lần 2)", "— → Đã trả lại để sửa (lần 1)");
  }

  @Test
  void theLecturerRemarksWithAReasonAndTheHistoryKeepsOldAndNew() {
    var cc = WebSession.loggedIn(web, coreA, PW);
    decide(cc, "a1", "grade", latestVersionId("a1"), SEVEN_AND_A_HALF, "", null);
    var bcv = WebSession.loggedIn(web, lecturer, PW);
    String queue = text(bcv.get("/cohorts/" + cohort + "/grading"));
    assertThat(queue).contains("Phân bố điểm theo nhóm", learner("b1"), learner("a1"));
    var noReason = decide(bcv, "a1", "grade", latestVersionId("a1"), List.of("2", "2,5", "2", "1", "0,5"), "", "");
    assertThat(noReason.getStatus().value()).isEqualTo(422);
    assertThat(text(noReason)).contains("Bài đã có điểm: muốn sửa điểm, hãy ghi lý do.");
    assertThat(decide(bcv, "a1", "grade", latestVersionId("a1"), List.of("2", "2,5", "2", "1", "0,5"), "",
        "Hội đồng chấm lại: chuỗi hoạt động đủ 4 thành phần").getStatus().value()).isEqualTo(303);
    var history = block(db.sql("""
            SELECT c.old_score, c.new_score, a.username, c.reason FROM grade_change c JOIN account a ON a.id = c.changed_by
            WHERE c.enrollment_id = $1 ORDER BY c.id""").bind(0, enrollment("a1"))
        .map((r, m) -> r.get(0) + " → " + r.get(1) + " by " + r.get(2) + ": " + r.get(3)).all().collectList());
    assertThat(history).containsExactly("null → 7.5 by " + coreA + ": ", "7.5 → 8.0 by " + lecturer
        + ": Hội đồng chấm lại: chuỗi hoạt động đủ 4 thành phần");
    // Who graded and who changed it, by name (from accounts, not joined in the grade's own query).
    assertThat(text(bcv.get(page("a1")))).contains("7,5 → 8,0 (lần 1)", "Hội đồng chấm lại", "Nguyễn Văn " + lecturer,
        "Nguyễn Văn " + coreA);
    String distribution = text(bcv.get("/cohorts/" + cohort + "/grading"));
    assertThat(distribution).containsPattern("Cụm A" + n + "</td>\\s*<td>[^<]*</td>\\s*<td>1</td>\\s*<td>8,0</td>");
  }

  @Test
  void nothingCanBeReturnedAfterTheLearnersDeadline() {
    clock.setVietnam("2026-12-22T00:00:01");
    var cc = WebSession.loggedIn(web, coreA, PW);
    var late = decide(cc, "a1", "return", latestVersionId("a1"), List.of(), "Sửa thêm", null);
    assertThat(late.getStatus().value()).isEqualTo(409);
    assertThat(text(late)).contains("Đã hết hạn nộp của học viên nên không trả lại để sửa được nữa");
    assertThat(grades()).isZero();
  }

  @Test
  void aGradersFeedbackFileReachesTheLearner() throws Exception {
    var cc = WebSession.loggedIn(web, coreA, PW);
    cc.get(page("a2"));
    byte[] feedback = SampleFiles.pdf("Nhan xet chi tiet");
    var fields = new LinkedHashMap<String, String>();
    fields.put("action", "grade");
    fields.put("submission", String.valueOf(latestVersionId("a2")));
    for (int i = 0; i < SEVEN_AND_A_HALF.size(); i++) {
      fields.put("m" + (i + 1), SEVEN_AND_A_HALF.get(i));
    }
    fields.put("comment", "Xem tệp nhận xét.");
    assertThat(Uploads.files(web, cc, page("a2"), fields, "feedback", List.of(Map.entry("nhan-xet", feedback)))
        .getStatus().value()).isEqualTo(303);
    var hv = WebSession.loggedIn(web, learner("a2"), PW);
    assertThat(text(hv.get("/learn/" + cohort + "/submission"))).contains("Tệp nhận xét của người chấm: nhan-xet");
    var link = hv.get("/learn/" + cohort + "/submission/feedback");
    assertThat(link.getStatus().value()).isEqualTo(303);
    var got = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port).resolve(String.valueOf(link.getResponseHeaders().getLocation())))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(got.body()).isEqualTo(feedback);
    assertThat(got.headers().firstValue("Content-Type")).as("the type read from the file, not its name").hasValue("application/pdf");
    assertThat(WebSession.loggedIn(web, learner("a1"), PW).get("/learn/" + cohort + "/submission/feedback").getStatus().value())
        .isEqualTo(404);
  }

  @Test
  void theGroupsZipHoldsEachLearnersLatestFilesAndNoOtherGroup() throws Exception {
    byte[] second = SampleFiles.pdf("Lan nop thu hai");
    assertThat(submit(learner("a2"), second).getStatus().value()).isEqualTo(303);
    var cc = WebSession.loggedIn(web, coreA, PW);
    var zip = web.get().uri("/cohorts/" + cohort + "/grading/archive?group=" + groupA)
        .cookie(WebSession.COOKIE, cc.sessionId()).exchange().expectBody(byte[].class).returnResult();
    assertThat(zip.getStatus().value()).isEqualTo(200);
    assertThat(zip.getResponseHeaders().getContentType().toString()).isEqualTo("application/zip");
    var entries = new LinkedHashMap<String, byte[]>();
    try (var in = new ZipInputStream(new ByteArrayInputStream(zip.getResponseBody()))) {
      for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    assertThat(entries.keySet()).hasSize(2).allMatch(name -> name.startsWith("Cụm A" + n + "/"));
    var a2 = entries.entrySet().stream().filter(e -> e.getKey().contains(learner("a2"))).findFirst().orElseThrow();
    assertThat(a2.getKey()).endsWith("/lan-2-1-ke-hoach.pdf");
    assertThat(a2.getValue()).isEqualTo(second);
    var a1 = entries.entrySet().stream().filter(e -> e.getKey().contains(learner("a1"))).findFirst().orElseThrow();
    assertThat(a1.getValue()).isEqualTo(handedIn.get(learner("a1")));
    // Group B's core teacher gets only their own group, whatever group they ask for.
    var other = WebSession.loggedIn(web, coreB, PW);
    var theirs = web.get().uri("/cohorts/" + cohort + "/grading/archive?group=" + groupA)
        .cookie(WebSession.COOKIE, other.sessionId()).exchange().expectBody(byte[].class).returnResult();
    try (var in = new ZipInputStream(new ByteArrayInputStream(theirs.getResponseBody()))) {
      assertThat(in.getNextEntry()).isNull();
    }
  }
}
