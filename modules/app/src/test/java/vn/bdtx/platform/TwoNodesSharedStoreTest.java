package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.bdtx.assessment.Quizzes;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.completion.Certificates;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.catalog.QuizSettings;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.AppProcess;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.ExternalStore;
import vn.bdtx.support.SampleFiles;
import vn.bdtx.support.Sql;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.Uploads;
import vn.bdtx.support.WebSession;

/**
 * Two app nodes as production runs them (issue 18 item 10): separate processes sharing PostgreSQL, Redis and one
 * external S3 store that this test starts (S3Proxy on 127.0.0.1, reached by both over HTTP with an access key and
 * secret, as MinIO would be). A file a learner hands in through node 1 is read through node 2. Then work falls
 * due for every scheduled job at once (an attempt left open past its time, the reminders of day 13, a batch of
 * certificates numbered without their PDFs) while both nodes run their schedules every second: each attempt is
 * closed once, each reminder mailed and notified once, each certificate PDF rendered and stored once.
 */
@BdtxIntegrationTest
@DirtiesContext
class TwoNodesSharedStoreTest {

  static final String PW = "hai nut mot kho chung";
  static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  static final String RUN = HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(4));
  static final int CERTIFICATES = 12;
  static final QuizSettings TIMED = new QuizSettings(4, 2, 10, true, QuizSettings.Policy.BEST, QuizSettings.Review.FULL);

  static final ExternalStore STORE = ExternalStore.start();
  static final GreenMail SMTP = startSmtp();

  static GreenMail startSmtp() {
    var smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    return smtp;
  }

  @DynamicPropertySource
  static void sharedStoreAndMail(DynamicPropertyRegistry registry) {
    STORE.register(registry);
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    // This context only arranges the work: the two nodes do it.
    registry.add("bdtx.reminders.enabled", () -> "false");
    registry.add("bdtx.quizzes.close-job.enabled", () -> "false");
    registry.add("bdtx.certificates.resume-interval", () -> "PT1H");
  }

  @AfterAll
  static void stopStoreAndMail() throws Exception {
    STORE.close();
    SMTP.stop();
  }

  @Autowired Environment env;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired Courses courses;
  @Autowired Cohorts cohorts;
  @Autowired Quizzes quizzes;
  @Autowired Certificates certificates;

  @Test
  void bothNodesShareTheStoreAndEachScheduledJobDoesItsWorkOnce() throws Exception {
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.hainut", PW, Role.LECTURER);
    var by = new Caller(lecturer, "bcv.hainut", "BCV", false, Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = one("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'");
    var draft = courses.find(course).block(Duration.ofSeconds(5));
    String lecture = draft.draft().lectures().get(0).id();
    courses.saveDraft(draft, draft.revision(), c -> c.updateLecture(lecture, l -> l.withQuiz(TIMED))).block(Duration.ofSeconds(5));
    courses.publish(courses.find(course).block(Duration.ofSeconds(5)), by).block(Duration.ofSeconds(5));
    // The nodes run on the real clock: classes placed on the day each needs today.
    LocalDate today = LocalDate.now(VIETNAM);
    long day10 = open(by, course, "Lớp ngày 10", today.minusDays(9));

    String[] nodeArgs = {
        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + SMTP.getSmtp().getPort(),
        "--bdtx.reminders.enabled=true", "--bdtx.reminders.initial-delay=PT1S", "--bdtx.reminders.interval=PT1S",
        "--bdtx.quizzes.close-job.initial-delay=PT1S", "--bdtx.quizzes.close-job.interval=PT1S",
        "--bdtx.certificates.resume-interval=PT1S"};
    try (var node1 = new AppProcess(env, "shared-s3-node1-" + RUN).with(STORE.nodeArguments()).with(nodeArgs).start();
         var node2 = new AppProcess(env, "shared-s3-node2-" + RUN).with(STORE.nodeArguments()).with(nodeArgs).start()) {

      // A learner hands in a file through node 1; node 2 serves it from the shared store.
      long uploader = accounts.create("gv.hainut", PW, Role.LEARNER);
      cohorts.enroll(day10, uploader, "MAIN").block(Duration.ofSeconds(5));
      byte[] pdf = SampleFiles.pdf("Bai thu hoach hai nut");
      var s = WebSession.loggedIn(node1.client(), "gv.hainut", PW);
      s.get("/learn/" + day10 + "/submission");
      var sent = Uploads.files(node1.client(), s, "/learn/" + day10 + "/submission", Map.of("key", java.util.UUID.randomUUID().toString()), "files",
          List.of(Map.entry("bai.pdf", pdf)));
      assertThat(String.valueOf(sent.getResponseHeaders().getLocation()))
          .as("upload through node 1: %s %s", sent.getStatus(), org.springframework.web.util.HtmlUtils.htmlUnescape(
              String.valueOf(sent.getResponseBody()).replaceAll("(?s)<head>.*</head>", "").replaceAll("<[^>]+>", " ")
                  .replaceAll("\\s+", " ")))
          .endsWith("?received=1");
      var link = node2.client().get().uri("/learn/" + day10 + "/submission/1/files/1")
          .cookie(WebSession.COOKIE, s.sessionId()).exchange().expectStatus().isSeeOther().returnResult(Void.class);
      URI presigned = URI.create(String.valueOf(link.getResponseHeaders().getLocation()));
      assertThat(presigned.toString()).as("node 2 links to the shared store").startsWith(STORE.endpoint());
      assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(presigned).build(),
          HttpResponse.BodyHandlers.ofByteArray()).body()).isEqualTo(pdf);
      assertThat(STORE.puts("-submissions/").values()).as("the submission stored once").containsExactly(1);

      // Work falls due for every job at once. 1) An attempt its learner left open, ten minutes past its limit.
      long quizzer = accounts.create("gv.hainut.quiz", PW, Role.LEARNER);
      cohorts.enroll(day10, quizzer, "MAIN").block(Duration.ofSeconds(5));
      var content = courses.latestVersion(course).block(Duration.ofSeconds(5)).content();
      var started = quizzes.start(cohorts.enrollment(day10, quizzer).block(Duration.ofSeconds(5)), content, lecture,
          Instant.now().minus(Duration.ofMinutes(20))).block(Duration.ofSeconds(10));
      long attempt = ((Quizzes.Started.Ok) started).attempt().id();
      // 2) Day 13 of a class: each of its two learners is reminded to hand in, two days before the deadline.
      long day13 = open(by, course, "Lớp ngày 13", today.minusDays(12));
      for (String name : List.of("gv.nhac1", "gv.nhac2")) {
        long id = accounts.create(name, PW, Role.LEARNER);
        Sql.run(db, "UPDATE account SET email = $1 WHERE id = $2", name + "@truong.edu.vn", id);
        cohorts.enroll(day13, id, "MAIN").block(Duration.ofSeconds(5));
      }
      // 3) A class that ended: its completed learners' certificates numbered, their PDFs left to the resume job.
      long ended = open(by, course, "Lớp đã kết thúc", today.minusDays(30));
      for (int i = 0; i < CERTIFICATES; i++) {
        long id = accounts.create("gv.cn.hainut" + i, PW, Role.LEARNER);
        cohorts.enroll(ended, id, "MAIN").block(Duration.ofSeconds(5));
        Sql.run(db, "INSERT INTO enrollment_completion (enrollment_id, outcome, settled_at) VALUES ($1, 'COMPLETED', now())",
            cohorts.enrollment(ended, id).block(Duration.ofSeconds(5)).id());
      }
      assertThat(certificates.number(ended, Instant.now()).block(Duration.ofSeconds(10))).isEqualTo(CERTIFICATES);

      // Both nodes run every job each second; wait until all of it is done.
      waitUntil("the attempt closed", () -> one("SELECT count(*) FROM quiz_attempt WHERE id = " + attempt + " AND state = 'FINISHED'") == 1);
      waitUntil("two reminders mailed", () -> reminderMails().size() >= 2);
      waitUntil("every certificate stored", () -> one("SELECT count(*) FROM certificate WHERE object_key IS NULL") == 0);
      waitUntil("two reminder notices", () -> one("SELECT count(*) FROM notification WHERE kind = 'REMINDER'") >= 2);
      // A few more runs on each node find nothing left to do.
      Thread.sleep(5_000);

      assertThat(db.sql("SELECT closed_by || ' ' || CAST(finished_at = closes_at AS text) FROM quiz_attempt WHERE id = $1")
          .bind(0, attempt).map((r, m) -> r.get(0, String.class)).one().block(Duration.ofSeconds(5))).isEqualTo("TIME true");
      assertThat(closedInLogs(node1) + closedInLogs(node2)).as("attempts closed by the two nodes").isEqualTo(1);

      assertThat(reminderMails()).containsExactlyInAnyOrder("gv.nhac1@truong.edu.vn", "gv.nhac2@truong.edu.vn");
      assertThat(one("SELECT count(*) FROM reminder")).isEqualTo(2);
      assertThat(one("SELECT count(*) FROM notification WHERE kind = 'REMINDER'")).isEqualTo(2);

      var pdfs = STORE.puts("-certificates/");
      assertThat(pdfs).as("certificate PDFs stored, by key").hasSize(CERTIFICATES);
      assertThat(pdfs.values()).as("times each certificate PDF was rendered and stored").containsOnly(1);
    }
  }

  private long open(Caller by, long course, String name, LocalDate start) {
    return ((Cohorts.Opened.Ok) cohorts.open(by, course, name, start).block(Duration.ofSeconds(5))).cohortId();
  }

  private long one(String sql) {
    return db.sql(sql).map((r, m) -> ((Number) r.get(0)).longValue()).one().block(Duration.ofSeconds(5));
  }

  private static List<String> reminderMails() {
    return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> subject(m).equals("BDTX — nhắc việc"))
        .map(TwoNodesSharedStoreTest::recipient).toList();
  }

  private static String subject(MimeMessage m) {
    try {
      return String.valueOf(m.getSubject());
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String recipient(MimeMessage m) {
    try {
      return m.getAllRecipients()[0].toString();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final Pattern CLOSED = Pattern.compile("Quiz attempts closed at their time and graded: (\\d+)");

  /** Attempts the node's close job reports having closed (QuizCloseJob logs each run that closed any). */
  private static int closedInLogs(AppProcess node) throws IOException {
    Matcher m = CLOSED.matcher(Files.readString(node.log()));
    int closed = 0;
    while (m.find()) {
      closed += Integer.parseInt(m.group(1));
    }
    return closed;
  }

  private static void waitUntil(String what, BooleanSupplier done) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(until);
      Thread.sleep(250);
    }
  }
}
