package vn.bdtx.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
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
import vn.bdtx.support.TcpProxy;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.Uploads;
import vn.bdtx.support.WebSession;

/**
 * The object store stops answering (an external S3 store, here an S3Proxy the test
 * starts, reached through a relay the test cuts): an upload is told in Vietnamese,
 * with 503, that files cannot be saved right now and nothing was stored, and no row
 * is written; a file link says the file cannot be opened right now instead of
 * sending the browser to the dead store; readiness shows the store DOWN. When the
 * store is back, the same upload goes through once.
 */
@BdtxIntegrationTest
@Import(MovableClock.Config.class)
@DirtiesContext
class StoreOutageTest {

  static final String PW = "kho tep dang hong";
  static final String ACCESS_KEY = "outage-test";
  static final String SECRET_KEY = UUID.randomUUID().toString();
  static Path storeDir;
  static final EmbeddedObjectStore S3 = startStore();
  static final TcpProxy STORE = relay();

  @DynamicPropertySource
  static void externalStoreThroughTheRelay(DynamicPropertyRegistry registry) {
    registry.add("bdtx.storage.endpoint", () -> "http://127.0.0.1:" + STORE.port());
    registry.add("bdtx.storage.access-key", () -> ACCESS_KEY);
    registry.add("bdtx.storage.secret-key", () -> SECRET_KEY);
  }

