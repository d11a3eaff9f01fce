package vn.bdtx.community.notices;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Sql;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * A province-wide announcement to 20,000 people: posting it is one row (the request does not wait for the
 * recipients), the job writes one notice per person in batches, and a second fan-out adds nothing.
 */
@BdtxIntegrationTest
@TestPropertySource(properties = {"bdtx.notices.job-enabled=false", "bdtx.notices.mail-enabled=false",
    "bdtx.reminders.enabled=false"})
class AnnouncementFanOutTest {

  static final int PEOPLE = 20_000;

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired NoticeSources sources;

  @Test
  void aProvinceWideAnnouncementIsPostedAtOnceAndFannedOutOncePerPerson() {
    new TestAccounts(db, encoder).create("it.tb", "thong bao toan tinh", Role.IT_ADMIN);
    Sql.run(db, """
        INSERT INTO account (username, full_name, password_hash, must_change_password)
        SELECT 'gv.tt' || i, 'Giáo viên ' || i, 'x', FALSE FROM generate_series(1, $1) AS i""", PEOPLE);
    long everyone = Sql.number(db, "SELECT count(*) FROM account WHERE enabled") - 1;

    var it = WebSession.loggedIn(web, "it.tb", "thong bao toan tinh");
    it.get("/announcements");
    long started = System.nanoTime();
    var posted = it.postForm("/announcements",
        WebSession.form("audience", "PROVINCE", "title", "Bảo trì hệ thống", "body", "Tối thứ Bảy hệ thống tạm dừng."));
    double postSeconds = (System.nanoTime() - started) / 1e9;
    assertThat(posted.getStatus().value()).isEqualTo(303);
    assertThat(Sql.number(db, "SELECT count(*) FROM notification")).isZero();

    started = System.nanoTime();
    sources.drain().block(Duration.ofMinutes(5));
    double fanOutSeconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("Announcement to %d people: posted in %.2f s, fanned out in %.1f s%n", everyone, postSeconds,
        fanOutSeconds);
    assertThat(Sql.number(db, "SELECT count(*) FROM notification WHERE kind = 'ANNOUNCEMENT'")).isEqualTo(everyone);
    assertThat(Sql.number(db, "SELECT count(DISTINCT account_id) FROM notification")).isEqualTo(everyone);

    long id = Sql.number(db, "SELECT id FROM announcement");
    sources.fanOut(id, java.time.Instant.now()).block(Duration.ofMinutes(5));
    assertThat(Sql.number(db, "SELECT count(*) FROM notification")).isEqualTo(everyone);
    assertThat(it.get("/announcements").getResponseBody()).contains("đã chuyển đến " + String.format("%,d", everyone).replace(',', '.') + " người");
  }
}
