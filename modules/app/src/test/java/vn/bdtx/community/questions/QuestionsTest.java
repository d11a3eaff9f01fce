package vn.bdtx.community.questions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.community.Notifications;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.Province;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.Uploads;
import vn.bdtx.support.WebSession;

/**
 * Issue 17 part 1 through the pages: asking with a file, a double-sent form making one question, answering,
 * escalation to each target and their queues, publishing to the module's FAQ and searching it from another
 * class of the module without diacritics, merging duplicates, and the 404s of everyone out of scope.
 * Two classes of the GV-02 course; class 1 has two groups (two core teachers), an assistant and a lecturer;
 * learners in two districts; officers of both districts.
 */
@BdtxIntegrationTest
@Import(MovableClock.Config.class)
@DirtiesContext
class QuestionsTest {

  static final String PW = "hoi dap cua lop hoc";
  static final byte[] PNG = java.util.Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Cohorts cohorts;
  @Autowired Notifications notifications;

  static Map<String, Long> ids;
  static long cohort1;
  static long cohort2;

  @BeforeEach
  void twoClassesOfOneModule() {
    clock.setVietnam("2026-12-08T09:00:00");
    if (ids != null) {
      return;
    }
    ids = new java.util.HashMap<>();
    var accounts = new TestAccounts(db, encoder);
    accounts.create("qa-admin", PW, Role.IT_ADMIN);
    var province = new Province(WebSession.loggedIn(web, "qa-admin", PW));
    long so = province.department("SO-QA", "Sở QA");
    long d1 = province.district("PGD-QA1", "Phòng QA 1", so);
    long d2 = province.district("PGD-QA2", "Phòng QA 2", so);
    long s1 = province.school("TH-QA1", "Trường QA 1", d1, null, "PRIMARY");
    long s2 = province.school("TH-QA2", "Trường QA 2", d2, null, "PRIMARY");
    for (String name : new String[] {"a1", "a2", "b1"}) {
      ids.put(name, accounts.create("qa-" + name, PW, Role.LEARNER));
    }
    ids.put("core1", accounts.create("qa-core1", PW, Role.CORE_TEACHER));
    ids.put("core2", accounts.create("qa-core2", PW, Role.CORE_TEACHER));
    ids.put("assistant", accounts.create("qa-assistant", PW, Role.ASSISTANT));
    ids.put("lecturer", accounts.create("qa-lecturer", PW, Role.LECTURER));
    ids.put("lecturer2", accounts.create("qa-lecturer2", PW, Role.LECTURER));
    ids.put("supervisor", accounts.create("qa-supervisor", PW, Role.SUPERVISOR));
    ids.put("it", accounts.create("qa-it", PW, Role.IT_ADMIN));
    for (String name : new String[] {"officer1", "officer2"}) {
      long id = accounts.create("qa-" + name, PW);
      ids.put(name, id);
      run("INSERT INTO role_grant (account_id, role, scope_type, scope_id) VALUES (" + id + ", 'DISTRICT_OFFICER', 'DISTRICT', "
          + (name.equals("officer1") ? d1 : d2) + ")");
    }
    run("UPDATE account SET school_id = " + s1 + " WHERE id IN (" + ids.get("a1") + "," + ids.get("a2") + ")");
    run("UPDATE account SET school_id = " + s2 + " WHERE id = " + ids.get("b1"));
    var by = new Caller(ids.get("lecturer"), "bcv", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, Long.class)).one()
        .block(Duration.ofSeconds(5));
    cohort1 = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp hỏi đáp 1", java.time.LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    cohort2 = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp hỏi đáp 2", java.time.LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    run("UPDATE cohort SET lecturer_id = " + ids.get("lecturer") + " WHERE id = " + cohort1);
    run("UPDATE cohort SET lecturer_id = " + ids.get("lecturer2") + " WHERE id = " + cohort2);
    run("INSERT INTO cohort_assistant (cohort_id, account_id) VALUES (" + cohort1 + ", " + ids.get("assistant") + ")");
    long g1 = one("INSERT INTO cohort_group (cohort_id, cluster_id, core_teacher_id) VALUES (" + cohort1 + ", " + s1 + ", "
        + ids.get("core1") + ") RETURNING id");
    long g2 = one("INSERT INTO cohort_group (cohort_id, cluster_id, core_teacher_id) VALUES (" + cohort1 + ", " + s2 + ", "
        + ids.get("core2") + ") RETURNING id");
    cohorts.enroll(cohort1, ids.get("a1"), "MAIN").block(Duration.ofSeconds(5));
    cohorts.enroll(cohort1, ids.get("a2"), "MAIN").block(Duration.ofSeconds(5));
    cohorts.enroll(cohort2, ids.get("b1"), "MAIN").block(Duration.ofSeconds(5));
    run("UPDATE enrollment SET group_id = " + g1 + " WHERE cohort_id = " + cohort1);
    ids.put("g2", g2);
  }

  private void run(String sql) {
    db.sql(sql).then().block(Duration.ofSeconds(5));
  }

  private long one(String sql) {
    return db.sql(sql).map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5));
  }

  private WebSession as(String name) {
    return WebSession.loggedIn(web, "qa-" + name, PW);
  }

  private static String text(EntityExchangeResult<String> r) {
    return HtmlUtils.htmlUnescape(r.getResponseBody() == null ? "" : r.getResponseBody());
  }

  private EntityExchangeResult<String> ask(WebSession s, String key, String body, String fileName, byte[] file) {
    s.get("/cohorts/" + cohort1 + "/questions");
    return Uploads.form(web, s, "/cohorts/" + cohort1 + "/questions", Map.of("key", key, "body", body), "file", fileName, file);
  }

  private long asked(EntityExchangeResult<String> r) {
    assertThat(r.getStatus().value()).as(text(r)).isEqualTo(303);
    String location = r.getResponseHeaders().getLocation().toString();
    return Long.parseLong(location.replaceAll(".*/questions/(\\d+).*", "$1"));
  }

  private EntityExchangeResult<String> post(WebSession s, String path, String... fields) {
    s.get("/");
    return s.postForm(path, WebSession.form(fields));
  }

  @org.springframework.boot.test.web.server.LocalServerPort int port;

  /** A file link fetched as the browser has it, byte for byte (its query string is already encoded). */
  private java.net.http.HttpResponse<byte[]> fetch(String link) {
    try {
      return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://127.0.0.1:" + port + link)).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private long unread(String name) {
    return notifications.unread(ids.get(name)).block(Duration.ofSeconds(5));
  }

  @Test
  void aDoubleSentQuestionWithItsImageIsOneQuestionAndABadFileIsRefused() {
    var a1 = as("a1");
    String key = UUID.randomUUID().toString();
    long id = asked(ask(a1, key, "Màn hình báo lỗi khi nộp bài, xem ảnh <b>đính kèm</b>", "loi.png", PNG));
    assertThat(asked(ask(a1, key, "Màn hình báo lỗi khi nộp bài, xem ảnh <b>đính kèm</b>", "loi.png", PNG))).isEqualTo(id);
    assertThat(one("SELECT count(*) FROM question WHERE asker_id = " + ids.get("a1") + " AND form_key = '" + key + "'")).isEqualTo(1);

    var page = a1.get("/questions/" + id);
    assertThat(page.getResponseBody()).contains("&lt;b&gt;đính kèm&lt;/b&gt;").doesNotContain("<b>đính kèm</b>");
    assertThat(text(page)).contains("Chờ trả lời", "loi.png");
    var file = a1.get("/questions/" + id + "/file");
    assertThat(file.getStatus().value()).isEqualTo(303);
    assertThat(java.net.URLDecoder.decode(file.getResponseHeaders().getLocation().toString(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("response-content-disposition=inline").contains("image/png");

    var image = fetch(file.getResponseHeaders().getLocation().toString());
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(image.headers().firstValue("Content-Disposition").orElse("")).startsWith("inline");

    // A Word document is downloaded, never shown in the page.
    long word = asked(ask(a1, UUID.randomUUID().toString(), "Kế hoạch bài dạy của tôi", "ke-hoach.docx",
        vn.bdtx.support.SampleFiles.docx("Kế hoạch")));
    var doc = fetch(a1.get("/questions/" + word + "/file").getResponseHeaders().getLocation().toString());
    assertThat(doc.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
    assertThat(doc.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

    var refused = ask(a1, UUID.randomUUID().toString(), "Tệp chạy được", "virus.exe", vn.bdtx.support.SampleFiles.program());
    assertThat(refused.getStatus().value()).isEqualTo(422);
    assertThat(text(refused)).contains("Câu hỏi chưa được gửi");
    assertThat(text(a1.get("/cohorts/" + cohort1 + "/questions"))).contains("Màn hình báo lỗi").doesNotContain("Tệp chạy được");
  }

  @Test
  void aPhonePhotoAndADocumentSavedByLibreOfficeAreAttachedAsTheyAre() throws Exception {
    var a1 = as("a1");
    // 6.3 MB, 4000x3000 with the phone's EXIF: what a teacher photographs a worksheet with.
    byte[] photo = vn.bdtx.support.SampleFiles.real("anh-dien-thoai.jpg");
    long id = asked(ask(a1, UUID.randomUUID().toString(), "Phiếu học tập em chụp ở lớp, nhờ thầy xem giúp", "IMG_20261128_201503.jpg", photo));
    var link = a1.get("/questions/" + id + "/file").getResponseHeaders().getLocation().toString();
    var image = fetch(link);
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.headers().firstValue("Content-Type")).contains("image/jpeg");
    assertThat(image.headers().firstValue("Content-Disposition").orElse("")).startsWith("inline");
    assertThat(image.body()).isEqualTo(photo);

    byte[] plan = vn.bdtx.support.SampleFiles.real("ke-hoach-libreoffice.docx");
    long doc = asked(ask(a1, UUID.randomUUID().toString(), "Kế hoạch bài dạy em soạn", "Kế hoạch bài dạy.docx", plan));
    assertThat(one("SELECT count(*) FROM question WHERE id = " + doc + " AND file_type = '" + vn.bdtx.platform.storage.FileTypes.DOCX + "'"))
        .isEqualTo(1);
    var saved = fetch(a1.get("/questions/" + doc + "/file").getResponseHeaders().getLocation().toString());
    assertThat(saved.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
    assertThat(saved.body()).isEqualTo(plan);
  }

  @Test
  void theCoreTeacherAnswersAndTheLearnerIsTold() {
    long before = unread("a1");
    long coreBefore = unread("core1");
    long id = asked(ask(as("a1"), UUID.randomUUID().toString(), "Khi nào hết hạn làm bài kiểm tra?", null, null));
    assertThat(unread("core1")).as("the group's core teacher is told of a new question").isEqualTo(coreBefore + 1);
    assertThat(unread("core2")).isZero();
    var core = as("core1");
    assertThat(text(core.get("/questions/queue"))).contains("Khi nào hết hạn làm bài kiểm tra?");
    assertThat(post(core, "/questions/" + id + "/answer", "text", "Hết ngày thứ 15 của lớp.").getStatus().value()).isEqualTo(303);
    assertThat(post(core, "/questions/" + id + "/answer", "text", "Lần hai").getStatus().value()).isEqualTo(409);
    assertThat(unread("a1")).isEqualTo(before + 1);
    assertThat(text(as("a1").get("/questions/" + id))).contains("Đã trả lời", "Hết ngày thứ 15 của lớp.").doesNotContain("Lần hai");
    // Answered questions of the class are read by its other learners, not by another class's.
    assertThat(as("a2").get("/questions/" + id).getStatus().value()).isEqualTo(200);
    assertThat(as("b1").get("/questions/" + id).getStatus().value()).isEqualTo(404);
  }

  @Test
  void eachTargetSeesOnlyWhatWasEscalatedToItInItsQueueOverdueFirst() {
    var a1 = as("a1");
    long content = asked(ask(a1, UUID.randomUUID().toString(), "Câu hỏi về nội dung mô đun", null, null));
    long rule = asked(ask(a1, UUID.randomUUID().toString(), "Câu hỏi về quy định miễn giảm", null, null));
    long tech = asked(ask(a1, UUID.randomUUID().toString(), "Câu hỏi về mật khẩu tài khoản", null, null));
    long lecturerBefore = unread("lecturer");
    var assistant = as("assistant");
    assertThat(post(assistant, "/questions/" + content + "/escalate", "target", "LECTURER", "text", "").getStatus().value()).isEqualTo(422);
    assertThat(post(assistant, "/questions/" + content + "/escalate", "target", "LECTURER", "text", "Nhờ báo cáo viên").getStatus().value())
        .isEqualTo(303);
    assertThat(unread("lecturer")).as("the lecturer is told of what is escalated to them").isEqualTo(lecturerBefore + 1);
    var core = as("core1");
    assertThat(post(core, "/questions/" + rule + "/escalate", "target", "REGULATION", "text", "Quy định").getStatus().value()).isEqualTo(303);
    assertThat(post(core, "/questions/" + tech + "/escalate", "target", "IT", "text", "Tài khoản").getStatus().value()).isEqualTo(303);
    assertThat(text(a1.get("/cohorts/" + cohort1 + "/questions"))).contains("Đã chuyển lên báo cáo viên",
        "Đã chuyển lên cán bộ chuyên môn Phòng/Sở", "Đã chuyển lên Tổ Công nghệ thông tin");

    clock.setVietnam("2026-12-10T12:00:00");
    String lecturerQueue = text(as("lecturer").get("/questions/queue"));
    assertThat(lecturerQueue).contains("Câu hỏi về nội dung mô đun", "Quá hạn").doesNotContain("quy định miễn giảm")
        .doesNotContain("mật khẩu tài khoản");
    assertThat(text(as("officer1").get("/questions/queue"))).contains("quy định miễn giảm").doesNotContain("nội dung mô đun")
        .doesNotContain("mật khẩu tài khoản");
    assertThat(text(as("supervisor").get("/questions/queue"))).contains("quy định miễn giảm").doesNotContain("mật khẩu tài khoản");
    assertThat(text(as("officer2").get("/questions/queue"))).doesNotContain("quy định miễn giảm");
    assertThat(as("officer2").get("/questions/" + rule).getStatus().value()).isEqualTo(404);
    assertThat(as("officer1").get("/questions/" + tech).getStatus().value()).isEqualTo(404);
    assertThat(text(as("it").get("/questions/queue"))).contains("mật khẩu tài khoản").doesNotContain("nội dung mô đun");
    assertThat(as("lecturer2").get("/questions/" + content).getStatus().value()).isEqualTo(404);

    // The first line can no longer answer what it escalated; the target does.
    assertThat(post(as("core1"), "/questions/" + tech + "/answer", "text", "x").getStatus().value()).isEqualTo(403);
    assertThat(post(as("it"), "/questions/" + tech + "/answer", "text", "Đặt lại mật khẩu tại trang đăng nhập.").getStatus().value())
        .isEqualTo(303);
    assertThat(post(as("officer1"), "/questions/" + rule + "/answer", "text", "Theo Thông tư 19.").getStatus().value()).isEqualTo(303);
    assertThat(text(as("it").get("/questions/queue"))).doesNotContain("mật khẩu tài khoản");
  }

  @Test
  void theLecturerPublishesAnAnswerThatAnotherClassOfTheModuleFindsWithoutDiacritics() {
    long id = asked(ask(as("a1"), UUID.randomUUID().toString(), "Cách đánh giá sản phẩm cuối khóa thế nào?", null, null));
    var lecturer = as("lecturer");
    assertThat(post(lecturer, "/questions/" + id + "/answer", "text", "Theo hướng dẫn chấm (rubric) của mô đun.").getStatus().value())
        .isEqualTo(303);
    var published = post(lecturer, "/questions/" + id + "/faq");
    assertThat(published.getStatus().value()).isEqualTo(303);
    assertThat(published.getResponseHeaders().getLocation().toString()).startsWith("/modules/GV-02/faq");
    post(lecturer, "/questions/" + id + "/faq");
    assertThat(one("SELECT count(*) FROM faq_entry WHERE question_id = " + id)).isEqualTo(1);
    run("""
        INSERT INTO faq_entry (module_code, question_text, answer_text, search_text, published_by, published_at)
        VALUES ('CBQL-02', 'Đánh giá của mô đun khác', 'Khác', ' danh gia cua mo dun khac khac', 1, now())""");

    var b1 = as("b1");
    String found = text(b1.get("/modules/GV-02/faq?q=DANH GIA san pham"));
    assertThat(found).contains("Cách đánh giá sản phẩm cuối khóa thế nào?", "Theo hướng dẫn chấm").doesNotContain("mô đun khác");
    assertThat(text(b1.get("/modules/GV-02/faq?q=danh gia giao vien"))).doesNotContain("Cách đánh giá sản phẩm");
    assertThat(b1.get("/modules/CBQL-02/faq").getStatus().value()).isEqualTo(404);
    assertThat(as("core1").get("/modules/GV-02/faq").getStatus().value()).isEqualTo(200);
    assertThat(as("lecturer2").get("/modules/GV-02/faq").getStatus().value()).isEqualTo(200);
  }

  @Test
  void aMergedDuplicateShowsTheOtherAnswerAndItsAskerIsToldWhenItComes() {
    long first = asked(ask(as("a1"), UUID.randomUUID().toString(), "Bài giảng 2 không mở được video", null, null));
    long duplicate = asked(ask(as("a2"), UUID.randomUUID().toString(), "Video bài 2 không xem được", null, null));
    var core = as("core1");
    assertThat(post(core, "/questions/" + duplicate + "/merge", "into", String.valueOf(duplicate)).getStatus().value()).isEqualTo(422);
    assertThat(post(core, "/questions/" + duplicate + "/merge", "into", String.valueOf(first)).getStatus().value()).isEqualTo(303);
    assertThat(text(as("a2").get("/cohorts/" + cohort1 + "/questions"))).contains("Đã gộp");
    long before = unread("a2");
    assertThat(post(core, "/questions/" + first + "/answer", "text", "Tải lại trang bằng Chrome.").getStatus().value()).isEqualTo(303);
    assertThat(unread("a2")).isEqualTo(before + 1);
    assertThat(text(as("a2").get("/questions/" + duplicate))).contains("Đã gộp vào câu hỏi số " + first, "Tải lại trang bằng Chrome.");

    // A duplicate of an FAQ entry of the module: its asker reads that answer and is told at once.
    assertThat(post(core, "/questions/" + first + "/faq").getStatus().value()).isEqualTo(303);
    long entry = one("SELECT id FROM faq_entry WHERE question_id = " + first);
    long again = asked(ask(as("a2"), UUID.randomUUID().toString(), "Lại không xem được video bài 2", null, null));
    long told = unread("a2");
    assertThat(post(core, "/questions/" + again + "/merge", "intoKind", "FAQ", "into", "987654").getStatus().value()).isEqualTo(422);
    assertThat(post(core, "/questions/" + again + "/merge", "intoKind", "FAQ", "into", String.valueOf(entry)).getStatus().value())
        .isEqualTo(303);
    assertThat(unread("a2")).isEqualTo(told + 1);
    assertThat(text(as("a2").get("/questions/" + again))).contains("Đã gộp vào câu hỏi thường gặp", "Tải lại trang bằng Chrome.");
  }

  @Test
  void noOneOutOfScopeReachesAClassOrItsQuestions() {
    long id = asked(ask(as("a1"), UUID.randomUUID().toString(), "Câu hỏi riêng của nhóm 1", null, null));
    assertThat(as("b1").get("/cohorts/" + cohort1 + "/questions").getStatus().value()).isEqualTo(404);
    assertThat(as("b1").get("/questions/" + id).getStatus().value()).isEqualTo(404);
    assertThat(as("a2").get("/questions/" + id).getStatus().value()).isEqualTo(404);
    assertThat(as("a2").get("/questions/" + id + "/file").getStatus().value()).isEqualTo(404);
    assertThat(as("core2").get("/questions/" + id).getStatus().value()).isEqualTo(404);
    assertThat(text(as("core2").get("/cohorts/" + cohort1 + "/questions"))).doesNotContain("Câu hỏi riêng của nhóm 1");
    assertThat(post(as("core2"), "/questions/" + id + "/answer", "text", "x").getStatus().value()).isEqualTo(404);
    assertThat(as("lecturer2").get("/cohorts/" + cohort1 + "/questions").getStatus().value()).isEqualTo(404);
    assertThat(as("supervisor").get("/questions/" + id).getStatus().value()).isEqualTo(404);
    assertThat(as("it").get("/questions/" + id).getStatus().value()).isEqualTo(404);
    assertThat(text(as("core1").get("/cohorts/" + cohort1 + "/questions"))).contains("Câu hỏi riêng của nhóm 1");
    assertThat(as("assistant").get("/questions/" + id).getStatus().value()).isEqualTo(200);
  }
}
