package vn.bdtx.assignments;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.SampleFiles;
import vn.bdtx.support.SharedMail;
import vn.bdtx.support.SharedMailContext;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.Uploads;
import vn.bdtx.support.WebSession;

/**
 * Issue 14, item 6a: the receipt page says "e-mailed" only when the mail server
 * accepted the mail; otherwise that the receipt is on the page and will be
 * e-mailed when mail is back, and the outbox does so, once. GreenMail is the
 * mail server ({@link SharedMail}, of the application this class shares with
 * others); it is down for the application (its relay cut) until a test says
 * so, and up again after each test. Only the test's learner's mails are read.
 * The retry job's schedule is off here: the tests run it at chosen instants.
 */
@BdtxIntegrationTest
@SharedMailContext
class SubmissionReceiptsTest {

  static final String PW = "bien nhan nop bai";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Cohorts cohorts;
  @Autowired SubmissionReceipts receipts;

  static int n;
  String learner;
  String base;

  @BeforeEach
  void aLearnerWithAnEmailInTheFinishingPhase() throws IOException {
    n++;
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.bn" + n, PW, Role.LECTURER);
    learner = "gv.bn" + n;
    long account = accounts.create(learner, PW, Role.LEARNER);
    db.sql("UPDATE account SET email = :e WHERE id = :a").bind("e", learner + "@truong.edu.vn").bind("a", account).then()
        .block(Duration.ofSeconds(5));
    var by = new Caller(lecturer, "bcv", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, Long.class)).one()
        .block(Duration.ofSeconds(5));
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp biên nhận " + n, java.time.LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    cohorts.enroll(cohort, account, "MAIN").block(Duration.ofSeconds(5));
    base = "/learn/" + cohort;
    clock.setVietnam("2026-12-16T21:00:00");
    SharedMail.down();
  }

  @AfterEach
  void mailServerUpForTheOthers() throws IOException {
    SharedMail.up();
  }

  private void startSmtp() throws IOException {
    SharedMail.up();
  }

  /** The mails the mail server received for this test's learner. */
  private List<MimeMessage> received() {
    return SharedMail.to(learner + "@truong.edu.vn");
  }

  private String submit(WebSession s) {
    s.get(base + "/submission");
    var sent = Uploads.files(web, s, base + "/submission", Map.of("key", UUID.randomUUID().toString()), "files",
        List.of(Map.entry("Kế hoạch bài dạy.pdf", SampleFiles.pdf("Ke hoach"))));
    assertThat(sent.getStatus().value()).isEqualTo(303);
    return text(s.get(String.valueOf(sent.getResponseHeaders().getLocation())));
  }

  private static String text(EntityExchangeResult<String> r) {
    return HtmlUtils.htmlUnescape(r.getResponseBody() == null ? "" : r.getResponseBody());
  }

  @Test
  void withTheMailServerDownThePageSaysTheReceiptWillBeEmailedAndTheJobSendsItOnceWhenMailIsBack() throws Exception {
    var s = WebSession.loggedIn(web, learner, PW);
    String page = submit(s);
    assertThat(page).contains("Đã nhận lần nộp 1 lúc 21:00:00 16/12/2026",
            "Chưa gửi được biên nhận qua thư điện tử vì máy chủ thư đang không nhận thư",
            "hệ thống sẽ tự gửi thư khi máy chủ thư hoạt động lại")
        .doesNotContain("đã được gửi vào thư điện tử");

    startSmtp();
    assertThat(receipts.sendDue().block(Duration.ofSeconds(30))).as("not before its next try (a minute later)").isZero();
    clock.setVietnam("2026-12-16T21:01:30");
    // Two nodes' jobs at the same moment: the receipt is claimed by one of them, and e-mailed once.
    var both = Mono.zip(receipts.sendDue().subscribeOn(Schedulers.parallel()), receipts.sendDue().subscribeOn(Schedulers.parallel()))
        .block(Duration.ofSeconds(30));
    assertThat(both.getT1() + both.getT2()).isEqualTo(1);
    assertThat(receipts.sendDue().block(Duration.ofSeconds(30))).as("nothing left to send").isZero();
    assertThat(received()).hasSize(1);
    var mail = received().get(0);
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(learner + "@truong.edu.vn");
    assertThat(mail.getSubject()).contains("biên nhận bài tập cuối khóa (lần nộp 1)");
    assertThat(String.valueOf(mail.getContent())).contains("Kế hoạch bài dạy.pdf", "SHA-256: " + SampleFiles.sha256(SampleFiles.pdf("Ke hoach")));

    assertThat(text(s.get(base + "/submission?received=1"))).contains("Biên nhận đã được gửi vào thư điện tử của thầy cô.")
        .doesNotContain("Chưa gửi được biên nhận");
  }

  @Test
  void withTheMailServerUpThePageSaysTheReceiptWasEmailed() throws Exception {
    startSmtp();
    var s = WebSession.loggedIn(web, learner, PW);
    String page = submit(s);
    assertThat(page).contains("Đã nhận lần nộp 1 lúc 21:00:00 16/12/2026", "Biên nhận đã được gửi vào thư điện tử của thầy cô.")
        .doesNotContain("Chưa gửi được biên nhận");
    assertThat(received()).hasSize(1);
    clock.setVietnam("2026-12-16T23:00:00");
    assertThat(receipts.sendDue().block(Duration.ofSeconds(30))).as("the job sends nothing twice").isZero();
    assertThat(received()).hasSize(1);
  }

  @Test
  void aReceiptWaitingForTheMailServerIsTriedLaterEachTime() {
    var s = WebSession.loggedIn(web, learner, PW);
    submit(s);
    // Still down: 1 minute after the first try, then 2, then 4.
    clock.setVietnam("2026-12-16T21:01:00");
    assertThat(receipts.sendDue().block(Duration.ofSeconds(30))).isZero();
    assertThat(nextTry()).isEqualTo("2026-12-16T14:03:00Z");
    clock.setVietnam("2026-12-16T21:03:00");
    assertThat(receipts.sendDue().block(Duration.ofSeconds(30))).isZero();
    assertThat(nextTry()).isEqualTo("2026-12-16T14:07:00Z");
  }

  private String nextTry() {
    return db.sql("SELECT r.next_attempt_at FROM submission_receipt r JOIN submission s ON s.id = r.submission_id "
            + "JOIN enrollment e ON e.id = s.enrollment_id JOIN account a ON a.id = e.account_id WHERE a.username = :u")
        .bind("u", learner).map((r, m) -> r.get(0, java.time.Instant.class).toString()).one().block(Duration.ofSeconds(5));
  }
}
