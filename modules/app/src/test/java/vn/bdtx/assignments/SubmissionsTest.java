package vn.bdtx.assignments;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.storage.Bucket;
import vn.bdtx.platform.storage.ObjectStore;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.SampleFiles;
import vn.bdtx.support.SharedMail;
import vn.bdtx.support.SharedMailContext;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.Uploads;
import vn.bdtx.support.WebSession;

/**
 * Issue 7 part 1, through the page as a browser posts it: files checked by
 * content and stored in the object store, a receipt on the page and by e-mail,
 * every version kept, nothing after the deadline, an interrupted upload leaving
 * nothing and a retried one making one version.
 */
@BdtxIntegrationTest
@SharedMailContext
class SubmissionsTest {

  static final String PW = "bai tap cuoi khoa nop";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Cohorts cohorts;
  @Autowired ObjectStore store;
  @LocalServerPort int port;

  static int n;
  String learner;
  String base;
  long enrollment;
  long cohort;

  /** A fresh learner in a fresh cohort of the sample GV-02 course that starts on 7/12 (finishing phase 15/12–21/12). */
  @BeforeEach
  void aLearnerInTheirCohort() {
    n++;
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.nop" + n, PW, Role.LECTURER);
    learner = "gv.nop" + n;
    long account = accounts.create(learner, PW, Role.LEARNER);
    db.sql("UPDATE account SET email = :e WHERE id = :a").bind("e", learner + "@truong.edu.vn").bind("a", account).then()
        .block(Duration.ofSeconds(5));
    var by = new Caller(lecturer, "bcv", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, Long.class)).one()
        .block(Duration.ofSeconds(5));
    cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp nộp bài " + n, java.time.LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    cohorts.enroll(cohort, account, "MAIN").block(Duration.ofSeconds(5));
    enrollment = cohorts.enrollment(cohort, account).block(Duration.ofSeconds(5)).id();
    base = "/learn/" + cohort;
    clock.setVietnam("2026-12-16T21:00:00");
  }

  private static String text(EntityExchangeResult<String> r) {
    return HtmlUtils.htmlUnescape(r.getResponseBody() == null ? "" : r.getResponseBody());
  }

  private EntityExchangeResult<String> upload(WebSession s, String key, List<Map.Entry<String, byte[]>> files) {
    s.get(base + "/submission");
    return Uploads.files(web, s, base + "/submission", Map.of("key", key), "files", files);
  }

  private long versions() {
    return db.sql("SELECT count(*) FROM submission WHERE enrollment_id = :e").bind("e", enrollment)
        .map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5));
  }

  private byte[] fetch(WebSession s, String path) throws Exception {
    var r = s.get(path);
    assertThat(r.getStatus().value()).as("file link %s", path).isEqualTo(303);
    String url = String.valueOf(r.getResponseHeaders().getLocation());
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port).resolve(url)).build(), HttpResponse.BodyHandlers.ofByteArray())
        .body();
  }

  @Test
  void aLearnerHandsInThreeFilesAndGetsAReceiptOnThePageAndByEmail() throws Exception {
    byte[] pdf = SampleFiles.pdf("Ke hoach bai day");
    byte[] docx = SampleFiles.docx("Bài thu hoạch mô đun 2");
    byte[] png = SampleFiles.png(40, 30);
    var s = WebSession.loggedIn(web, learner, PW);
    String address = learner + "@truong.edu.vn";
    int mails = SharedMail.to(address).size();
    int all = SharedMail.smtp().getReceivedMessages().length;

    var sent = upload(s, UUID.randomUUID().toString(),
        List.of(Map.entry("Kế hoạch bài dạy.pdf", pdf), Map.entry("C:\\Users\\Lan\\Bài thu hoạch.docx", docx), Map.entry("ảnh lớp.png", png)));

    assertThat(sent.getStatus().value()).isEqualTo(303);
    assertThat(String.valueOf(sent.getResponseHeaders().getLocation())).endsWith(base + "/submission?received=1");
    String page = text(s.get(base + "/submission?received=1"));
    assertThat(page).contains("Đã nhận lần nộp 1 lúc 21:00:00 16/12/2026", "Kế hoạch bài dạy.pdf", "Bài thu hoạch.docx", "ảnh lớp.png",
        SampleFiles.sha256(pdf), SampleFiles.sha256(docx), SampleFiles.sha256(png), "Nộp lại sẽ tạo một lần nộp mới");
    // What is in the store is what was sent, and each file opens from the page.
    assertThat(store.read(Bucket.SUBMISSIONS, Submissions.key(enrollment, SampleFiles.sha256(docx))).block(Duration.ofSeconds(10)))
        .isEqualTo(docx);
    assertThat(fetch(s, base + "/submission/1/files/1")).isEqualTo(pdf);
    assertThat(fetch(s, base + "/submission/1/files/3")).isEqualTo(png);
    assertThat(db.sql("SELECT content_type FROM submission_file f JOIN submission v ON v.id = f.submission_id WHERE v.enrollment_id = :e ORDER BY position")
        .bind("e", enrollment).map((r, m) -> r.get(0, String.class)).all().collectList().block(Duration.ofSeconds(5)))
        .containsExactly("application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "image/png");

    assertThat(SharedMail.smtp().waitForIncomingEmail(10_000, all + 1)).as("the receipt is e-mailed").isTrue();
    assertThat(SharedMail.to(address)).as("one receipt, to the learner").hasSize(mails + 1);
    MimeMessage receipt = SharedMail.to(address).get(mails);
    assertThat(receipt.getAllRecipients()[0].toString()).isEqualTo(learner + "@truong.edu.vn");
    assertThat(receipt.getSubject()).contains("biên nhận bài tập cuối khóa (lần nộp 1)");
    assertThat(String.valueOf(receipt.getContent())).contains("lần nộp 1, lúc 21:00:00 ngày 16/12/2026", "Bài thu hoạch.docx",
        "SHA-256: " + SampleFiles.sha256(docx));
  }

  @Test
  void submittingAgainBeforeTheDeadlineKeepsEveryVersion() throws Exception {
    byte[] first = SampleFiles.pdf("Ban nhap");
    byte[] second = SampleFiles.pdf("Ban hoan chinh");
    var s = WebSession.loggedIn(web, learner, PW);
    assertThat(upload(s, UUID.randomUUID().toString(), List.of(Map.entry("bai.pdf", first))).getStatus().value()).isEqualTo(303);
    clock.setVietnam("2026-12-21T23:59:00");
    var again = upload(s, UUID.randomUUID().toString(), List.of(Map.entry("bai.pdf", second)));
    assertThat(String.valueOf(again.getResponseHeaders().getLocation())).endsWith("?received=2");

    String page = text(s.get(base + "/submission"));
    assertThat(page).contains("Lần nộp 2 — 23:59:00 21/12/2026", "Lần nộp 1 — 21:00:00 16/12/2026");
    assertThat(page.indexOf("Lần nộp 2")).isLessThan(page.indexOf("Lần nộp 1"));
    assertThat(fetch(s, base + "/submission/1/files/1")).isEqualTo(first);
    assertThat(fetch(s, base + "/submission/2/files/1")).isEqualTo(second);
  }

  @Test
  void nothingIsAcceptedAfterTheDeadlineOrBeforeTheFinishingPhase() {
    var s = WebSession.loggedIn(web, learner, PW);
    clock.setVietnam("2026-12-22T00:00:00");
    var late = upload(s, UUID.randomUUID().toString(), List.of(Map.entry("bai.pdf", SampleFiles.pdf("Muon"))));
    assertThat(late.getStatus().value()).isEqualTo(409);
    assertThat(text(late)).contains("Bài chưa được nộp — chưa có gì được lưu",
        "Đã quá hạn nộp (23:59 ngày 21/12/2026): bài nộp sau hạn không được nhận.");
    assertThat(text(s.get(base + "/submission"))).contains("Đã hết hạn nộp bài").doesNotContain("id=\"upload\"");

    clock.setVietnam("2026-12-14T23:59:59");
    var early = upload(s, UUID.randomUUID().toString(), List.of(Map.entry("bai.pdf", SampleFiles.pdf("Som"))));
    assertThat(early.getStatus().value()).isEqualTo(422);
    assertThat(text(early)).contains("Chưa đến ngày nhận bài.");
    assertThat(versions()).isZero();
  }

  @Test
  void aProgramRenamedToPdfAndAnEmptyFileAreRefusedByNameAndNothingIsStored() {
    var s = WebSession.loggedIn(web, learner, PW);
    byte[] good = SampleFiles.pdf("Tot");
    var bad = upload(s, UUID.randomUUID().toString(),
        List.of(Map.entry("bai.pdf", good), Map.entry("bai-that.pdf", SampleFiles.program()), Map.entry("trong.docx", new byte[0])));
    assertThat(bad.getStatus().value()).isEqualTo(422);
    assertThat(text(bad)).contains("Tệp 2 «bai-that.pdf» không thuộc loại được nhận (nội dung là Chương trình chạy được)",
        "Tệp 3 «trong.docx» rỗng (0 byte).");
    assertThat(versions()).isZero();
    assertThat(store.size(Bucket.SUBMISSIONS, Submissions.key(enrollment, SampleFiles.sha256(good))).block(Duration.ofSeconds(10)))
        .as("not even the good file is stored").isNull();
  }

  /** Issue 14, item 6b. The .xls is a real Excel 97–2003 file, written by Apache POI's HSSF (SampleFiles.xls). */
  @Test
  void anOldExcelFileIsRefusedAsAnOldOfficeFormatWithHowToSaveItAsXlsx() {
    var s = WebSession.loggedIn(web, learner, PW);
    byte[] xls = SampleFiles.xls("Bảng điểm lớp 7A");
    var r = upload(s, UUID.randomUUID().toString(), List.of(Map.entry("bai.pdf", SampleFiles.pdf("Tot")), Map.entry("Bảng điểm.xls", xls)));
    assertThat(r.getStatus().value()).isEqualTo(422);
    assertThat(text(r)).contains("Bài chưa được nộp — chưa có gì được lưu",
        "Tệp 2 «Bảng điểm.xls» là tệp Excel kiểu cũ (.xls, Excel 97–2003), hệ thống không nhận.",
        "Tệp → Lưu thành → Sổ làm việc Excel (*.xlsx)")
        .doesNotContain("application/x-tika-msoffice");
    assertThat(versions()).isZero();
  }

  @Test
  void fortyPhotosAtOnceAreRefusedByTheLimitOfTenAndNothingIsStored() {
    var s = WebSession.loggedIn(web, learner, PW);
    byte[] photo = SampleFiles.png(8, 8);
    var forty = new java.util.ArrayList<Map.Entry<String, byte[]>>();
    for (int i = 1; i <= 40; i++) {
      forty.add(Map.entry("anh-" + i + ".png", photo));
    }
    var r = upload(s, UUID.randomUUID().toString(), forty);
    assertThat(r.getStatus().value()).isEqualTo(422);
    assertThat(text(r)).contains("Bài chưa được nộp — chưa có gì được lưu", "Nhiều hơn 10 tệp");
    assertThat(versions()).isZero();
  }

  @Test
  void aRetriedUploadGivesTheSameVersionNotASecondOne() throws Exception {
    var s = WebSession.loggedIn(web, learner, PW);
    String key = UUID.randomUUID().toString();
    byte[] pdf = SampleFiles.pdf("Mot lan thoi");
    var first = upload(s, key, List.of(Map.entry("bai.pdf", pdf)));
    var retry = upload(s, key, List.of(Map.entry("bai.pdf", pdf)));
    assertThat(String.valueOf(first.getResponseHeaders().getLocation())).endsWith("?received=1");
    assertThat(String.valueOf(retry.getResponseHeaders().getLocation())).endsWith("?received=1");
    // Two sends of one form at the same moment (a double click on a slow network).
    String other = UUID.randomUUID().toString();
    var a = CompletableFuture.supplyAsync(() -> Uploads.files(web, s, base + "/submission", Map.of("key", other), "files",
        List.of(Map.entry("bai.pdf", pdf))));
    var b = CompletableFuture.supplyAsync(() -> Uploads.files(web, s, base + "/submission", Map.of("key", other), "files",
        List.of(Map.entry("bai.pdf", pdf))));
    assertThat(String.valueOf(a.get().getResponseHeaders().getLocation())).endsWith("?received=2");
    assertThat(String.valueOf(b.get().getResponseHeaders().getLocation())).endsWith("?received=2");
    assertThat(versions()).isEqualTo(2);
    assertThat(text(s.get(base + "/submission"))).doesNotContain("Lần nộp 3");
  }

  @Test
  void anUploadCutOffHalfwayLeavesNoVersionAndTheRetryMakesExactlyOne() throws Exception {
    var s = WebSession.loggedIn(web, learner, PW);
    s.get(base + "/submission");
    String key = UUID.randomUUID().toString();
    byte[] pdf = SampleFiles.pdf("Bai dai");
    byte[] big = new byte[600_000];
    new java.util.Random(7).nextBytes(big);
    System.arraycopy(pdf, 0, big, 0, pdf.length);
    String boundary = "----bdtxcut" + n;
    var body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + s.csrf() + "\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\n" + key + "\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"bai.pdf\"\r\n"
        + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(big);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    byte[] all = body.toByteArray();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + base + "/submission HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
          + "Cookie: " + WebSession.COOKIE + "=" + s.sessionId() + "\r\n"
          + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n"
          + "Content-Length: " + all.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(all, 0, all.length / 2);
      out.flush();
      Thread.sleep(500);
    }
    // The server gives up on the request; nothing of it may appear.
    Thread.sleep(1500);
    assertThat(versions()).isZero();
    assertThat(text(s.get(base + "/submission"))).contains("Chưa nộp lần nào.");

    var retry = Uploads.files(web, s, base + "/submission", Map.of("key", key), "files", List.of(Map.entry("bai.pdf", big)));
    assertThat(String.valueOf(retry.getResponseHeaders().getLocation())).endsWith("?received=1");
    assertThat(versions()).isEqualTo(1);
    assertThat(fetch(s, base + "/submission/1/files/1")).isEqualTo(big);
  }

  @Test
  void anotherLearnerOfTheCohortCannotOpenTheFiles() {
    var s = WebSession.loggedIn(web, learner, PW);
    upload(s, UUID.randomUUID().toString(), List.of(Map.entry("bai.pdf", SampleFiles.pdf("Cua toi"))));
    var accounts = new TestAccounts(db, encoder);
    long other = accounts.create("gv.khac" + n, PW, Role.LEARNER);
    cohorts.enroll(cohort, other, "MAIN").block(Duration.ofSeconds(5));
    var them = WebSession.loggedIn(web, "gv.khac" + n, PW);
    assertThat(them.get(base + "/submission/1/files/1").getStatus().value()).isEqualTo(404);
    assertThat(text(them.get(base + "/submission"))).contains("Chưa nộp lần nào.");
  }

  @Test
  void aReferenceSubjectHasNothingToSubmit() {
    db.sql("UPDATE enrollment SET kind = 'REFERENCE' WHERE id = :e").bind("e", enrollment).then().block(Duration.ofSeconds(5));
    var s = WebSession.loggedIn(web, learner, PW);
    assertThat(text(s.get(base + "/submission"))).contains("Môn tham khảo không nộp bài tập cuối khóa.").doesNotContain("id=\"upload\"");
    var r = upload(s, UUID.randomUUID().toString(), List.of(Map.entry("bai.pdf", SampleFiles.pdf("Tham khao"))));
    assertThat(r.getStatus().value()).isEqualTo(422);
    assertThat(versions()).isZero();
  }
}
