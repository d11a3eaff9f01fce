package vn.bdtx.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.storage.Bucket;
import vn.bdtx.platform.storage.ObjectStore;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.Uploads;
import vn.bdtx.support.WebSession;

/**
 * Courses end to end against the real PostgreSQL and object store: the sample
 * courses from content/courses, a lecturer's course from the pages, versions
 * pinned by cohorts, media through presigned URLs, and who reaches what.
 */
@BdtxIntegrationTest
class CourseContentTest {

  static final String PW = "noi dung khoa hoc";
  static final Path SAMPLES = Path.of("../../content/courses");
  static final Pattern REVISION = Pattern.compile("name=\"revision\"[^>]*value=\"(\\d+)\"");

  @org.springframework.boot.test.web.server.LocalServerPort int port;
  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired ContentLoader loader;
  @Autowired Courses courses;
  @Autowired Cohorts cohorts;
  @Autowired ObjectStore store;

  static int n;
  String lecturer;
  String learner;

  @BeforeEach
  void people() {
    n++;
    var accounts = new TestAccounts(db, encoder);
    lecturer = "bcv-" + n;
    learner = "hv-" + n;
    accounts.create(lecturer, PW, Role.LECTURER);
    accounts.create(learner, PW, Role.LEARNER);
  }

  private long id(String username) {
    return db.sql("SELECT id FROM account WHERE username = :u").bind("u", username)
        .map((r, m) -> r.get("id", Long.class)).one().block(Duration.ofSeconds(5));
  }

  private Caller caller(String username, Role role) {
    return new Caller(id(username), username, username, false,
        java.util.Set.of(new Caller.Grant(role, vn.bdtx.domain.accounts.ScopeType.PROVINCE, null)));
  }

  private long sampleCourse(String dir) {
    return db.sql("SELECT id FROM course WHERE source_dir = :d").bind("d", dir)
        .map((r, m) -> r.get("id", Long.class)).one().block(Duration.ofSeconds(5));
  }

  /** Opens a cohort on the course's newest version and puts the learner in it. */
  private long cohortWith(long courseId, String learnerName) {
    var opened = (Cohorts.Opened.Ok) cohorts.open(caller(lecturer, Role.LECTURER), courseId, "Lớp " + n, LocalDate.of(2026, 12, 1))
        .block(Duration.ofSeconds(10));
    cohorts.enroll(opened.cohortId(), id(learnerName), "MAIN").block(Duration.ofSeconds(5));
    return opened.cohortId();
  }

  static int revision(EntityExchangeResult<String> page) {
    var m = REVISION.matcher(page.getResponseBody());
    assertThat(m.find()).as("the page carries the draft revision").isTrue();
    return Integer.parseInt(m.group(1));
  }

  @Test
  void theSampleCoursesArePublishedAtStartUpAndAnUnchangedFolderIsNotPublishedAgain() {
    for (String dir : new String[] {"gv-02-thcs", "cbql-02-thcs"}) {
      var version = courses.latestVersion(sampleCourse(dir)).block(Duration.ofSeconds(5));
      assertThat(version.number()).isEqualTo(1);
      var c = version.content();
      assertThat(c.lectures()).hasSizeGreaterThanOrEqualTo(5);
      assertThat(c.lectures()).allSatisfy(l -> assertThat(c.inCategory(l.quizCategory())).hasSizeGreaterThanOrEqualTo(5));
      assertThat(c.survey()).isNotEmpty();
      assertThat(c.assignment().rubric().total()).isEqualByComparingTo("10");
      assertThat(c.publishBlockers()).isEmpty();
    }
    var again = loader.load(SAMPLES).block(Duration.ofSeconds(60));
    assertThat(again.published()).isEmpty();
    assertThat(again.unchanged()).contains("gv-02-thcs", "cbql-02-thcs");
  }

  @Test
  void aBrokenCourseFolderIsReportedByFileAndLineAndSkippedWhileTheOthersLoad(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("mau-tot");
    copy(SAMPLES.resolve("cbql-02-thcs"), good);
    Files.writeString(good.resolve("course.txt"), Files.readString(good.resolve("course.txt")).replace("THCS", "THPT"));
    Path broken = dir.resolve("mau-hong");
    copy(SAMPLES.resolve("gv-02-thcs"), broken);
    Files.writeString(broken.resolve("quizzes/03.gift"), "Câu một {=A ~B}\n\nCâu hai {=A\n~B\n");
    var report = loader.load(dir).block(Duration.ofSeconds(60));
    assertThat(report.published()).containsExactly("mau-tot");
    assertThat(report.skipped().get("mau-hong")).containsExactly("mau-hong/quizzes/03.gift:3 UNCLOSED_ANSWERS {=A ~B");
    assertThat(db.sql("SELECT count(*) AS n FROM course WHERE source_dir = 'mau-hong'").map((r, m) -> r.get("n", Long.class))
        .one().block(Duration.ofSeconds(5))).isZero();
  }

