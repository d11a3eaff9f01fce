package vn.bdtx.community.notices;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.assignments.Grades;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.cohorts.ReminderJob;
import vn.bdtx.completion.Certificates;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.assignments.Marking;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.SharedMail;
import vn.bdtx.support.SharedMailContext;
import vn.bdtx.support.Sql;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * The notification centre end to end: each source (a return for revision, a grade, a certificate, a reminder, an
 * announcement) becomes one notice however often its event is handled; the header counts the unread ones; opening
 * marks read; the kinds that matter are e-mailed once (a real SMTP server, GreenMail), not when turned off; and
 * announcements reach exactly their scope, refused outside the sender's.
 */
@BdtxIntegrationTest
@SharedMailContext
class NoticesTest {

  // The jobs are driven by hand here, never by their timers (SharedMailContext turns them off).
  static final String PW = "thong bao mot lan";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired Cohorts cohorts;
  @Autowired Grades grades;
  @Autowired Certificates certificates;
  @Autowired ReminderJob reminders;
  @Autowired NoticeSources sources;
  @Autowired NoticeMails mails;
  @Autowired MovableClock clock;

  private TestAccounts accounts() {
    return new TestAccounts(db, encoder);
  }

  private long person(String name, Role role) {
    long id = accounts().create(name, PW, role);
    Sql.run(db, "UPDATE account SET email = $1 WHERE id = $2", name + "@truong.edu.vn", id);
    return id;
  }

  private Caller caller(long id, String name, Role role) {
    return new Caller(id, name, name, false, Set.of(new Caller.Grant(role, ScopeType.PROVINCE, null)));
  }

  private long cohort(long lecturer, String lecturerName, String name, LocalDate start) {
    long course = Sql.number(db, "SELECT id FROM course WHERE source_dir = 'gv-02-thcs'");
    long id = ((Cohorts.Opened.Ok) cohorts.open(caller(lecturer, lecturerName, Role.LECTURER), course, name, start)
        .block(Duration.ofSeconds(10))).cohortId();
    // The class's lecturer, as a run's import assigns it.
    Sql.run(db, "UPDATE cohort SET lecturer_id = $1 WHERE id = $2", lecturer, id);
    return id;
  }

  private long enroll(long cohort, long account) {
    cohorts.enroll(cohort, account, "MAIN").block(Duration.ofSeconds(5));
    return cohorts.enrollment(cohort, account).block(Duration.ofSeconds(5)).id();
  }

  private long count(String sql, Object... binds) {
    return Sql.number(db, sql, binds);
  }

