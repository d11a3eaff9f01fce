package vn.bdtx.community.notices;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.BdtxApplication;
import vn.bdtx.assignments.Grades;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Sql;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Two application nodes on one database, both handling the notices' events and e-mail at the same time (one event
 * per claim, so they interleave): returns for revision and an announcement to a class reach each learner once, and
 * each notice is e-mailed once (a real SMTP server, GreenMail, counts them).
 */
@BdtxIntegrationTest
class NoticesOnTwoNodesTest {

  static final GreenMail SMTP = startSmtp();
  static final String PW = "hai may mot lan";
  static final int LEARNERS = 20;
  static ConfigurableApplicationContext secondNode;

  static GreenMail startSmtp() {
    var smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    return smtp;
  }

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    registry.add("bdtx.notices.job-enabled", () -> "false");
    registry.add("bdtx.notices.mail-enabled", () -> "false");
    registry.add("bdtx.notices.batch", () -> "1");
    registry.add("bdtx.reminders.enabled", () -> "false");
  }

  @AfterAll
  static void stop() {
    if (secondNode != null) {
      secondNode.close();
    }
    SMTP.stop();
  }

  @Autowired WebTestClient nodeOne;
  @Autowired Environment env;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired Cohorts cohorts;
  @Autowired Grades grades;
  @Autowired NoticeSources sources;
  @Autowired NoticeMails mails;

  private ConfigurableApplicationContext startSecondNode() {
    return new SpringApplicationBuilder(BdtxApplication.class).run(
        "--server.port=0",
        "--bdtx.db.host=" + env.getProperty("bdtx.db.host"),
        "--bdtx.db.port=" + env.getProperty("bdtx.db.port"),
        "--bdtx.db.user=" + env.getProperty("bdtx.db.user"),
        "--bdtx.db.password=" + env.getProperty("bdtx.db.password"),
        "--bdtx.db.name=" + env.getProperty("bdtx.db.name"),
        "--bdtx.redis.host=" + env.getProperty("bdtx.redis.host"),
        "--bdtx.redis.port=" + env.getProperty("bdtx.redis.port"),
        "--bdtx.redis.namespace=" + env.getProperty("bdtx.redis.namespace"),
        "--bdtx.storage.embedded.data-dir=" + env.getProperty("bdtx.storage.embedded.data-dir") + "-node2",
        "--bdtx.storage.bucket-prefix=" + env.getProperty("bdtx.storage.bucket-prefix"),
        "--spring.mail.port=" + SMTP.getSmtp().getPort(),
        "--bdtx.notices.job-enabled=false",
        "--bdtx.notices.mail-enabled=false",
        "--bdtx.notices.batch=1",
        "--bdtx.reminders.enabled=false");
  }

  @Test
  void eachPersonGetsEachNoticeOnceAndOneEmailWithBothNodesWorking() {
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.2nut", PW, Role.LECTURER);
    var by = new Caller(lecturer, "bcv.2nut", "BCV", false, Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = Sql.number(db, "SELECT id FROM course WHERE source_dir = 'gv-02-thcs'");
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp hai máy", LocalDate.now().minusDays(3))
        .block(Duration.ofSeconds(10))).cohortId();
    Sql.run(db, "UPDATE cohort SET lecturer_id = $1 WHERE id = $2", lecturer, cohort);
    var learners = new ArrayList<Long>();
    for (int i = 0; i < LEARNERS; i++) {
      long id = accounts.create("hv.2nut" + i, PW, Role.LEARNER);
      Sql.run(db, "UPDATE account SET email = $1 WHERE id = $2", "hv.2nut" + i + "@truong.edu.vn", id);
      learners.add(id);
      cohorts.enroll(cohort, id, "MAIN").block(Duration.ofSeconds(5));
      long enrollment = cohorts.enrollment(cohort, id).block(Duration.ofSeconds(5)).id();
      long submission = Sql.number(db, """
          INSERT INTO submission (enrollment_id, version, upload_key, submitted_at) VALUES ($1, 1, gen_random_uuid(), now())
          RETURNING id""", enrollment);
      grades.returnForRevision(by, enrollment, submission, "Bổ sung minh chứng", null, null, java.time.Instant.now())
          .block(Duration.ofSeconds(5));
    }
    var bcv = WebSession.loggedIn(nodeOne, "bcv.2nut", PW);
    bcv.get("/announcements");
    var posted = bcv.postForm("/announcements",
        WebSession.form("audience", "CLASS:" + cohort, "title", "Họp lớp trực tuyến", "body", "Tối nay 20 giờ"));
    assertThat(posted.getStatus().value()).isEqualTo(303);

    secondNode = startSecondNode();
    var otherSources = secondNode.getBean(NoticeSources.class);
    var otherMails = secondNode.getBean(NoticeMails.class);

    // Both nodes drain the events at once, then both send the e-mails at once.
    var handled = Flux.merge(sources.drain().subscribeOn(Schedulers.parallel()),
            otherSources.drain().subscribeOn(Schedulers.parallel()),
            sources.drain().subscribeOn(Schedulers.parallel()), otherSources.drain().subscribeOn(Schedulers.parallel()))
        .collectList().block(Duration.ofMinutes(2));
    assertThat(handled.stream().mapToInt(Integer::intValue).sum()).isEqualTo(LEARNERS + 1);
    var sent = Flux.merge(mails.sendDue().subscribeOn(Schedulers.parallel()), otherMails.sendDue().subscribeOn(Schedulers.parallel()),
            mails.sendDue().subscribeOn(Schedulers.parallel()), otherMails.sendDue().subscribeOn(Schedulers.parallel()))
        .collectList().block(Duration.ofMinutes(2));
    assertThat(sent.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2 * LEARNERS);
    // Nothing is left for a third round.
    assertThat(Mono.zip(sources.drain(), otherSources.drain(), mails.sendDue(), otherMails.sendDue())
        .map(t -> t.getT1() + t.getT2() + t.getT3() + t.getT4()).block(Duration.ofMinutes(1))).isZero();

    for (long learner : learners) {
      assertThat(Sql.number(db, "SELECT count(*) FROM notification WHERE account_id = $1 AND kind = 'RETURNED'", learner))
          .isEqualTo(1);
      assertThat(Sql.number(db, "SELECT count(*) FROM notification WHERE account_id = $1 AND kind = 'ANNOUNCEMENT'", learner))
          .isEqualTo(1);
    }
    Map<String, Long> mailsPerPerson = Arrays.stream(SMTP.getReceivedMessages()).collect(Collectors.groupingBy(m -> {
      try {
        return m.getAllRecipients()[0].toString();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, Collectors.counting()));
    assertThat(mailsPerPerson).hasSize(LEARNERS);
    assertThat(mailsPerPerson.values()).allMatch(n -> n == 2);
    assertThat(SMTP.getReceivedMessages()).hasSize(2 * LEARNERS);
    assertThat(List.of(Sql.number(db, "SELECT recipients FROM announcement WHERE title = 'Họp lớp trực tuyến'")))
        .containsExactly((long) LEARNERS);
  }
}
