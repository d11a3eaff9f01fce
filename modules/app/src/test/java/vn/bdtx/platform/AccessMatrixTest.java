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
    long school = province.school("TH-MT", "Trường", pgd, null, "PRIMARY");
    long learner = db.sql("SELECT id FROM account WHERE username = 'matrix-learner'").map((r, m) -> r.get("id", Long.class))
        .one().block(java.time.Duration.ofSeconds(5));
    long lecturer = db.sql("SELECT id FROM account WHERE username = 'matrix-lecturer'").map((r, m) -> r.get("id", Long.class))
        .one().block(java.time.Duration.ofSeconds(5));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get("id", Long.class))
        .one().block(java.time.Duration.ofSeconds(5));
    var version = courses.latestVersion(course).block(java.time.Duration.ofSeconds(5));
    var lecturerCaller = new Caller(lecturer, "matrix-lecturer", "BCV", false,
        java.util.Set.of(new Caller.Grant(Role.LECTURER, vn.bdtx.domain.accounts.ScopeType.PROVINCE, null)));
    long own = courses.create(lecturerCaller, "GV-02", vn.bdtx.domain.content.CourseLevel.PRIMARY, "Toán", "Khóa học của ma trận")
        .block(java.time.Duration.ofSeconds(5));
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(lecturerCaller, course, "Lớp ma trận", notStartedYet())
        .block(java.time.Duration.ofSeconds(5))).cohortId();
    cohorts.enroll(cohort, learner, "MAIN").block(java.time.Duration.ofSeconds(5));
    var first = version.content().lectures().get(0);
    // An attempt started before the class (no page starts one then): the matrix learner's, at the first lecture's quiz.
    long attempt = db.sql("""
            INSERT INTO quiz_attempt (enrollment_id, lecture_id, number, paper, question_ids, started_at)
            SELECT e.id, :l, 1, CAST(:p AS jsonb), ARRAY[:q]::varchar[], now() FROM enrollment e
            WHERE e.cohort_id = :c AND e.account_id = :a RETURNING id""")
        .bind("l", first.id()).bind("c", cohort).bind("a", learner)
        .bind("q", version.content().inCategory(first.quizCategory()).get(0).id())
        .bind("p", "{\"items\":[{\"questionId\":\"" + version.content().inCategory(first.quizCategory()).get(0).id()
            + "\",\"choiceOrder\":[0,1]}]}")
        .map((r, m) -> r.get("id", Long.class)).one().block(java.time.Duration.ofSeconds(5));
    values = new java.util.LinkedHashMap<>();
    values.put("{unit}", String.valueOf(school));
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

  record Cell(String method, String pattern, String path, String actor, String expected) {
  }

  @TestFactory
  Stream<DynamicTest> everyRouteForEveryActor() throws IOException {
    Map<String, WebSession> sessions = new HashMap<>();
    return cells().stream().map(cell -> DynamicTest.dynamicTest(
        cell.method() + " " + cell.path() + " as " + cell.actor() + " → " + cell.expected(), () -> {
          WebSession session = sessions.computeIfAbsent(cell.actor(), actor -> "anonymous".equals(actor)
              ? WebSession.anonymous(web)
              : WebSession.loggedIn(web, "matrix-" + actor.toLowerCase(), PASSWORD));
          String path = cell.path();
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
          if ("POST".equals(cell.method())) {
            session.get("/login");
          }
          EntityExchangeResult<String> result = "GET".equals(cell.method()) ? session.get(path)
              : session.postForm(path, WebSession.form());
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
    cells().stream().filter(c -> c.pattern().startsWith("/reports") && !c.pattern().startsWith("/reports/exports/"))
        .forEach(c -> reporting.add(c.method() + " " + c.pattern()));
    assertThat(scoped).containsAll(reporting);
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
      for (int i = 3; i < fields.size(); i++) {
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