  private List<String> mailsTo(String address) {
    return SharedMail.to(address).stream().map(NoticesTest::subject).toList();
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void handleEvents() {
    sources.drain().block(Duration.ofSeconds(60));
    sources.drain().block(Duration.ofSeconds(60));
    mails.sendDue().block(Duration.ofSeconds(60));
  }

  @Test
  void aReturnAndAGradeBecomeOneNoticeEachTheHeaderCountsThemAndOpeningMarksRead() {
    clock.setVietnam("2026-12-10T09:00:00");
    long lecturer = person("bcv.tb", Role.LECTURER);
    long learner = person("hv.tb", Role.LEARNER);
    person("hv.khac", Role.LEARNER);
    long cohort = cohort(lecturer, "bcv.tb", "Lớp <b>thông báo</b>", LocalDate.of(2026, 12, 7));
    long enrollment = enroll(cohort, learner);
    long submission = count("""
        INSERT INTO submission (enrollment_id, version, upload_key, submitted_at) VALUES ($1, 1, gen_random_uuid(), now())
        RETURNING id""", enrollment);
    var by = caller(lecturer, "bcv.tb", Role.LECTURER);
    grades.returnForRevision(by, enrollment, submission, "Sửa phần 2", null, null, clock.instant()).block(Duration.ofSeconds(5));
    handleEvents();
    handleEvents();
    assertThat(count("SELECT count(*) FROM notification WHERE account_id = $1 AND kind = 'RETURNED'", learner)).isEqualTo(1);
    assertThat(mailsTo("hv.tb@truong.edu.vn")).containsExactly("BDTX — Bài tập được trả lại để sửa");

    clock.setVietnam("2026-12-11T09:00:00");
    grades.grade(by, enrollment, submission, new Marking.Marked(List.of(new BigDecimal("8.5")), new BigDecimal("8.5")), "Tốt",
        null, null, clock.instant()).block(Duration.ofSeconds(5));
    handleEvents();
    assertThat(count("SELECT count(*) FROM notification WHERE account_id = $1", learner)).isEqualTo(2);
    // Grades stay in the app: still the one e-mail.
    assertThat(mailsTo("hv.tb@truong.edu.vn")).hasSize(1);

    var hv = WebSession.loggedIn(web, "hv.tb", PW);
    String page = hv.get("/notifications").getResponseBody();
    assertThat(page).contains("Thông báo (2 chưa đọc)", "đã được chấm: 8,5 điểm", "được trả lại để sửa",
        "Lớp &lt;b&gt;thông báo&lt;/b&gt;").doesNotContain("<b>thông báo</b>");
    // The count is in the header of every page.
    assertThat(hv.get("/catalogue").getResponseBody()).contains("Thông báo (2 chưa đọc)");

    long newest = count("SELECT max(id) FROM notification WHERE account_id = $1", learner);
    var opened = hv.get("/notifications/" + newest);
    assertThat(opened.getStatus().is3xxRedirection()).isTrue();
    assertThat(String.valueOf(opened.getResponseHeaders().getLocation())).isEqualTo("/learn/" + cohort + "/submission");
    assertThat(hv.get("/catalogue").getResponseBody()).contains("Thông báo (1 chưa đọc)");
    // Nobody opens another's notice.
    assertThat(WebSession.loggedIn(web, "hv.khac", PW).get("/notifications/" + newest).getStatus().value()).isEqualTo(404);

    hv.get("/notifications");
    hv.postForm("/notifications/read", WebSession.form());
    assertThat(hv.get("/catalogue").getResponseBody()).doesNotContain("chưa đọc").contains("id=\"unread-notices\"");
  }

  @Test
  void aCertificateIsNotifiedAndEmailedUnlessThePersonTurnedCertificateMailOff() {
    clock.setVietnam("2026-12-22T09:00:00");
    long lecturer = person("bcv.gcn", Role.LECTURER);
    long wants = person("hv.gcn1", Role.LEARNER);
    long quiet = person("hv.gcn2", Role.LEARNER);
    long cohort = cohort(lecturer, "bcv.gcn", "Lớp giấy chứng nhận", LocalDate.of(2026, 12, 7));
    for (long account : List.of(wants, quiet)) {
      Sql.run(db, "INSERT INTO enrollment_completion (enrollment_id, outcome, settled_at) VALUES ($1, 'COMPLETED', now())",
          enroll(cohort, account));
    }
    // hv.gcn2 keeps every e-mail but certificates.
    var q = WebSession.loggedIn(web, "hv.gcn2", PW);
    assertThat(q.get("/notifications/settings").getResponseBody()).contains("Giấy chứng nhận");
    q.postForm("/notifications/settings", WebSession.form("mail", "ANSWER", "mail", "RETURNED", "mail", "ANNOUNCEMENT"));
    assertThat(q.get("/notifications/settings?saved").getResponseBody()).contains("Đã lưu cài đặt.");

    certificates.number(cohort, clock.instant()).block(Duration.ofSeconds(10));
    handleEvents();
    assertThat(count("SELECT count(*) FROM notification WHERE account_id = $1 AND kind = 'CERTIFICATE'", wants)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM notification WHERE account_id = $1 AND kind = 'CERTIFICATE'", quiet)).isEqualTo(1);
    assertThat(mailsTo("hv.gcn1@truong.edu.vn")).containsExactly("BDTX — Giấy chứng nhận");
    assertThat(mailsTo("hv.gcn2@truong.edu.vn")).isEmpty();
    assertThat(count("SELECT count(*) FROM notification WHERE account_id = $1 AND mail_state = 'OFF'", quiet)).isEqualTo(1);
    assertThat(q.get("/notifications").getResponseBody()).contains("đã được cấp giấy chứng nhận mô đun GV-02");
  }

  @Test
  void aOneClickReminderIsShownOnceAndNotEmailedAgainByTheCentre() {
    clock.setVietnam("2026-12-09T09:00:00");
    long lecturer = person("bcv.nv", Role.LECTURER);
    long learner = person("hv.nv", Role.LEARNER);
    long cohort = cohort(lecturer, "bcv.nv", "Lớp nhắc việc", LocalDate.of(2026, 12, 7));
    long enrollment = enroll(cohort, learner);
    reminders.remindBehind(Map.of(enrollment, ReminderJob.Behind.NOT_STARTED), clock.instant()).block(Duration.ofSeconds(5));
    reminders.remindBehind(Map.of(enrollment, ReminderJob.Behind.NOT_STARTED), clock.instant()).block(Duration.ofSeconds(5));
    handleEvents();
    assertThat(count("SELECT count(*) FROM notification WHERE account_id = $1 AND kind = 'REMINDER'", learner)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM notification WHERE account_id = $1 AND mail_state IS NOT NULL", learner)).isZero();
    assertThat(mailsTo("hv.nv@truong.edu.vn")).isEmpty();
    assertThat(WebSession.loggedIn(web, "hv.nv", PW).get("/notifications").getResponseBody())
        .contains("mà thầy/cô chưa bắt đầu học");
  }

  private long unit(String kind, String code, long parent) {
    return count("INSERT INTO org_unit (kind, code, name, parent_id) VALUES ($1, $2, $3, $4) RETURNING id", kind, code,
        "Đơn vị " + code, parent);
  }

  private long placed(String name, long school) {
    long id = person(name, Role.LEARNER);
    Sql.run(db, "UPDATE account SET school_id = $1 WHERE id = $2", school, id);
    return id;
  }

  private long official(String name, Role role, ScopeType type, long scope) {
    long id = accounts().create(name, PW);
    Sql.run(db, "INSERT INTO role_grant (account_id, role, scope_type, scope_id) VALUES ($1, $2, $3, $4)", id, role.name(),
        type.name(), scope);
    return id;
  }

  private long received(long account) {
    return count("SELECT count(*) FROM notification WHERE account_id = $1 AND kind = 'ANNOUNCEMENT'", account);
  }

  private String announce(WebSession s, String audience, String title) {
    s.get("/announcements");
    var r = s.postForm("/announcements", WebSession.form("audience", audience, "title", title, "body", "Nội dung <i>mới</i>"));
    return r.getStatus().value() + " " + r.getResponseHeaders().getLocation();
  }

  @Test
  void announcementsReachExactlyTheirScopeAndAreRefusedOutsideTheSenders() {
    clock.setVietnam("2026-12-09T09:00:00");
    long d1 = count("INSERT INTO org_unit (kind, code, name) VALUES ('DISTRICT_OFFICE', 'TB-PGD1', 'Phòng Một') RETURNING id");
    long d2 = count("INSERT INTO org_unit (kind, code, name) VALUES ('DISTRICT_OFFICE', 'TB-PGD2', 'Phòng Hai') RETURNING id");
    long s1 = unit("SCHOOL", "TB-T1", d1);
    long s2 = unit("SCHOOL", "TB-T2", d1);
    long s3 = unit("SCHOOL", "TB-T3", d2);
    long a = placed("tb.a", s1);
    long b = placed("tb.b", s2);
    long c = placed("tb.c", s3);
    official("tb.ht1", Role.PRINCIPAL, ScopeType.SCHOOL, s1);
    official("tb.pgd1", Role.DISTRICT_OFFICER, ScopeType.DISTRICT, d1);
    long lecturer = person("tb.bcv", Role.LECTURER);
    long other = person("tb.bcv2", Role.LECTURER);
    person("tb.so", Role.SUPERVISOR);
    long cohort = cohort(lecturer, "tb.bcv", "Lớp thông báo chung", LocalDate.of(2026, 12, 7));
    long foreign = cohort(other, "tb.bcv2", "Lớp khác", LocalDate.of(2026, 12, 7));
    enroll(cohort, a);
    enroll(foreign, c);
    long run = count("INSERT INTO module_run (module_code, name) VALUES ('GV-02', 'Đợt thông báo') RETURNING id");
    Sql.run(db, "UPDATE cohort SET run_id = $1 WHERE id = $2", run, foreign);

    var principal = WebSession.loggedIn(web, "tb.ht1", PW);
    String posted = announce(principal, "SCHOOL:" + s1, "Trường họp");
    assertThat(posted).startsWith("303 /announcements/");
    // The sender by name, from accounts (not joined in the announcement's own query).
    assertThat(principal.get(posted.substring(4)).getResponseBody()).contains("Nguyễn Văn tb.ht1");
    assertThat(announce(principal, "SCHOOL:" + s2, "Không được")).startsWith("403");
    var officer = WebSession.loggedIn(web, "tb.pgd1", PW);
    assertThat(announce(officer, "DISTRICT:" + d1, "Phòng họp")).startsWith("303");
    assertThat(announce(officer, "SCHOOL:" + s3, "Không được")).startsWith("403");
    assertThat(announce(officer, "DISTRICT:" + d2, "Không được")).startsWith("403");
    var bcv = WebSession.loggedIn(web, "tb.bcv", PW);
    assertThat(announce(bcv, "CLASS:" + cohort, "Lớp họp")).startsWith("303");
    assertThat(announce(bcv, "CLASS:" + foreign, "Không được")).startsWith("403");
    assertThat(announce(bcv, "PROVINCE", "Không được")).startsWith("403");
    var so = WebSession.loggedIn(web, "tb.so", PW);
    // The supervisor's form offers the run's classes one by one, not only the run, and every school.
    assertThat(so.get("/announcements").getResponseBody()).contains("value=\"CLASS:" + foreign + "\"",
        "value=\"SCHOOL:" + s1 + "\"", "value=\"SCHOOL:" + s3 + "\"");
    assertThat(announce(so, "RUN:" + run, "Đợt họp")).startsWith("303");
    // Only the four allowed were made (this class's senders' announcements: the application is shared).
    assertThat(count("SELECT count(*) FROM announcement a JOIN account s ON s.id = a.sender_id WHERE s.username LIKE 'tb.%'"))
        .isEqualTo(4);

    handleEvents();
    // a: school 1, district 1, the class; b: district 1; c: the run (through the other class).
    assertThat(received(a)).isEqualTo(3);
    assertThat(received(b)).isEqualTo(1);
    assertThat(received(c)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM notification WHERE account_id = $1 AND kind = 'ANNOUNCEMENT'", lecturer)).isZero();
    // A second fan-out of the same announcement adds nothing.
    long id = count("SELECT id FROM announcement WHERE title = 'Lớp họp'");
    sources.fanOut(id, clock.instant()).block(Duration.ofSeconds(10));
    assertThat(received(a)).isEqualTo(3);
    assertThat(mailsTo("tb.a@truong.edu.vn")).hasSize(3);

    var hv = WebSession.loggedIn(web, "tb.a", PW);
    assertThat(hv.get("/announcements/" + id).getResponseBody()).contains("Nội dung &lt;i&gt;mới&lt;/i&gt;");
    assertThat(hv.get("/announcements").getResponseBody()).contains("Lớp họp", "Phòng họp", "Trường họp");
    assertThat(WebSession.loggedIn(web, "tb.c", PW).get("/announcements/" + id).getStatus().value()).isEqualTo(404);
    assertThat(bcv.get("/announcements").getResponseBody()).contains("đã chuyển đến 1 người");
  }
}