  private static EmbeddedObjectStore startStore() {
    try {
      storeDir = Files.createTempDirectory("bdtx-outage-store-");
      return EmbeddedObjectStore.start(new StorageSettings.Embedded(storeDir.toString(), "127.0.0.1", 0), ACCESS_KEY, SECRET_KEY);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static TcpProxy relay() {
    try {
      return new TcpProxy("127.0.0.1", URI.create(S3.endpoint()).getPort()).start();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stopStore() throws Exception {
    STORE.close();
    S3.close();
    org.springframework.util.FileSystemUtils.deleteRecursively(storeDir);
  }

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Cohorts cohorts;
  @Autowired vn.bdtx.catalog.Courses courses;

  static int n;
  boolean cut;
  String learner;
  long enrollment;
  long cohort;
  String base;

  /** A learner of a cohort of the sample GV-02 course in its finishing phase, when submissions are taken. */
  @BeforeEach
  void aLearnerInTheFinishingPhase() {
    n++;
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.kho" + n, PW, Role.LECTURER);
    learner = "gv.kho" + n;
    long account = accounts.create(learner, PW, Role.LEARNER);
    var by = new Caller(lecturer, "bcv", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, Long.class)).one()
        .block(Duration.ofSeconds(5));
    cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp kho tệp " + n, java.time.LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    cohorts.enroll(cohort, account, "MAIN").block(Duration.ofSeconds(5));
    enrollment = cohorts.enrollment(cohort, account).block(Duration.ofSeconds(5)).id();
    base = "/learn/" + cohort;
    clock.setVietnam("2026-12-16T21:00:00");
  }

  @AfterEach
  void storeBack() throws IOException {
    if (cut) {
      STORE.restore();
      cut = false;
    }
  }

  private void cutTheStore() throws IOException {
    STORE.cut();
    cut = true;
  }

  private EntityExchangeResult<String> submit(WebSession s, String key, byte[] pdf) {
    s.get(base + "/submission");
    return Uploads.files(web, s, base + "/submission", Map.of("key", key), "files", List.of(Map.entry("Bài thu hoạch.pdf", pdf)));
  }

  private long count(String sql) {
    return db.sql(sql).bind("e", enrollment).map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5));
  }

  private static String text(EntityExchangeResult<String> r) {
    return HtmlUtils.htmlUnescape(r.getResponseBody() == null ? "" : r.getResponseBody());
  }

  @Test
  void aSubmissionWhileTheStoreIsDownIsToldNothingWasStoredAndGoesThroughOnceWhenItIsBack() throws Exception {
    var s = WebSession.loggedIn(web, learner, PW);
    byte[] pdf = SampleFiles.pdf("Bai thu hoach khi kho hong");
    String key = UUID.randomUUID().toString();
    cutTheStore();

    var refused = submit(s, key, pdf);

    assertThat(refused.getStatus().value()).isEqualTo(503);
    assertThat(text(refused)).contains("Hiện không lưu được tệp", "Chưa có gì được lưu", "Mã tham chiếu")
        .doesNotContain("Exception", "Internal Server Error");
    assertThat(count("SELECT count(*) FROM submission WHERE enrollment_id = :e")).as("no version without its file").isZero();

    STORE.restore();
    cut = false;
    var again = submit(s, key, pdf);
    var retried = submit(s, key, pdf);
    assertThat(again.getStatus().value()).isEqualTo(303);
    assertThat(String.valueOf(retried.getResponseHeaders().getLocation())).endsWith("?received=1");
    assertThat(count("SELECT count(*) FROM submission WHERE enrollment_id = :e")).isEqualTo(1);
  }

  @Test
  void aQuestionWithAFileWhileTheStoreIsDownKeepsItsTextAndStoresNothing() throws Exception {
    var s = WebSession.loggedIn(web, learner, PW);
    String body = "Thưa thầy, em không mở được video bài 3 trên điện thoại, em gửi ảnh màn hình ạ.";
    s.get("/cohorts/" + cohort + "/questions");
    cutTheStore();

    var refused = Uploads.form(web, s, "/cohorts/" + cohort + "/questions", Map.of("key", UUID.randomUUID().toString(),
        "body", body), "file", "man-hinh.png", SampleFiles.png(20, 10));

    assertThat(refused.getStatus().value()).isEqualTo(503);
    assertThat(text(refused)).contains("Hiện không lưu được tệp", "Chưa có gì được lưu", body);
    assertThat(count("SELECT count(*) FROM question q JOIN enrollment e ON e.cohort_id = q.cohort_id AND e.account_id = q.asker_id"
        + " WHERE e.id = :e")).isZero();
  }

  @Test
  void aLectureWithAVideoWhileTheStoreIsDownComesBackWithWhatWasTypedAndChangesNothing() throws Exception {
    var accounts = new TestAccounts(db, encoder);
    String name = "bcv.baigiang" + n;
    long lecturer = accounts.create(name, PW, Role.LECTURER);
    var by = new Caller(lecturer, name, name, false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long courseId = courses.create(by, "GV-02", vn.bdtx.domain.catalog.CourseLevel.PRIMARY, "Toán", "Mô đun 2 — Toán TH")
        .block(Duration.ofSeconds(5));
    String course = "/lecturer/courses/" + courseId;
    var bcv = WebSession.loggedIn(web, name, PW);
    var revision = java.util.regex.Pattern.compile("name=\"revision\"[^>]*value=\"(\\d+)\"").matcher(bcv.get(course).getResponseBody());
    assertThat(revision.find()).isTrue();
    String body = "# Mở đầu\n\nThầy cô xem video giới thiệu rồi làm phiếu học tập số 1 trước buổi sinh hoạt chuyên môn.";
    cutTheStore();

    var refused = Uploads.form(web, bcv, course + "/lectures", Map.of("title", "Bài 1. Mở đầu", "body", body,
        "revision", revision.group(1)), "file", "phieu.pdf", SampleFiles.pdf("Phieu hoc tap"));

    assertThat(refused.getStatus().value()).isEqualTo(503);
    assertThat(text(refused)).contains("Hiện không lưu được tệp", "Chưa có gì được lưu", "Bài 1. Mở đầu", body);
    assertThat(courses.find(courseId).block(Duration.ofSeconds(5)).draft().lectures()).isEmpty();
  }

  @Test
  void aGradeWithAFeedbackFileWhileTheStoreIsDownKeepsTheCommentAndDecidesNothing() throws Exception {
    var s = WebSession.loggedIn(web, learner, PW);
    assertThat(submit(s, UUID.randomUUID().toString(), SampleFiles.pdf("Bai can cham")).getStatus().value()).isEqualTo(303);
    String core = "cc.kho" + n;
    long coreId = new TestAccounts(db, encoder).create(core, PW, Role.CORE_TEACHER);
    long cluster = db.sql("INSERT INTO org_unit (kind, code, name) VALUES ('CLUSTER', :c, :n) RETURNING id")
        .bind("c", "CUM-KHO" + n).bind("n", "Cụm kho " + n).map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5));
    long group = db.sql("INSERT INTO cohort_group (cohort_id, cluster_id, core_teacher_id) VALUES (:c, :u, :t) RETURNING id")
        .bind("c", cohort).bind("u", cluster).bind("t", coreId).map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5));
    db.sql("UPDATE enrollment SET group_id = :g WHERE id = :e").bind("g", group).bind("e", enrollment).then().block(Duration.ofSeconds(5));
    long version = count("SELECT id FROM submission WHERE enrollment_id = :e");
    var cc = WebSession.loggedIn(web, core, PW);
    String page = "/cohorts/" + cohort + "/grading/" + enrollment;
    cc.get(page);
    String comment = "Kế hoạch bài dạy rõ mục tiêu; phần đánh giá cần thêm tiêu chí. Xem tệp nhận xét.";
    var fields = new java.util.LinkedHashMap<String, String>();
    fields.put("action", "grade");
    fields.put("submission", String.valueOf(version));
    List<String> marks = List.of("1,5", "2,5", "2", "1", "0,5");
    for (int i = 0; i < marks.size(); i++) {
      fields.put("m" + (i + 1), marks.get(i));
    }
    fields.put("comment", comment);
    cutTheStore();

    var refused = Uploads.files(web, cc, page, fields, "feedback", List.of(Map.entry("nhan-xet.pdf", SampleFiles.pdf("Nhan xet"))));

    assertThat(refused.getStatus().value()).isEqualTo(503);
    assertThat(text(refused)).contains("Hiện không lưu được tệp", "Chưa có gì được lưu", comment);
    assertThat(count("SELECT count(*) FROM assignment_grade WHERE enrollment_id = :e")).as("nothing decided").isZero();
  }

  @Test
  void aFileLinkWhileTheStoreIsDownSaysTheFileCannotBeOpenedInsteadOfRedirectingToIt() throws Exception {
    var s = WebSession.loggedIn(web, learner, PW);
    assertThat(submit(s, UUID.randomUUID().toString(), SampleFiles.pdf("Bai da nop")).getStatus().value()).isEqualTo(303);
    var link = s.get(base + "/submission/1/files/1");
    assertThat(link.getStatus().value()).isEqualTo(303);
    assertThat(String.valueOf(link.getResponseHeaders().getLocation())).startsWith("http://127.0.0.1:" + STORE.port() + "/");

    cutTheStore();
    // The store's last answer is trusted for a few seconds; after that each link asks again (at most 2 s).
    Thread.sleep(5_500);
    long before = System.nanoTime();
    var dead = s.get(base + "/submission/1/files/1");

    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(4));
    assertThat(dead.getStatus().value()).isEqualTo(503);
    assertThat(dead.getResponseHeaders().getLocation()).isNull();
    assertThat(text(dead)).contains("Hiện không mở được tệp", "Tệp vẫn được giữ nguyên");
    // A client that is not a browser is told the same in Vietnamese JSON.
    web.get().uri(base + "/submission/1/files/1").accept(org.springframework.http.MediaType.APPLICATION_JSON)
        .cookie(WebSession.COOKIE, s.sessionId()).exchange()
        .expectStatus().isEqualTo(503)
        .expectBody().jsonPath("$.storage").isEqualTo("open")
        .jsonPath("$.message").value(m -> assertThat(String.valueOf(m)).contains("Hiện không mở được tệp"));

    STORE.restore();
    cut = false;
    Thread.sleep(2_500);
    assertThat(s.get(base + "/submission/1/files/1").getStatus().value()).as("links work again").isEqualTo(303);
  }

  @Test
  void readinessShowsTheStoreDownWhileItDoesNotAnswer() throws Exception {
    web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
        .expectBody().jsonPath("$.components.objectStore.status").isEqualTo("UP");
    cutTheStore();

    web.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503)
        .expectBody().jsonPath("$.status").isEqualTo("DOWN").jsonPath("$.components.objectStore.status").isEqualTo("DOWN");

    STORE.restore();
    cut = false;
    web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
  }
}
