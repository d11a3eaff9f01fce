package vn.bdtx.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.bdtx.support.WebSession.form;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import vn.bdtx.assessment.Quizzes;
import vn.bdtx.assessment.Surveys;
import vn.bdtx.assignments.Grades;
import vn.bdtx.assignments.Submissions;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.completion.Certificates;
import vn.bdtx.completion.Completions;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.assignments.Marking;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.domain.catalog.Lecture;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.learning.LectureProgress;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.Province;
import vn.bdtx.support.Sql;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Issue 16: the reporting read model follows every change that moves a report
 * figure (through the owners' outbox events, after {@link ReportRefresher#refreshNow}),
 * equals a rebuild from the owners' query interfaces, keeps events a failed refresh
 * claimed, and handles each event once when two refreshes run at once. The
 * scheduled refresh is off here so that each test decides when events are handled.
 */
@BdtxIntegrationTest
@Import(MovableClock.Config.class)
@TestPropertySource(properties = "bdtx.reports.refresh-enabled=false")
class ReadModelTest {

  static final String PW = "bao cao so lieu mo dun";
  static final Duration WAIT = Duration.ofSeconds(30);
  static final AtomicInteger SEQ = new AtomicInteger();
  /** The class starts on Monday 7 December 2026 (school year 2026-2027): day 1 to day 15 (21 December). */
  static final LocalDate START = LocalDate.of(2026, 12, 7);

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Cohorts cohorts;
  @Autowired Courses courses;
  @Autowired LectureProgress progress;
  @Autowired Quizzes quizzes;
  @Autowired Surveys surveys;
  @Autowired Submissions submissions;
  @Autowired Grades grades;
  @Autowired Completions completions;
  @Autowired Certificates certificates;
  @Autowired ReportRefresher refresher;
  @Autowired ReportRebuild rebuild;

  CourseContent content;
  long course;
  Caller staff;
  TestAccounts accounts;

  @BeforeEach
  void setUp() {
    clock.setVietnam("2026-12-08T09:00:00");
    accounts = new TestAccounts(db, encoder);
    course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, Long.class)).one().block(WAIT);
    content = courses.latestVersion(course).block(WAIT).content();
    long admin = accounts.create("it.bc" + SEQ.incrementAndGet(), PW, Role.IT_ADMIN, Role.LECTURER, Role.CORE_TEACHER,
        Role.INSTITUTION);
    staff = new Caller(admin, "it.bc", "IT", false, Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null),
        new Caller.Grant(Role.CORE_TEACHER, ScopeType.PROVINCE, null), new Caller.Grant(Role.INSTITUTION, ScopeType.PROVINCE, null)));
  }

  // ---- fixtures in the domain's words ----------------------------------------------------------------------------

  private long openClass(String name) {
    return ((Cohorts.Opened.Ok) cohorts.open(staff, course, name + " " + SEQ.incrementAndGet(), START).block(WAIT)).cohortId();
  }

  private long learner() {
    return accounts.create("gv.bc" + SEQ.incrementAndGet(), PW, Role.LEARNER);
  }

  private Cohorts.Enrollment enrolled(long cohort, long account, String kind) {
    cohorts.enroll(cohort, account, kind).block(WAIT);
    return cohorts.enrollment(cohort, account).block(WAIT);
  }

  private Map<String, Object> row(long enrollment) {
    refresher.refreshNow().block(WAIT);
    return db.sql("SELECT * FROM report_enrollment WHERE enrollment_id = :e").bind("e", enrollment)
        .fetch().one().block(WAIT);
  }

  private long submit(Cohorts.Enrollment e) throws Exception {
    var file = Files.createTempFile("bdtx-report-", ".pdf");
    try {
      Files.writeString(file, "%PDF-1.4\n% ke hoach bai day " + UUID.randomUUID() + "\n%%EOF\n");
      var received = new Submissions.Received(file, "ke-hoach.pdf", "application/pdf", Files.size(file),
          vn.bdtx.platform.storage.FileTypes.sha256(file));
      var outcome = submissions.submit(e, UUID.randomUUID(), List.of(received), clock.instant(), false).block(WAIT);
      return ((Submissions.Outcome.Stored) outcome).version().id();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** A lecture to study: one without a video if the course has one. */
  private Lecture aLecture() {
    return content.lectures().stream().filter(l -> l.media() == null || !l.media().video()).findFirst()
        .orElse(content.lectures().get(0));
  }

  private Lecture lectureWithQuiz() {
    return content.lectures().stream().filter(l -> l.quizCategory() != null && !l.quizCategory().isBlank()).findFirst().orElseThrow();
  }

  private void studiedToTheEnd(Cohorts.Enrollment e, Lecture lecture) {
    boolean video = lecture.media() != null && lecture.media().video();
    progress.report(e.id(), lecture, new LectureProgress.Report(video ? 600 : 0,
        video ? List.of(new double[] {0, 600}) : List.of(), video ? 600 : 0, !video), 0.8);
    progress.flush().block(WAIT);
  }

  private void passedQuiz(Cohorts.Enrollment e, Lecture lecture, long account) {
    var attempt = ((Quizzes.Started.Ok) quizzes.start(e, content, lecture.id(), clock.instant()).block(WAIT)).attempt();
    for (var item : attempt.paper().items()) {
      Question q = content.question(item.questionId()).orElseThrow();
      var right = new HashSet<Integer>();
      IntStream.range(0, q.choices().size()).filter(k -> q.choices().get(k).weight() > 0).forEach(right::add);
      quizzes.save(attempt.id(), account, q.id(), right, 1, clock.instant()).block(WAIT);
    }
    quizzes.submit(attempt.id(), account, content, clock.instant()).block(WAIT);
  }

  private long pending() {
    return Sql.number(db, "SELECT count(*) FROM outbox_event WHERE consumer = 'reporting'");
  }

  // ---- each kind of change ---------------------------------------------------------------------------------------

  @Test
  void anEnrollmentShowsWithItsClassSchoolDistrictProvinceAndDeadline() {
    int n = SEQ.incrementAndGet();
    accounts.create("it.org" + n, PW, Role.IT_ADMIN);
    var province = new Province(WebSession.loggedIn(web, "it.org" + n, PW));
    long department = Sql.number(db, "SELECT COALESCE((SELECT id FROM org_unit WHERE kind = 'DEPARTMENT'), 0)");
    if (department == 0) {
      department = province.department("SO-BC", "Sở GD&ĐT Báo Cáo");
    }
    long district = province.district("PH-BC" + n, "Phòng GD&ĐT Báo Cáo " + n, department);
    long school = province.school("TH-BC" + n, "Trường THCS Báo Cáo " + n, district, null, "LOWER_SECONDARY");
    long account = learner();
    Sql.run(db, "UPDATE account SET school_id = $1 WHERE id = $2", school, account);
    long cohort = openClass("Lớp ghi danh");
    var e = enrolled(cohort, account, "MAIN");

    var row = row(e.id());
    assertThat(row).containsEntry("account_id", account).containsEntry("cohort_id", cohort).containsEntry("main", true)
        .containsEntry("school_id", school).containsEntry("district_id", district).containsEntry("province_id", department)
        .containsEntry("module_code", "GV-02").containsEntry("school_year", "2026-2027")
        .containsEntry("deadline", LocalDate.of(2026, 12, 21)).containsEntry("started", false)
        .containsEntry("submitted", false).containsEntry("outcome", null);
    assertThat(((Number) row.get("items_total")).intValue()).isPositive();
    assertThat(db.sql("SELECT name, module_code, school_year, start_date, last_day FROM report_cohort WHERE cohort_id = :c")
        .bind("c", cohort).fetch().one().block(WAIT))
        .containsEntry("module_code", "GV-02").containsEntry("school_year", "2026-2027")
        .containsEntry("start_date", START).containsEntry("last_day", LocalDate.of(2026, 12, 21));
    assertThat(db.sql("SELECT kind, province_id, district_id FROM report_unit WHERE id = :s").bind("s", school)
        .fetch().one().block(WAIT))
        .containsEntry("kind", "SCHOOL").containsEntry("province_id", department).containsEntry("district_id", district);
  }

  @Test
  void openingALectureStartsAndStudyingItToTheEndAndPassingAQuizCountAsItemsDone() {
    long cohort = openClass("Lớp tự học");
    long account = learner();
    var e = enrolled(cohort, account, "MAIN");
    assertThat(row(e.id())).containsEntry("started", false).containsEntry("items_done", 0);

    studiedToTheEnd(e, aLecture());
    var afterLecture = row(e.id());
    assertThat(afterLecture).containsEntry("started", true);
    int done = ((Number) afterLecture.get("items_done")).intValue();
    assertThat(done).isPositive();

    passedQuiz(e, lectureWithQuiz(), account);
    assertThat(((Number) row(e.id()).get("items_done")).intValue()).isGreaterThan(done);
  }

  @Autowired vn.bdtx.cohorts.CohortChanges changes;

  @Test
  void anExtensionMovesTheDeadlineAndAChangeOfKindTheMainFlag() {
    long cohort = openClass("Lớp gia hạn");
    var e = enrolled(cohort, learner(), "MAIN");
    assertThat(row(e.id())).containsEntry("deadline", LocalDate.of(2026, 12, 21)).containsEntry("main", true);

    assertThat(changes.extend(staff, cohort, List.of(e.id()), null, LocalDate.of(2026, 12, 28), "Chấm thi tốt nghiệp")
        .block(WAIT)).isEmpty();
    assertThat(row(e.id())).containsEntry("deadline", LocalDate.of(2026, 12, 28));

    assertThat(changes.changeKind(staff, cohort, e.id(), vn.bdtx.domain.cohorts.EnrollmentKind.REFERENCE, "Đăng ký nhầm")
        .block(WAIT)).isEmpty();
    assertThat(row(e.id())).containsEntry("main", false);
  }

  @Test
  void aSubmittedSurveyCountsItsPositiveAnswersAsTheSurveyShareDoes() {
    long cohort = openClass("Lớp khảo sát");
    var e = enrolled(cohort, learner(), "MAIN");
    for (Question q : content.survey()) {
      surveys.save(e.id(), content, q.id(), 0, clock.instant()).block(WAIT);
    }
    assertThat(row(e.id())).containsEntry("survey_submitted", false).containsEntry("survey_rated", 0);

    surveys.submit(e.id(), content, clock.instant()).block(WAIT);
    var share = surveys.byCohort(null, cohort).blockFirst(WAIT);
    assertThat(share.rated()).isPositive();
    assertThat(row(e.id())).containsEntry("survey_submitted", true)
        .containsEntry("survey_positive", (int) share.positive()).containsEntry("survey_rated", (int) share.rated());
  }

  @Test
  void handingInReturningAndGradingShowTheFinalAssignmentsState() throws Exception {
    long cohort = openClass("Lớp bài tập");
    var e = enrolled(cohort, learner(), "MAIN");
    clock.setVietnam("2026-12-16T09:00:00");

    long first = submit(e);
    assertThat(row(e.id())).containsEntry("submitted", true).containsEntry("started", true).containsEntry("graded", false);

    grades.returnForRevision(staff, e.id(), first, "Bổ sung công cụ đánh giá.", null, "", clock.instant()).block(WAIT);
    assertThat(row(e.id())).containsEntry("returned", true).containsEntry("graded", false);

    long second = submit(e);
    assertThat(row(e.id())).containsEntry("returned", false).containsEntry("submitted", true);

    var marked = (Marking.Marked) Marking.mark(content.assignment().rubric(), List.of("2", "2,5", "2", "1,5", "1"));
    grades.grade(staff, e.id(), second, marked, "Tốt.", null, "", clock.instant()).block(WAIT);
    var graded = row(e.id());
    assertThat(graded).containsEntry("graded", true);
    assertThat((BigDecimal) graded.get("final_grade")).isEqualByComparingTo(marked.score());
  }

  @Test
  void theInstitutionsEvaluationSettlesOutcomesAndCertificatesFollow() {
    long cohort = openClass("Lớp đánh giá");
    var passed = enrolled(cohort, learner(), "MAIN");
    var failed = enrolled(cohort, learner(), "MAIN");
    for (var e : List.of(passed, failed)) {
      vn.bdtx.support.SelfStudyDone.record(db, e.id(), content);
      Sql.run(db, "INSERT INTO submission (enrollment_id, version, upload_key, submitted_at) VALUES ($1, 1, gen_random_uuid(), now())",
          e.id());
      Sql.run(db, """
          INSERT INTO assignment_grade (enrollment_id, submission_id, state, score, graded_by, graded_at)
          SELECT $1, id, 'GRADED', 8.0, $2, now() FROM submission WHERE enrollment_id = $1""", e.id(), staff.accountId());
    }
    assertThat(row(passed.id())).containsEntry("institution", null).containsEntry("outcome", null);

    clock.setVietnam("2026-12-22T09:00:00");
    var evaluated = completions.evaluate(staff, cohort, Map.of(failed.id(), "Vắng sinh hoạt chuyên môn"), clock.instant())
        .block(WAIT);
    assertThat(evaluated).isInstanceOf(Completions.Evaluated.Settled.class);
    assertThat(row(passed.id())).containsEntry("institution", "PASSED").containsEntry("outcome", "COMPLETED")
        .containsEntry("missing", "").containsEntry("self_study_done", true).containsEntry("graded", true)
        .containsEntry("final_grade", new BigDecimal("8.0"));
    assertThat(row(failed.id())).containsEntry("institution", "NOT_PASSED").containsEntry("outcome", "NOT_COMPLETED")
        .containsEntry("missing", "INSTITUTION:FAILED");

    certificates.number(cohort, clock.instant()).block(WAIT);
    var issued = row(passed.id());
    String number = certificates.ofEnrollment(passed.id()).block(WAIT).number();
    assertThat(issued).containsEntry("certificate_number", number).containsEntry("certificate_revoked_at", null);
    assertThat(issued.get("certificate_issued_at")).isNotNull();

    certificates.revoke(cohort, number, "Cấp nhầm", clock.instant()).block(WAIT);
    assertThat(row(passed.id()).get("certificate_revoked_at")).isNotNull();
    assertThat(row(passed.id())).containsEntry("certificate_revoked_reason", "Cấp nhầm");
    assertThat(row(failed.id())).containsEntry("certificate_number", null);
  }

  @Test
  void anExemptionInTheClassesSchoolYearShowsOnTheEnrollmentUntilItIsCleared() {
    long cohort = openClass("Lớp miễn giảm");
    long account = learner();
    var e = enrolled(cohort, account, "MAIN");
    assertThat(row(e.id())).containsEntry("exemption", null);

    String it = "it.mg" + SEQ.incrementAndGet();
    accounts.create(it, PW, Role.IT_ADMIN);
    var admin = WebSession.loggedIn(web, it, PW);
    admin.get("/exemptions/" + account);
    var set = admin.postForm("/exemptions/" + account, form("schoolYear", "2026-2027", "kind", "REDUCED",
        "reason", "Nghỉ thai sản từ tháng 11"));
    assertThat(set.getStatus().value()).isEqualTo(303);
    assertThat(row(e.id())).containsEntry("exemption", "REDUCED");
    // The register of the year lists the reduction with its reason, even for someone with no enrollment that year.
    assertThat(Sql.number(db, "SELECT count(*) FROM report_exemption WHERE account_id = $1 AND school_year = '2026-2027'"
        + " AND kind = 'REDUCED' AND reason = 'Nghỉ thai sản từ tháng 11'", account)).isEqualTo(1);

    assertThat(admin.postForm("/exemptions/" + account + "/clear?schoolYear=2026-2027", form()).getStatus().value()).isEqualTo(303);
    assertThat(row(e.id())).containsEntry("exemption", null);
    assertThat(Sql.number(db, "SELECT count(*) FROM report_exemption WHERE account_id = $1", account)).isZero();
  }

  @Test
  void anApprovedSchoolChangeMovesThePersonAndTheirEnrollments() {
    String it = "it.dt" + SEQ.incrementAndGet();
    accounts.create(it, PW, Role.IT_ADMIN);
    var admin = WebSession.loggedIn(web, it, PW);
    var province = new Province(admin);
    int n = SEQ.incrementAndGet();
    long department = Sql.number(db, "SELECT COALESCE((SELECT id FROM org_unit WHERE kind = 'DEPARTMENT'), 0)");
    if (department == 0) {
      department = province.department("SO-BC", "Sở GD&ĐT Báo Cáo");
    }
    long districtA = province.district("PH-A" + n, "Phòng A " + n, department);
    long districtB = province.district("PH-B" + n, "Phòng B " + n, department);
    long schoolA = province.school("TR-A" + n, "Trường A " + n, districtA, null, "LOWER_SECONDARY");
    long schoolB = province.school("TR-B" + n, "Trường B " + n, districtB, null, "LOWER_SECONDARY");
    String username = "gv.dt" + n;
    long account = accounts.create(username, PW, Role.LEARNER);
    Sql.run(db, "UPDATE account SET school_id = $1 WHERE id = $2", schoolA, account);
    var e = enrolled(openClass("Lớp chuyển trường"), account, "MAIN");
    assertThat(row(e.id())).containsEntry("school_id", schoolA).containsEntry("district_id", districtA);

    var learner = WebSession.loggedIn(web, username, PW);
    learner.get("/account/profile");
    assertThat(learner.postForm("/account/profile/requests", form("kind", "SCHOOL", "newSchoolCode", "TR-B" + n,
        "reason", "Điều động về trường B")).getStatus().value()).isEqualTo(303);
    long request = Sql.number(db, "SELECT id FROM change_request WHERE account_id = $1", account);
    admin.get("/admin/requests");
    assertThat(admin.postForm("/admin/requests/" + request + "/approve", form()).getStatus().value()).isEqualTo(303);

    assertThat(row(e.id())).containsEntry("school_id", schoolB).containsEntry("district_id", districtB);
    assertThat(db.sql("SELECT username, school_id, district_id, province_id FROM report_person WHERE account_id = :a")
        .bind("a", account).fetch().one().block(WAIT))
        .containsEntry("username", username).containsEntry("school_id", schoolB).containsEntry("district_id", districtB)
        .containsEntry("province_id", department);
  }

  @Test
  void aSchoolMovedToAnotherDistrictMovesItsPeoplesEnrollmentsAndARenameOnlyItsName() {
    int n = SEQ.incrementAndGet();
    accounts.create("it.mv" + n, PW, Role.IT_ADMIN);
    var admin = WebSession.loggedIn(web, "it.mv" + n, PW);
    var province = new Province(admin);
    long department = Sql.number(db, "SELECT COALESCE((SELECT id FROM org_unit WHERE kind = 'DEPARTMENT'), 0)");
    if (department == 0) {
      department = province.department("SO-BC", "Sở GD&ĐT Báo Cáo");
    }
    long from = province.district("PH-C" + n, "Phòng C " + n, department);
    long to = province.district("PH-D" + n, "Phòng D " + n, department);
    long school = province.school("TR-C" + n, "Trường C " + n, from, null, "LOWER_SECONDARY");
    long account = learner();
    Sql.run(db, "UPDATE account SET school_id = $1 WHERE id = $2", school, account);
    var e = enrolled(openClass("Lớp sáp nhập"), account, "MAIN");
    assertThat(row(e.id())).containsEntry("district_id", from);

    admin.get("/admin/org/" + school);
    assertThat(admin.postForm("/admin/org/" + school, form("name", "Trường C mới " + n, "parentId", String.valueOf(from),
        "levels", "LOWER_SECONDARY")).getStatus().is3xxRedirection()).isTrue();
    assertThat(row(e.id())).containsEntry("district_id", from);
    assertThat(db.sql("SELECT name FROM report_unit WHERE id = :s").bind("s", school).map((r, m) -> r.get(0, String.class))
        .one().block(WAIT)).isEqualTo("Trường C mới " + n);

    assertThat(admin.postForm("/admin/org/" + school, form("name", "Trường C mới " + n, "parentId", String.valueOf(to),
        "levels", "LOWER_SECONDARY")).getStatus().is3xxRedirection()).isTrue();
    assertThat(row(e.id())).containsEntry("district_id", to).containsEntry("school_id", school);
    assertThat(db.sql("SELECT district_id FROM report_person WHERE account_id = :a").bind("a", account)
        .map((r, m) -> r.get(0, Long.class)).one().block(WAIT)).isEqualTo(to);
    assertThat(db.sql("SELECT parent_id FROM report_unit WHERE id = :s").bind("s", school)
        .map((r, m) -> r.get(0, Long.class)).one().block(WAIT)).isEqualTo(to);
  }

  // ---- the model as a whole ----------------------------------------------------------------------------------------

  private List<String> snapshot() {
    return db.sql("""
            SELECT t.k || ' ' || t.j::text FROM (
              SELECT 'u' AS k, to_jsonb(u) AS j FROM report_unit u
              UNION ALL SELECT 'p', to_jsonb(p) FROM report_person p
              UNION ALL SELECT 'c', to_jsonb(c) FROM report_cohort c
              UNION ALL SELECT 'e', to_jsonb(e) - 'refreshed_at' FROM report_enrollment e) t
            ORDER BY 1""")
        .map((r, m) -> r.get(0, String.class)).all().collectList().block(WAIT);
  }

  @Test
  void theIncrementallyKeptModelEqualsARebuildFromTheOwners() throws Exception {
    long cohort = openClass("Lớp đối chiếu");
    var studying = enrolled(cohort, learner(), "MAIN");
    var reference = enrolled(cohort, learner(), "REFERENCE");
    var handedIn = enrolled(cohort, learner(), "MAIN");
    studiedToTheEnd(studying, aLecture());
    for (Question q : content.survey()) {
      surveys.save(reference.id(), content, q.id(), 1, clock.instant()).block(WAIT);
    }
    surveys.submit(reference.id(), content, clock.instant()).block(WAIT);
    clock.setVietnam("2026-12-16T09:00:00");
    submit(handedIn);
    // Every account the test created directly is announced, as an import would, so that people compare too.
    var ids = db.sql("SELECT id FROM account").map((r, m) -> r.get(0, Long.class)).all().collectList().block(WAIT);
    refresher.refreshNow().block(WAIT);
    publishAccounts(ids);
    refresher.refreshNow().block(WAIT);
    var incremental = snapshot();
    assertThat(incremental).anyMatch(s -> s.contains("\"enrollment_id\": " + handedIn.id()));

    Sql.run(db, "DELETE FROM report_enrollment");
    Sql.run(db, "DELETE FROM report_cohort");
    Sql.run(db, "DELETE FROM report_person");
    Sql.run(db, "DELETE FROM report_unit");
    rebuild.rebuild().block(WAIT);
    assertThat(snapshot()).containsExactlyElementsOf(incremental);
  }

  @Autowired vn.bdtx.platform.events.Outbox outbox;

  private void publishAccounts(List<Long> ids) {
    outbox.publish(vn.bdtx.platform.events.Topics.ACCOUNT, ids).block(WAIT);
  }

  @Test
  void aRefreshThatFailsLeavesItsEventsForTheNextOne() {
    long cohort = openClass("Lớp sự cố");
    var e = enrolled(cohort, learner(), "MAIN");
    refresher.refreshNow().block(WAIT);
    for (Question q : content.survey()) {
      surveys.save(e.id(), content, q.id(), 0, clock.instant()).block(WAIT);
    }
    surveys.submit(e.id(), content, clock.instant()).block(WAIT);
    assertThat(pending()).isEqualTo(1);

    // The read model refuses every write, as a full disk or a lost connection would: the refresh's transaction rolls back.
    Sql.run(db, "ALTER TABLE report_enrollment ADD CONSTRAINT refuse_all CHECK (FALSE) NOT VALID");
    try {
      assertThatThrownBy(() -> refresher.refreshNow().block(WAIT)).isInstanceOf(RuntimeException.class);
      assertThat(pending()).isEqualTo(1);
    } finally {
      Sql.run(db, "ALTER TABLE report_enrollment DROP CONSTRAINT refuse_all");
    }
    assertThat(row(e.id())).containsEntry("survey_submitted", true);
    assertThat(pending()).isZero();
  }

  @Test
  void anEventThatFailsOnItsOwnGoesToTheBackOfTheQueueAndTheOthersAreHandled() {
    long cohort = openClass("Lớp sự cố riêng");
    var poison = enrolled(cohort, learner(), "MAIN");
    var first = enrolled(cohort, learner(), "MAIN");
    var second = enrolled(cohort, learner(), "MAIN");
    refresher.refreshNow().block(WAIT);
    Sql.run(db, "UPDATE report_enrollment SET items_total = -1 WHERE cohort_id = $1", cohort);
    outbox.publish(vn.bdtx.platform.events.Topics.ENROLLMENT, List.of(poison.id(), first.id(), second.id())).block(WAIT);

    // Only this learner's row is refused, as a row the model cannot take would be.
    Sql.run(db, "ALTER TABLE report_enrollment ADD CONSTRAINT refuse_one CHECK (enrollment_id <> " + poison.id() + ") NOT VALID");
    try {
      refresher.runOnce();
      assertThat(Sql.number(db, "SELECT count(*) FROM report_enrollment WHERE cohort_id = $1 AND items_total > 0", cohort))
          .isEqualTo(2);
      assertThat(Sql.number(db, "SELECT subject_id FROM outbox_event WHERE consumer = 'reporting'")).isEqualTo(poison.id());
    } finally {
      Sql.run(db, "ALTER TABLE report_enrollment DROP CONSTRAINT refuse_one");
    }
    assertThat(((Number) row(poison.id()).get("items_total")).intValue()).isPositive();
  }

  @Test
  void twoRefreshesAtOnceHandleEachEventOnce() {
    refresher.refreshNow().block(WAIT);
    long cohort = openClass("Lớp song song");
    for (int i = 0; i < 30; i++) {
      enrolled(cohort, learner(), "MAIN");
    }
    long events = pending();
    assertThat(events).isEqualTo(31);

    var both = Mono.zip(refresher.refreshNow(), refresher.refreshNow()).block(WAIT);
    assertThat(both.getT1() + both.getT2()).isEqualTo(31);
    assertThat(pending()).isZero();
    assertThat(Sql.number(db, "SELECT count(*) FROM report_enrollment WHERE cohort_id = $1", cohort)).isEqualTo(30);
    String scrape = web.get().uri("/actuator/prometheus").exchange()
        .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    assertThat(scrape).contains("bdtx_outbox_published_total{application=\"bdtx\",topic=\"enrollment\"}",
        "bdtx_outbox_handled_total{application=\"bdtx\",consumer=\"reporting\"}",
        "bdtx_outbox_pending{application=\"bdtx\",consumer=\"reporting\"} 0.0");
  }
}
