package vn.bdtx.cohorts;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.accounts.People;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * The reminder job with several schedulers at once, as several app nodes would
 * run it: each reminder is recorded and e-mailed exactly once (a real SMTP
 * server, GreenMail, counts the e-mails), on the day the schedule says.
 */
@BdtxIntegrationTest
@Import(MovableClock.Config.class)
@DirtiesContext
class ReminderJobTest {

  static final GreenMail SMTP = startSmtp();
  static final String PW = "nhac viec dung mot lan";

  static GreenMail startSmtp() {
    var smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    return smtp;
  }

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    // The job is started by hand here, never by the timer.
    registry.add("bdtx.reminders.enabled", () -> "false");
  }

  @AfterAll
  static void stopSmtp() {
    SMTP.stop();
  }

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired TransactionalOperator tx;
  @Autowired JavaMailSender mail;
  @Autowired People people;
  @Autowired Cohorts cohorts;
  @Autowired MovableClock clock;
  @Autowired ReminderJob job;
  @Autowired vn.bdtx.platform.mail.MailTexts texts;
  @Autowired vn.bdtx.platform.events.Outbox outbox;
  @Autowired vn.bdtx.platform.jobs.Jobs jobs;
  @Autowired vn.bdtx.catalog.Courses courses;
  @Autowired org.springframework.context.MessageSource messages;

  private long courseId() {
    return db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get("id", Long.class))
        .one().block(Duration.ofSeconds(5));
  }

  /** Several schedulers started together, as on several nodes: the job's bean and copies of it. */
  private List<ReminderJob.Run> schedulersAt(String vietnamTime, int count) {
    clock.setVietnam(vietnamTime);
    var runs = Flux.range(0, count)
        .map(i -> i == 0 ? job : new ReminderJob(jobs, texts, messages, db, tx, mail, people, clock, outbox, courses, "BDTX <no-reply@bdtx.local>", true))
        .flatMap(j -> j.runOnce(clock.instant()).subscribeOn(Schedulers.parallel()))
        .collectList().block(Duration.ofSeconds(60));
    return runs;
  }

  private static int emailed(List<ReminderJob.Run> runs) {
    return runs.stream().mapToInt(ReminderJob.Run::emailed).sum();
  }

  @Test
  void eachReminderGoesOutOnceWhateverTheNumberOfSchedulers() throws Exception {
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.nhac", PW, Role.LECTURER);
    var by = new Caller(lecturer, "bcv.nhac", "bcv.nhac", false, Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    clock.setVietnam("2026-12-01T09:00:00");
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, courseId(), "Lớp nhắc việc", LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(10))).cohortId();
    for (String name : List.of("hv.a", "hv.b", "hv.c")) {
      long id = accounts.create(name, PW, Role.LEARNER);
      db.sql("UPDATE account SET email = :e WHERE id = :id").bind("e", name + "@truong.edu.vn").bind("id", id)
          .then().block(Duration.ofSeconds(5));
      cohorts.enroll(cohort, id, "MAIN").block(Duration.ofSeconds(5));
    }
    // hv.c confirmed the subject on day 1.
    db.sql("UPDATE enrollment SET registered_at = now() WHERE account_id = (SELECT id FROM account WHERE username = 'hv.c')")
        .then().block(Duration.ofSeconds(5));

    // Day 1: nothing is due.
    assertThat(emailed(schedulersAt("2026-12-07T09:00:00", 3))).isZero();
    assertThat(SMTP.getReceivedMessages()).isEmpty();

    // Day 2, the last day to register: hv.a and hv.b are reminded once, with five schedulers racing.
    var day2 = schedulersAt("2026-12-08T07:00:00", 5);
    assertThat(emailed(day2)).isEqualTo(2);
    assertThat(day2.stream().mapToInt(ReminderJob.Run::recorded).sum()).isEqualTo(2);
    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(Arrays.stream(received).map(m -> address(m))).containsExactlyInAnyOrder("hv.a@truong.edu.vn", "hv.b@truong.edu.vn");
    assertThat(received[0].getSubject()).isEqualTo("BDTX — nhắc việc");
    // Later the same day, and the day after: nothing is sent again.
    assertThat(emailed(schedulersAt("2026-12-08T21:00:00", 2))).isZero();
    assertThat(emailed(schedulersAt("2026-12-09T07:00:00", 2))).isZero();
    assertThat(SMTP.getReceivedMessages()).hasSize(2);

    // Two days before the deadline (day 13): every main enrollment is reminded to submit, once.
    assertThat(emailed(schedulersAt("2026-12-19T06:00:00", 4))).isEqualTo(3);
    assertThat(emailed(schedulersAt("2026-12-19T18:00:00", 4))).isZero();
    assertThat(SMTP.getReceivedMessages()).hasSize(5);
    assertThat(db.sql("SELECT count(*) FROM reminder r JOIN enrollment e ON e.id = r.enrollment_id WHERE e.cohort_id = :c")
        .bind("c", cohort).map((r, m) -> r.get(0, Long.class)).one().block()).isEqualTo(5);

    // The learner also finds them in the app.
    var hv = WebSession.loggedIn(web, "hv.a", PW);
    String home = HtmlUtils.htmlUnescape(hv.get("/learn").getResponseBody());
    assertThat(home).contains("Nhắc việc", "bài tập thực hành cuối khóa của lớp «Lớp nhắc việc»",
        "cần nộp trước 23:59 ngày 21/12/2026", "Hôm nay là hạn chót xác nhận môn chính của lớp «Lớp nhắc việc»");
  }

  /**
   * A reminder is stored as a message key with its arguments and read in the reader's language: a learner who chose
   * English in the app (the footer's link, remembered on the account) gets the e-mail, the home page's line and the
   * notice in English; a classmate who did not, in Vietnamese; a row recorded as a sentence before keys still shows.
   */
  @Test
  void aReminderReachesEachLearnerInTheLanguageTheyChose() throws Exception {
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.ngonngu", PW, Role.LECTURER);
    var by = new Caller(lecturer, "bcv.ngonngu", "bcv.ngonngu", false, Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    clock.setVietnam("2027-03-01T09:00:00");
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, courseId(), "Lớp song ngữ", LocalDate.of(2027, 3, 8))
        .block(Duration.ofSeconds(10))).cohortId();
    for (String name : List.of("hv.en", "hv.vi")) {
      long id = accounts.create(name, PW, Role.LEARNER);
      db.sql("UPDATE account SET email = :e WHERE id = :id").bind("e", name + "@truong.edu.vn").bind("id", id)
          .then().block(Duration.ofSeconds(5));
      cohorts.enroll(cohort, id, "MAIN").block(Duration.ofSeconds(5));
    }
    var english = WebSession.loggedIn(web, "hv.en", PW);
    english.get("/learn?lang=en");
    assertThat(db.sql("SELECT username, language FROM account WHERE username IN ('hv.en', 'hv.vi')")
        .map((r, m) -> r.get(0, String.class) + "=" + r.get(1, String.class)).all().collectList().block())
        .as("the choice is kept on the account, and only for whoever made it").containsExactlyInAnyOrder("hv.en=en", "hv.vi=vi");

    int before = SMTP.getReceivedMessages().length;
    assertThat(emailed(schedulersAt("2027-03-09T07:00:00", 2))).isEqualTo(2);
    var mails = Arrays.asList(SMTP.getReceivedMessages()).subList(before, before + 2);
    MimeMessage en = mails.stream().filter(m -> address(m).startsWith("hv.en")).findFirst().orElseThrow();
    MimeMessage vi = mails.stream().filter(m -> address(m).startsWith("hv.vi")).findFirst().orElseThrow();
    assertThat(en.getSubject()).isEqualTo("BDTX — reminder");
    assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(en).replace("=\r\n", ""))
        .contains("Today is the last day to confirm your main subject");
    assertThat(vi.getSubject()).isEqualTo("BDTX — nhắc việc");
    assertThat(db.sql("""
            SELECT r.message_key, r.args::text, r.message FROM reminder r JOIN enrollment e ON e.id = r.enrollment_id
            WHERE e.cohort_id = :c LIMIT 1""").bind("c", cohort)
        .map((r, m) -> r.get(0, String.class) + " " + r.get(1, String.class) + " " + r.get(2, String.class)).one().block())
        .as("stored as a key and its arguments, not as a sentence")
        .isEqualTo("cohorts.reminder.REGISTER_SUBJECT [\"Lớp song ngữ\", \"" + courseTitle() + "\", \"09/03/2027\"] null");

    String enHome = HtmlUtils.htmlUnescape(english.get("/learn?lang=en").getResponseBody());
    assertThat(enHome).contains("Today is the last day to confirm your main subject in the class «Lớp song ngữ»", "09/03/2027");
    // A reminder recorded as a sentence before keys were stored is shown as it was written.
    db.sql("""
            INSERT INTO reminder (kind, enrollment_id, occasion, message)
            SELECT 'OLD', id, DATE '2027-03-01', 'Lời nhắc cũ còn nguyên câu.' FROM enrollment
            WHERE account_id = (SELECT id FROM account WHERE username = 'hv.en')""").then().block(Duration.ofSeconds(5));
    assertThat(HtmlUtils.htmlUnescape(english.get("/learn?lang=en").getResponseBody())).contains("Lời nhắc cũ còn nguyên câu.");
    String viHome = HtmlUtils.htmlUnescape(WebSession.loggedIn(web, "hv.vi", PW).get("/learn").getResponseBody());
    assertThat(viHome).contains("Hôm nay là hạn chót xác nhận môn chính của lớp «Lớp song ngữ»");
  }

  private String courseTitle() {
    return db.sql("SELECT title FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, String.class))
        .one().block(Duration.ofSeconds(5));
  }

  private static String address(MimeMessage m) {
    try {
      return m.getAllRecipients()[0].toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aClassOfAThousandLearnersIsRemindedInOneRunWithoutStalling() {
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.lon", PW, Role.LECTURER);
    var by = new Caller(lecturer, "bcv.lon", "bcv.lon", false, Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    clock.setVietnam("2027-01-01T09:00:00");
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, courseId(), "Lớp đông", LocalDate.of(2027, 1, 11))
        .block(Duration.ofSeconds(10))).cohortId();
    // 1,000 learners without e-mail addresses (in-app reminders only), enrolled straight into the table.
    db.sql("""
            INSERT INTO account (username, full_name, password_hash, must_change_password)
            SELECT 'dong-' || i, 'Học viên ' || i, 'x', FALSE FROM generate_series(1, 1000) i""")
        .then().block(Duration.ofSeconds(30));
    db.sql("INSERT INTO enrollment (cohort_id, account_id, kind) SELECT :c, id, 'MAIN' FROM account WHERE username LIKE 'dong-%'")
        .bind("c", cohort).then().block(Duration.ofSeconds(30));
    // Day 2: more learners than a result's prefetch; reading them while writing on the same connection stalled for ever.
    var run = schedulersAt("2027-01-12T07:00:00", 1).get(0);
    assertThat(run.recorded()).isEqualTo(1000);
    assertThat(db.sql("SELECT count(*) FROM reminder r JOIN enrollment e ON e.id = r.enrollment_id WHERE e.cohort_id = :c")
        .bind("c", cohort).map((r, m) -> r.get(0, Long.class)).one().block()).isEqualTo(1000);
  }
}