  private static void copy(Path from, Path to) throws Exception {
    try (var files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  @Test
  void aLecturerBuildsAndPublishesACourseAndARunningCohortKeepsItsVersionAfterAnEdit() throws Exception {
    var bcv = WebSession.loggedIn(web, lecturer, PW);
    var created = bcv.postForm("/lecturer/courses", WebSession.form("module", "GV-02", "level", "UPPER_SECONDARY",
        "subject", "Toán", "title", "Mô đun 2 — Toán THPT"));
    assertThat(created.getStatus().is3xxRedirection()).isTrue();
    String course = String.valueOf(created.getResponseHeaders().getLocation());
    long courseId = Long.parseLong(course.substring(course.lastIndexOf('/') + 1));

    // a GIFT file with a deliberate error: refused with its line, nothing imported
    String gift = "::C1::Năng lực chung gồm? {=Tự chủ và tự học ~Tính toán}\n\n::C2::Khăn trải bàn có ô giữa {T}\n\n"
        + "::C3::Chọn kĩ thuật {~%50%Mảnh ghép ~%40%KWL ~%-100%Đọc chép}\n";
    var refused = Uploads.form(web, bcv, course + "/questions/import",
        Map.of("category", "Câu hỏi bài 1", "revision", String.valueOf(revision(bcv.get(course + "/questions")))),
        "file", "bai1.gift", gift.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(refused.getStatus().value()).isEqualTo(422);
    assertThat(refused.getResponseBody()).contains("không câu hỏi nào được nhập", "<td>5</td>",
        "Tổng trọng số các đáp án đúng phải là 100%");
    assertThat(courses.find(courseId).block().draft().questions()).isEmpty();

    var imported = Uploads.form(web, bcv, course + "/questions/import",
        Map.of("category", "Câu hỏi bài 1", "revision", String.valueOf(revision(bcv.get(course + "/questions")))),
        "file", "bai1.gift", gift.replace("%40%KWL", "%50%KWL").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(String.valueOf(imported.getResponseHeaders().getLocation())).endsWith("/questions?imported=3");
    Uploads.form(web, bcv, course + "/questions/import",
        Map.of("category", "Khảo sát cuối khóa", "revision", String.valueOf(revision(bcv.get(course + "/questions")))),
        "file", "khao-sat.xml", """
            <quiz><question type="multichoice"><questiontext><text>Hài lòng với khóa học?</text></questiontext>
            <answer fraction="0"><text>Có</text></answer><answer fraction="0"><text>Không</text></answer></question></quiz>
            """.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    byte[] video = Files.readAllBytes(SAMPLES.resolve("gv-02-thcs/media/gioi-thieu-mo-dun-2.webm"));
    byte[] pdf = Files.readAllBytes(SAMPLES.resolve("gv-02-thcs/media/phieu-ky-thuat-day-hoc.pdf"));
    var first = Uploads.form(web, bcv, course + "/lectures", Map.of("title", "Bài 1. Mở đầu", "body", "# Mở đầu\n\nXem video.",
        "quizCategory", "Câu hỏi bài 1", "revision", String.valueOf(revision(bcv.get(course)))), "file", "video.webm", video);
    assertThat(first.getStatus().is3xxRedirection()).as(first.getResponseBody()).isTrue();
    Uploads.form(web, bcv, course + "/lectures", Map.of("title", "Bài 2. Kĩ thuật", "body", "Đọc phiếu.",
        "revision", String.valueOf(revision(bcv.get(course)))), "file", "phieu.pdf", pdf);
    bcv.postForm(course + "/assignment", WebSession.form("brief", "Soạn một kế hoạch bài dạy.",
        "rubric", "Mục tiêu | 4 | rõ\nTiến trình | 6 | đủ", "revision", String.valueOf(revision(bcv.get(course + "/assignment")))));
    // the assignment form is multipart in the page; a plain form post is accepted as well
    var draft = courses.find(courseId).block().draft();
    assertThat(draft.lectures()).extracting(l -> l.media().contentType()).containsExactly("video/webm", "application/pdf");
    assertThat(draft.publishBlockers()).isEmpty();

    var published = bcv.postForm(course + "/publish", WebSession.form("revision", String.valueOf(revision(bcv.get(course)))));
    assertThat(String.valueOf(published.getResponseHeaders().getLocation())).endsWith("?published=1");
    // Who published the version, by name, from accounts (not joined in the version's own query), as a supervisor sees it.
    new TestAccounts(db, encoder).create("gs-phien-ban-" + n, PW, Role.SUPERVISOR);
    assertThat(WebSession.loggedIn(web, "gs-phien-ban-" + n, PW).get(course).getResponseBody())
        .contains("Nguyễn Văn " + lecturer);
    long cohort = cohortWith(courseId, learner);
    var hv = WebSession.loggedIn(web, learner, PW);
    assertThat(hv.get("/learn/" + cohort).getResponseBody()).contains("Bài 1. Mở đầu", "Bài 2. Kĩ thuật");

    // the lecturer edits and publishes again: the running cohort still sees version 1
    String l1 = draft.lectures().get(0).id();
    var page = bcv.get(course + "/lectures/" + l1);
    // quiz settings that cannot be: refused field by field, nothing saved
    var wrongQuiz = Uploads.form(web, bcv, course + "/lectures/" + l1, Map.of("title", "Bài 1. Mở đầu (sửa)", "body", "Mới.",
        "quizCategory", "Câu hỏi bài 1", "quizMinutes", "mười", "quizAttempts", "50",
        "revision", String.valueOf(revision(page))), "file", "", new byte[0]);
    assertThat(wrongQuiz.getStatus().value()).isEqualTo(422);
    assertThat(org.springframework.web.util.HtmlUtils.htmlUnescape(wrongQuiz.getResponseBody()))
        .contains("«Thời gian mỗi lần làm» phải là số phút nguyên, không phải «mười».", "«Số lần được làm» phải từ 0 đến 20.");
    // the title's declared constraint (Jakarta Validation), its text from the bundle in Vietnamese
    var noTitle = Uploads.form(web, bcv, course + "/lectures/" + l1, Map.of("title", "  ", "body", "Mới.",
        "revision", String.valueOf(revision(page))), "file", "", new byte[0]);
    assertThat(noTitle.getStatus().value()).isEqualTo(422);
    assertThat(org.springframework.web.util.HtmlUtils.htmlUnescape(noTitle.getResponseBody()))
        .contains("Nhập tên bài giảng (tối đa 200 ký tự).");
    assertThat(courses.find(courseId).block().draft().lectures().get(0).title()).isEqualTo("Bài 1. Mở đầu");
    var edited = Uploads.form(web, bcv, course + "/lectures/" + l1, Map.of("title", "Bài 1. Mở đầu (sửa)", "body", "Mới.",
        "quizCategory", "Câu hỏi bài 1", "quizMinutes", "15", "quizAttempts", "2", "quizPolicy", "LAST", "quizReview", "SCORE",
        "_quizShuffle", "on", "revision", String.valueOf(revision(page))), "file", "", new byte[0]);
    assertThat(edited.getStatus().is3xxRedirection()).as(edited.getResponseBody()).isTrue();
    assertThat(courses.find(courseId).block().draft().lectures().get(0).quiz())
        .isEqualTo(new vn.bdtx.domain.catalog.QuizSettings(0, 2, 15, false, vn.bdtx.domain.catalog.QuizSettings.Policy.LAST,
            vn.bdtx.domain.catalog.QuizSettings.Review.SCORE));
    assertThat(bcv.get(course + "/lectures/" + l1).getResponseBody()).contains("value=\"15\"", "value=\"LAST\" selected");
    bcv.postForm(course + "/publish", WebSession.form("revision", String.valueOf(revision(bcv.get(course)))));
    assertThat(hv.get("/learn/" + cohort).getResponseBody()).contains("Bài 1. Mở đầu").doesNotContain("(sửa)");
    assertThat(hv.get("/learn/" + cohort + "/lectures/" + l1).getResponseBody()).contains("Xem video.").doesNotContain("Mới.");
    long newer = cohortWith(courseId, learner);
    assertThat(hv.get("/learn/" + newer).getResponseBody()).contains("Bài 1. Mở đầu (sửa)");
    String versions = bcv.get(course).getResponseBody();
    assertThat(versions).contains("Bản 2", "Bản 1", "Lớp " + n + " (1 học viên)");
  }

  @Test
  void aSaveOverANewerSaveIsRefusedAndKeepsWhatWasTyped() {
    var bcv = WebSession.loggedIn(web, lecturer, PW);
    long courseId = courses.create(caller(lecturer, Role.LECTURER), "GV-02", vn.bdtx.domain.catalog.CourseLevel.PRIMARY,
        "Tiếng Việt", "Mô đun 2 — Tiếng Việt").block();
    String course = "/lecturer/courses/" + courseId;
    int seen = revision(bcv.get(course));
    Uploads.form(web, bcv, course + "/lectures", Map.of("title", "Bài A", "revision", String.valueOf(seen)), "file", "", null);
    var stale = Uploads.form(web, bcv, course + "/lectures", Map.of("title", "Bài B gõ trong tab cũ", "revision", String.valueOf(seen)),
        "file", "", null);
    assertThat(stale.getStatus().value()).isEqualTo(409);
    assertThat(org.springframework.web.util.HtmlUtils.htmlUnescape(stale.getResponseBody()))
        .contains("vừa được lưu ở một trang khác", "value=\"Bài B gõ trong tab cũ\"");
    assertThat(courses.find(courseId).block().draft().lectures()).extracting(l -> l.title()).containsExactly("Bài A");
  }

  @Test
  void anUploadIsCheckedByItsContentNotItsName() {
    var bcv = WebSession.loggedIn(web, lecturer, PW);
    long courseId = courses.create(caller(lecturer, Role.LECTURER), "GV-02", vn.bdtx.domain.catalog.CourseLevel.PRIMARY,
        "Toán", "Mô đun 2 — Toán TH").block();
    String course = "/lecturer/courses/" + courseId;
    var refused = Uploads.form(web, bcv, course + "/lectures", Map.of("title", "Bài giả video",
        "revision", String.valueOf(revision(bcv.get(course)))), "file", "bai-giang.mp4", "MZ không phải video".getBytes());
    assertThat(refused.getStatus().value()).isEqualTo(422);
    assertThat(refused.getResponseBody()).contains("Tệp «bai-giang.mp4» không phải video MP4/WebM, PDF hay ảnh")
        .as("the kind of file in words, never a MIME type").containsPattern("nội dung tệp cho thấy: \\p{Lu}")
        .doesNotContainPattern("cho thấy: (application|text|video|image)/");
    assertThat(courses.find(courseId).block().draft().lectures()).isEmpty();
    assertThat(db.sql("SELECT count(*) AS n FROM course_media WHERE course_id = :c").bind("c", courseId)
        .map((r, m) -> r.get("n", Long.class)).one().block()).isZero();
  }

  @Test
  void aLearnerFetchesAByteRangeOfALectureVideoThroughAShortLivedUrl() throws Exception {
    long courseId = sampleCourse("gv-02-thcs");
    long cohort = cohortWith(courseId, learner);
    var version = courses.latestVersion(courseId).block();
    var videoMedia = version.content().lectures().get(0).media();
    byte[] file = Files.readAllBytes(SAMPLES.resolve("gv-02-thcs/media/gioi-thieu-mo-dun-2.webm"));

    var hv = WebSession.loggedIn(web, learner, PW);
    assertThat(hv.get("/learn/" + cohort + "/lectures/" + version.content().lectures().get(0).id()).getResponseBody())
        .contains("<video", "/learn/" + cohort + "/media/" + videoMedia.sha256());
    var redirect = hv.get("/learn/" + cohort + "/media/" + videoMedia.sha256());
    assertThat(redirect.getStatus().value()).isEqualTo(302);
    assertThat(redirect.getResponseHeaders().getCacheControl()).contains("private");
    URI url = URI.create("http://127.0.0.1:" + port).resolve(redirect.getResponseHeaders().getLocation());

    var http = HttpClient.newHttpClient();
    var range = http.send(HttpRequest.newBuilder(url).header("Range", "bytes=1000-1999").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.body()).isEqualTo(Arrays.copyOfRange(file, 1000, 2000));
    assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + file.length);
    assertThat(range.headers().firstValue("Content-Type")).hasValue("video/webm");
    assertThat(range.headers().firstValue("Cache-Control").orElse("")).contains("max-age=86400");
  }

  /**
   * Teachers study on phones over weak connections: every lecture page of the
   * sample courses, with the stylesheet and script it loads but without its
   * media, stays within a budget on the wire (gzip). The figures go to the README.
   */
  @Test
  void aLecturePageWithoutItsMediaIsSmallOnTheWire() throws Exception {
    var http = HttpClient.newHttpClient();
    var hv = WebSession.loggedIn(web, learner, PW);
    int heaviestHtml = 0;
    int heaviestGzip = 0;
    for (String dir : new String[] {"gv-02-thcs", "cbql-02-thcs"}) {
      long courseId = sampleCourse(dir);
      long cohort = cohortWith(courseId, learner);
      for (var lecture : courses.latestVersion(courseId).block().content().lectures()) {
        var page = wire(http, "/learn/" + cohort + "/lectures/" + lecture.id(), hv.sessionId());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Encoding")).hasValue("gzip");
        heaviestGzip = Math.max(heaviestGzip, page.body().length);
        heaviestHtml = Math.max(heaviestHtml, new java.util.zip.GZIPInputStream(
            new java.io.ByteArrayInputStream(page.body())).readAllBytes().length);
      }
    }
    int css = wire(http, "/css/bdtx.css", null).body().length;
    int js = wire(http, "/js/lecture.js", null).body().length;
    System.out.printf("PAGE WEIGHT heaviest lecture page: %d B HTML, %d B gzip; css %d B gzip; js %d B gzip; total %d B%n",
        heaviestHtml, heaviestGzip, css, js, heaviestGzip + css + js);
    assertThat(heaviestGzip).as("heaviest lecture page, gzip").isLessThan(8 * 1024);
    assertThat(heaviestGzip + css + js).as("page, stylesheet and script, gzip").isLessThan(40 * 1024);
  }

  private HttpResponse<byte[]> wire(HttpClient http, String path, String session) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Accept", "text/html,*/*").header("Accept-Encoding", "gzip");
    if (session != null) {
      request.header("Cookie", WebSession.COOKIE + "=" + session);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aPresignedUrlStopsWorkingWhenItExpires() throws Exception {
    store.put(Bucket.MEDIA, "expiry-test", "nội dung".getBytes(), "text/plain").block();
    String url = store.presignedGet(Bucket.MEDIA, "expiry-test", Duration.ofSeconds(1)).block();
    var http = HttpClient.newHttpClient();
    Thread.sleep(2_500);
    var late = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port).resolve(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(late.statusCode()).isEqualTo(403);
  }

  @Test
  void aLearnerReachesNeitherAnotherCohortNorAnotherCoursesMediaNorDraftLectures() {
    long gv = sampleCourse("gv-02-thcs");
    long cbql = sampleCourse("cbql-02-thcs");
    long mine = cohortWith(gv, learner);
    var otherVersion = courses.latestVersion(cbql).block();
    String otherMedia = otherVersion.content().lectures().get(0).media().sha256();
    long theirs = cohortWith(cbql, lecturer);
    var hv = WebSession.loggedIn(web, learner, PW);
    assertThat(hv.get("/learn/" + mine + "/media/" + otherMedia).getStatus().value()).isEqualTo(404);
    assertThat(hv.get("/learn/" + theirs).getStatus().value()).isEqualTo(404);
    assertThat(hv.get("/learn/" + theirs + "/media/" + otherMedia).getStatus().value()).isEqualTo(404);
    assertThat(hv.get("/learn/" + mine + "/lectures/L999").getStatus().value()).isEqualTo(404);
    assertThat(hv.get("/lecturer/courses/" + gv).getStatus().value()).isEqualTo(403);
  }

  @Test
  void aLecturerEditsOnlyTheirOwnCoursesAndASupervisorSeesAllWithoutEditing() {
    long courseId = courses.create(caller(lecturer, Role.LECTURER), "CBQL-02", vn.bdtx.domain.catalog.CourseLevel.ALL,
        "Quản lý", "Quản trị nhân sự — lớp riêng").block();
    new TestAccounts(db, encoder).create("bcv-khac-" + n, PW, Role.LECTURER);
    new TestAccounts(db, encoder).create("giam-sat-" + n, PW, Role.SUPERVISOR);
    var other = WebSession.loggedIn(web, "bcv-khac-" + n, PW);
    assertThat(other.get("/lecturer/courses/" + courseId).getStatus().value()).isEqualTo(404);
    assertThat(other.get("/lecturer/courses").getResponseBody()).doesNotContain("Quản trị nhân sự — lớp riêng");
    var supervisor = WebSession.loggedIn(web, "giam-sat-" + n, PW);
    var seen = supervisor.get("/lecturer/courses/" + courseId);
    assertThat(seen.getStatus().value()).isEqualTo(200);
    assertThat(seen.getResponseBody()).contains("Quản trị nhân sự — lớp riêng", "Bạn chỉ xem được khóa học này");
    // The list names each course's owner (from accounts).
    assertThat(supervisor.get("/lecturer/courses").getResponseBody()).contains("Quản trị nhân sự — lớp riêng",
        "Nguyễn Văn " + lecturer);
    assertThat(supervisor.postForm("/lecturer/courses/" + courseId + "/publish", WebSession.form("revision", "0"))
        .getStatus().value()).isEqualTo(403);
  }
}
