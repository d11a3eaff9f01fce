package vn.bdtx.platform;

import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.platform.security.Caller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Province;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Walks access-matrix.csv: every route for every actor, on the server, with the
 * session and CSRF token a browser would have. A controller mapping with no row
 * fails the build, so a new page cannot forget its access rules.
 */
@BdtxIntegrationTest
@DirtiesContext
class AccessMatrixTest {

  static final String PASSWORD = "ma tran quyen truy cap";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired vn.bdtx.catalog.Courses courses;
  @Autowired Cohorts cohorts;
  @Autowired vn.bdtx.cohorts.CohortViews views;
  @Autowired vn.bdtx.platform.storage.ObjectStore store;
  @org.springframework.boot.test.web.server.LocalServerPort int port;
  @Autowired @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

  static Map<String, String> values;
  static List<String> actors;

  @BeforeEach
  void everyRoleHasAnAccount() {
    if (values != null) {
      return;
    }
    var accounts = new TestAccounts(db, encoder);
    for (Role role : Role.values()) {
      accounts.create("matrix-" + role.name().toLowerCase(), PASSWORD, role);
    }
    var admin = WebSession.loggedIn(web, "matrix-it_admin", PASSWORD);
    var province = new Province(admin);
    long so = province.department("SO-MT", "Sở");
    long pgd = province.district("PGD-MT", "Phòng", so);
    long cluster = province.cluster("CUM-MT", "Cụm", pgd);
    long school = province.school("TH-MT", "Trường", pgd, cluster, "PRIMARY");
    // The other side of every scope: a district office, cluster and school the matrix's objects do not belong to.
    long otherPgd = province.district("PGD-MT2", "Phòng khác", so);
    long otherCluster = province.cluster("CUM-MT2", "Cụm khác", otherPgd);
    long otherSchool = province.school("TH-MT2", "Trường khác", otherPgd, otherCluster, "PRIMARY");
    long learner = db.sql("SELECT id FROM account WHERE username = 'matrix-learner'").map((r, m) -> r.get("id", Long.class))
        .one().block(java.time.Duration.ofSeconds(5));
    long lecturer = db.sql("SELECT id FROM account WHERE username = 'matrix-lecturer'").map((r, m) -> r.get("id", Long.class))
        .one().block(java.time.Duration.ofSeconds(5));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get("id", Long.class))
        .one().block(java.time.Duration.ofSeconds(5));
    var version = courses.latestVersion(course).block(java.time.Duration.ofSeconds(5));
    var lecturerCaller = new Caller(lecturer, "matrix-lecturer", "BCV", false,
        java.util.Set.of(new Caller.Grant(Role.LECTURER, vn.bdtx.domain.accounts.ScopeType.PROVINCE, null)));
    long own = courses.create(lecturerCaller, "GV-02", vn.bdtx.domain.catalog.CourseLevel.PRIMARY, "Toán", "Khóa học của ma trận")
        .block(java.time.Duration.ofSeconds(5));
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(lecturerCaller, course, "Lớp ma trận", notStartedYet())
        .block(java.time.Duration.ofSeconds(5))).cohortId();
    cohorts.enroll(cohort, learner, "MAIN").block(java.time.Duration.ofSeconds(5));
    // Scoped actors (columns ROLE@in / ROLE@out): a principal and a core teacher of the learner's school or of the
    // other school, an officer of the learner's district office or of the other one; the core teachers lead the class's
    // group of the learner's cluster (the learner's group) or of the other cluster.
    db.sql("UPDATE account SET school_id = :s WHERE id = :a").bind("s", school).bind("a", learner).then()
        .block(java.time.Duration.ofSeconds(5));
    scoped(accounts, "PRINCIPAL@in", Role.PRINCIPAL, ScopeType.SCHOOL, school);
    scoped(accounts, "PRINCIPAL@out", Role.PRINCIPAL, ScopeType.SCHOOL, otherSchool);
    scoped(accounts, "DISTRICT_OFFICER@in", Role.DISTRICT_OFFICER, ScopeType.DISTRICT, pgd);
    scoped(accounts, "DISTRICT_OFFICER@out", Role.DISTRICT_OFFICER, ScopeType.DISTRICT, otherPgd);
    long coreIn = scoped(accounts, "CORE_TEACHER@in", Role.CORE_TEACHER, ScopeType.SCHOOL, school);
    long coreOut = scoped(accounts, "CORE_TEACHER@out", Role.CORE_TEACHER, ScopeType.SCHOOL, otherSchool);
    long group = group(cohort, cluster, coreIn);
    long otherGroup = group(cohort, otherCluster, coreOut);
    db.sql("UPDATE enrollment SET group_id = :g WHERE cohort_id = :c AND account_id = :a")
        .bind("g", group).bind("c", cohort).bind("a", learner).then().block(java.time.Duration.ofSeconds(5));
    // The learner's question in their group, escalated to the regulation specialists (their district office's officers).
    long question = db.sql("""
            INSERT INTO question (cohort_id, group_id, asker_id, district_id, form_key, body, state, asked_at,
              escalated_to, escalated_at)
            VALUES (:c, :g, :a, :d, gen_random_uuid(), 'Câu hỏi của ma trận', 'ESCALATED', now(), 'REGULATION', now())
            RETURNING id""")
        .bind("c", cohort).bind("g", group).bind("a", learner).bind("d", pgd)
        .map((r, m) -> r.get("id", Long.class)).one().block(java.time.Duration.ofSeconds(5));
    var first = version.content().lectures().get(0);
    // An attempt started before the class (no page starts one then): the matrix learner's, at the first lecture's quiz.
    long attempt = db.sql("""
            INSERT INTO quiz_attempt (enrollment_id, account_id, lecture_id, number, paper, question_ids, started_at)
            SELECT e.id, e.account_id, :l, 1, CAST(:p AS jsonb), ARRAY[:q]::varchar[], now() FROM enrollment e
            WHERE e.cohort_id = :c AND e.account_id = :a RETURNING id""")
        .bind("l", first.id()).bind("c", cohort).bind("a", learner)
        .bind("q", version.content().inCategory(first.quizCategory()).get(0).id())
        .bind("p", "{\"items\":[{\"questionId\":\"" + version.content().inCategory(first.quizCategory()).get(0).id()
            + "\",\"choiceOrder\":[0,1]}]}")
        .map((r, m) -> r.get("id", Long.class)).one().block(java.time.Duration.ofSeconds(5));
    values = new java.util.LinkedHashMap<>();
    values.put("{unit}", String.valueOf(school));
    values.put("{district}", String.valueOf(pgd));
    values.put("{otherunit}", String.valueOf(otherSchool));
    values.put("{asked}", String.valueOf(question));
    values.put("{group}", String.valueOf(group));
    values.put("{enrollment}", String.valueOf(db.sql("SELECT id FROM enrollment WHERE cohort_id = :c AND account_id = :a")
        .bind("c", cohort).bind("a", learner).map((r, m) -> r.get("id", Long.class)).one().block(java.time.Duration.ofSeconds(5))));
    var schedule = views.whole(cohort).block(java.time.Duration.ofSeconds(5)).cohort().schedule();
    values.put("{lateday}", schedule.lastDay().plusDays(3).toString());
    values.put("{othergroup}", String.valueOf(otherGroup));
    var meetingDays = vn.bdtx.community.meetings.Meetings.meetingDays(schedule).orElseThrow();
    values.put("{meetingday}", java.time.LocalDate.ofInstant(meetingDays.opens(),
        vn.bdtx.domain.cohorts.CohortSchedule.ZONE).plusDays(1).toString());
    values.put("{year}", vn.bdtx.domain.accounts.SchoolYear.of(
        java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"))).toString());
    values.put("{account}", String.valueOf(learner));
    values.put("{missing}", "987654321");
    values.put("{owncourse}", String.valueOf(own));
    values.put("{course}", String.valueOf(course));
    values.put("{cohort}", String.valueOf(cohort));
    values.put("{lecture}", first.id());
    values.put("{attempt}", String.valueOf(attempt));
    values.put("{question}", version.content().questions().get(0).id());
    values.put("{sha}", first.media().sha256());
    var media = vn.bdtx.platform.storage.Bucket.MEDIA;
    store.put(media, "matrix/file.txt", "tệp".getBytes(StandardCharsets.UTF_8), "text/plain").block(java.time.Duration.ofSeconds(5));
    values.put("{filelink}", store.presignedGet(media, "matrix/file.txt", java.time.Duration.ofMinutes(5))
        .block(java.time.Duration.ofSeconds(5)));
    values.put("{unsignedfile}", "/files/" + store.bucketName(media) + "/matrix/file.txt");
  }

  /** An account named after its matrix column (PRINCIPAL@in → matrix-principal-in) holding one role in one unit. */
  private long scoped(TestAccounts accounts, String actor, Role role, ScopeType scope, long unit) {
    long id = accounts.create(username(actor), PASSWORD);
    db.sql("INSERT INTO role_grant (account_id, role, scope_type, scope_id) VALUES (:a, :r, :s, :u)")
        .bind("a", id).bind("r", role.name()).bind("s", scope.name()).bind("u", unit).then()
        .block(java.time.Duration.ofSeconds(5));
    return id;
  }

  private long group(long cohort, long cluster, long coreTeacher) {
    return db.sql("INSERT INTO cohort_group (cohort_id, cluster_id, core_teacher_id) VALUES (:c, :u, :t) RETURNING id")
        .bind("c", cohort).bind("u", cluster).bind("t", coreTeacher)
        .map((r, m) -> r.get("id", Long.class)).one().block(java.time.Duration.ofSeconds(5));
  }

  static String username(String actor) {
    return "matrix-" + actor.toLowerCase().replace('@', '-');
  }

  /**
   * The form a state-changing row sends: what follows '#' in its address ({@code #title=Thông báo&audience=SCHOOL:{unit}}),
   * with the same placeholders as the address; a row without one sends only the CSRF token.
   */
  static org.springframework.util.MultiValueMap<String, String> formOf(String fragment, Map<String, String> placeholders) {
    var form = WebSession.form();
    if (fragment == null || fragment.isEmpty()) {
      return form;
    }
    for (String pair : fragment.split("&")) {
      int eq = pair.indexOf('=');
      String value = java.net.URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
      for (var v : placeholders.entrySet()) {
        value = value.replace(v.getKey(), v.getValue());
      }
      form.add(eq < 0 ? pair : pair.substring(0, eq), value);
    }
    return form;
  }

  record Cell(String method, String pattern, String path, String actor, String expected) {
  }

  @TestFactory
  Stream<DynamicTest> everyRouteForEveryActor() throws IOException {
    Map<String, WebSession> sessions = new HashMap<>();
    return cells().stream().map(cell -> DynamicTest.dynamicTest(
        cell.method() + " " + cell.path() + " as " + cell.actor() + " → " + cell.expected(), () -> {
          WebSession session = sessions.computeIfAbsent(cell.actor(), actor -> "anonymous".equals(actor)
              ? WebSession.anonymous(web)
              : WebSession.loggedIn(web, username(actor), PASSWORD));
          String path = cell.path();
          String fragment = null;
          if (path.indexOf('#') >= 0) {
            fragment = path.substring(path.indexOf('#') + 1);
            path = path.substring(0, path.indexOf('#'));
          }
          for (var v : values.entrySet()) {
            path = path.replace(v.getKey(), v.getValue());
          }
          if (path.startsWith("/files/")) {
            // A file link is fetched as the browser has it, byte for byte (WebTestClient would encode its
            // already encoded query string again); the session plays no part in it.
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + path)).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            assertThat(outcome(response.statusCode(), response.headers().firstValue("Location").orElse("")))
                .as("%s %s as %s", cell.method(), path, cell.actor()).isEqualTo(cell.expected());
            return;
          }
          EntityExchangeResult<String> result = "GET".equals(cell.method()) ? session.get(path)
              : session.postForm(path, formOf(fragment, values));
          assertThat(outcome(result)).as("%s %s as %s", cell.method(), path, cell.actor()).isEqualTo(cell.expected());
        }));
  }

  static vn.bdtx.support.ReportFixture scoped;

  /**
   * The reports for actors of different scopes (access-matrix-scopes.csv): two district officers, two principals
   * and two core teachers of a province written into the read model, each reaching their own units, classes and
   * people (200) and nothing of the others' (404).
   */
  @TestFactory
  Stream<DynamicTest> reportsForActorsOfDifferentScopes() throws IOException {
    if (scoped == null) {
      scoped = vn.bdtx.support.ReportFixture.create(db, encoder, cohorts, "mx", 9_200_000,
          java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")));
    }
    var f = scoped;
    Map<String, String> ids = new java.util.LinkedHashMap<>();
    ids.put("{province}", String.valueOf(f.province));
    ids.put("{district1}", String.valueOf(f.district1));
    ids.put("{district2}", String.valueOf(f.district2));
    ids.put("{school1}", String.valueOf(f.school1));
    ids.put("{school3}", String.valueOf(f.school3));
    ids.put("{school4}", String.valueOf(f.school4));
    ids.put("{cohort1}", String.valueOf(f.cohort1));
    ids.put("{cohort2}", String.valueOf(f.cohort2));
    ids.put("{cohort3}", String.valueOf(f.cohort3));
    ids.put("{run}", String.valueOf(f.run));
    ids.put("{a1}", String.valueOf(f.people.get("a1")));
    ids.put("{b1}", String.valueOf(f.people.get("b1")));
    ids.put("{c1}", String.valueOf(f.people.get("c1")));
    Map<String, WebSession> sessions = new HashMap<>();
    return cells("access-matrix-scopes.csv").stream().map(cell -> DynamicTest.dynamicTest(
        cell.method() + " " + cell.path() + " as " + cell.actor() + " → " + cell.expected(), () -> {
          WebSession session = sessions.computeIfAbsent(cell.actor(),
              actor -> WebSession.loggedIn(web, f.username(actor), vn.bdtx.support.ReportFixture.PASSWORD));
          String path = cell.path();
          for (var v : ids.entrySet()) {
            path = path.replace(v.getKey(), v.getValue());
          }
          if ("POST".equals(cell.method())) {
            session.get("/login");
          }
          EntityExchangeResult<String> result = "GET".equals(cell.method()) ? session.get(path)
              : session.postForm(path, WebSession.form());
          assertThat(outcome(result)).as("%s %s as %s", cell.method(), path, cell.actor()).isEqualTo(cell.expected());
        }));
  }

  @Test
  void everyReportingRouteHasARowForActorsOfDifferentScopes() throws IOException {
    Set<String> scoped = new TreeSet<>();
    cells("access-matrix-scopes.csv").forEach(c -> scoped.add(c.method() + " " + c.pattern()));
    Set<String> reporting = new TreeSet<>();
    cells().stream().filter(c -> c.pattern().startsWith("/reports"))
        .forEach(c -> reporting.add(c.method() + " " + c.pattern()));
    assertThat(scoped).containsAll(reporting);
  }

  /**
   * The state-changing routes whose row still sends a form their allowed caller's page would not (the answer is then
   * INVALID, 400/422), each with why a valid one is not sent. Every other POST row sends a valid form ('#' in its address).
   */
  static final Map<String, String> WITHOUT_VALID_FORM = Map.ofEntries(
      Map.entry("/account/password", "a new password would lock the matrix out of the sessions it logs in with"),
      Map.entry("/admin/regulation", "a new regulation would move the schedule windows the later rows depend on"),
      Map.entry("/admin/org/import", "a file upload (multipart); OrgImportTest posts real files"),
      Map.entry("/admin/accounts/import", "a file upload (multipart); the account import tests post real files"),
      Map.entry("/runs/import", "a file upload (multipart); the run import tests post real files"),
      Map.entry("/lecturer/courses/{id}/questions/import", "a file upload (multipart) of a question bank"),
      Map.entry("/lecturer/courses/{id}/lectures", "a multipart form with the lecture's video"),
      Map.entry("/lecturer/courses/{id}/assignment", "a multipart form with the assignment's sample file"),
      Map.entry("/lecturer/courses/{id}/questions/new", "the question editor's form (choices, answer, category) is not built here"),
      Map.entry("/lecturer/courses/{id}/publish", "publishing needs a complete course (lectures, videos, quizzes, assignment)"),
      Map.entry("/learn/{cohortId}/submission", "a file upload (multipart) of the learner's work"),
      Map.entry("/cohorts/{id}/questions", "a multipart form (the question may carry a file)"),
      Map.entry("/learn/{cohortId}/survey/answers", "the survey's answer form (its question ids) is not built here"),
      Map.entry("/learn/{cohortId}/attempts/{attemptId}/answers", "the quiz paper's answer form is not built here"),
      Map.entry("/announcements", "the empty form's row, kept beside the two rows that post to a school and a district"));

  @Test
  void everyStateChangingRouteSendsAValidFormOrSaysWhyNot() throws IOException {
    Set<String> invalid = new TreeSet<>();
    cells().stream().filter(c -> !"GET".equals(c.method()) && "INVALID".equals(c.expected()))
        .forEach(c -> invalid.add(c.pattern()));
    assertThat(WITHOUT_VALID_FORM.keySet()).as("routes listed without a valid form").containsAll(invalid);
  }

  @Test
  void everyControllerMappingHasARowInTheMatrix() throws IOException {
    Set<String> inMatrix = new TreeSet<>();
    cells().forEach(c -> inMatrix.add(c.method() + " " + c.pattern()));
    Set<String> mapped = new TreeSet<>();
    mappings.getHandlerMethods().forEach((info, handler) -> info.getPatternsCondition().getPatterns().forEach(pattern ->
        info.getMethodsCondition().getMethods().forEach(method -> mapped.add(method.name() + " " + pattern.getPatternString()))));
    assertThat(mapped).isNotEmpty();
    assertThat(inMatrix).as("routes in access-matrix.csv").containsAll(mapped);
  }

  static String outcome(EntityExchangeResult<String> result) {
    return outcome(result.getStatus().value(), String.valueOf(result.getResponseHeaders().getLocation()));
  }

  static String outcome(int status, String location) {
    if (status == 403) {
      return "FORBIDDEN";
    }
    if (status == 404) {
      return "NOT_FOUND";
    }
    if (status == 400 || status == 422) {
      return "INVALID";
    }
    if (status == 410) {
      return "GONE";
    }
    if (status == 409) {
      return "CONFLICT";
    }
    if (status >= 300 && status < 400) {
      return location.startsWith("/login") ? "LOGIN" : "OK";
    }
    return status >= 200 && status < 300 ? "OK" : "HTTP " + status;
  }

  static List<Cell> cells() throws IOException {
    return cells("access-matrix.csv");
  }

  static List<Cell> cells(String file) throws IOException {
    String csv = new ClassPathResource(file).getContentAsString(StandardCharsets.UTF_8);
    List<Cell> cells = new ArrayList<>();
    List<String> header = null;
    for (String line : csv.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> fields = Arrays.asList(line.strip().split(","));
      if (header == null) {
        header = fields;
        if ("access-matrix.csv".equals(file)) {
          actors = fields.subList(3, fields.size());
        }
        continue;
      }
      assertThat(fields).as("%s: one outcome per actor", line).hasSameSizeAs(header);
      for (int i = 3; i < fields.size(); i++) {
        if ("-".equals(fields.get(i))) {
          continue;
        }
        cells.add(new Cell(fields.get(0), fields.get(1), fields.get(2), header.get(i), fields.get(i)));
      }
    }
    return cells;
  }

  /**
   * The matrix class starts a week from today on the real clock, so the cells that depend on the
   * schedule (the survey, the evaluation: 409 before they open) hold on whatever day the suite runs.
   */
  private static java.time.LocalDate notStartedYet() {
    return java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(8);
  }
}
