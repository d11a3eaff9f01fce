package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;

import java.io.IOException;
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
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.TrippingProxy;
import vn.bdtx.support.Uploads;
import vn.bdtx.support.WebSession;

/**
 * Issue 18 item 5: Redis fails at the very moment the session is saved, at the end of a request whose work is done
 * (the proxy in front of Redis cuts itself when it sees the session's save). The upload was stored; the learner
 * used to get a bare 500, reload and upload again. Now the answer says in Vietnamese what was saved, and sending
 * the same form again finds the version instead of making a second one. Any state-changing form does the same.
 * Every request here writes the session's last-access time (touch interval 0), as the first request after a quiet
 * minute does in production (issue 19: a request that changes nothing else writes the session at most once a
 * minute; SessionStorageTest).
 */
@BdtxIntegrationTest
@Import(MovableClock.Config.class)
@DirtiesContext
@org.springframework.test.context.TestPropertySource(properties = "bdtx.session.touch-interval=0s")
class SessionSaveFailureTest {

  static final String PW = "luu phien that bai";
  static final TrippingProxy REDIS = TrippingProxy.inFrontOfRedis();

  @DynamicPropertySource
  static void redisThroughTheProxy(DynamicPropertyRegistry registry) {
    registry.add("bdtx.redis.host", () -> "127.0.0.1");
    registry.add("bdtx.redis.port", REDIS::port);
    registry.add("spring.data.redis.timeout", () -> "2s");
  }

  @AfterAll
  static void stopProxy() throws IOException {
    REDIS.close();
  }

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Cohorts cohorts;

  static int n;
  String learner;
  long enrollment;
  String base;

  @BeforeEach
  void aLearnerInTheirCohort() {
    n++;
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.phien" + n, PW, Role.LECTURER);
    learner = "gv.phien" + n;
    long account = accounts.create(learner, PW, Role.LEARNER);
    var by = new Caller(lecturer, "bcv", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, Long.class)).one()
        .block(Duration.ofSeconds(5));
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp phiên " + n, java.time.LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    cohorts.enroll(cohort, account, "MAIN").block(Duration.ofSeconds(5));
    enrollment = cohorts.enrollment(cohort, account).block(Duration.ofSeconds(5)).id();
    base = "/learn/" + cohort;
    clock.setVietnam("2026-12-16T21:00:00");
  }

  @AfterEach
  void redisBack() throws Exception {
    REDIS.restore();
    waitForRedis();
  }

  /** Arms the proxy to cut at this session's save (Spring Session writes the session hash with HSET/HMSET). */
  private static void breakRedisAtTheSaveOf(WebSession s) {
    REDIS.armOn(chunk -> (chunk.contains("\r\nHMSET\r\n") || chunk.contains("\r\nHSET\r\n")) && chunk.contains(s.sessionId()));
  }

  private void waitForRedis() throws InterruptedException {
    for (int i = 0; i < 40; i++) {
      var r = web.get().uri("/login").exchange().expectBody(String.class).returnResult();
      if (r.getStatus().value() == 200) {
        return;
      }
      Thread.sleep(250);
    }
  }

  private static String text(EntityExchangeResult<String> r) {
    return HtmlUtils.htmlUnescape(r.getResponseBody() == null ? "" : r.getResponseBody());
  }

  private long versions() {
    return db.sql("SELECT count(*) FROM submission WHERE enrollment_id = :e").bind("e", enrollment)
        .map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5));
  }

  @Test
  void anUploadWhoseSessionSaveFailsSaysWhatWasSavedAndTheSameFormAgainMakesNoSecondVersion() throws Exception {
    var s = WebSession.loggedIn(web, learner, PW);
    s.get(base + "/submission");
    String key = UUID.randomUUID().toString();
    byte[] pdf = SampleFiles.pdf("Bai thu hoach");
    var files = List.of(Map.entry("Bài thu hoạch.pdf", pdf));

    breakRedisAtTheSaveOf(s);
    var answer = Uploads.files(web, s, base + "/submission", Map.of("key", key), "files", files);

    assertThat(REDIS.tripped()).as("Redis broke at the session's save").isTrue();
    assertThat(versions()).as("the upload was stored").isEqualTo(1);
    assertThat(answer.getStatus().value()).as("not a bare 500").isEqualTo(200);
    String page = text(answer);
    assertThat(page).contains("Đã lưu xong", "Yêu cầu của bạn đã được thực hiện và lưu lại; không cần gửi lại.",
            "Đã lưu: lần nộp 1 lúc 21:00:00 16/12/2026, 1 tệp: Bài thu hoạch.pdf (SHA-256 " + SampleFiles.sha256(pdf) + ")",
            "href=\"" + base + "/submission?received=1\"", "Mã tham chiếu")
        .doesNotContain("Exception", "Internal Server Error");
    assertThat(answer.getResponseHeaders().getLocation()).isNull();

    REDIS.restore();
    waitForRedis();
    var again = Uploads.files(web, s, base + "/submission", Map.of("key", key), "files", files);
    assertThat(String.valueOf(again.getResponseHeaders().getLocation())).endsWith("?received=1");
    assertThat(versions()).as("the same form again makes no second version").isEqualTo(1);
  }

  @Test
  void otherFormsWhoseSessionSaveFailsAnswerAVietnamesePageNeverABare500() throws Exception {
    var s = WebSession.loggedIn(web, learner, PW);
    s.get("/account/profile");
    breakRedisAtTheSaveOf(s);
    var profile = s.postForm("/account/profile", form("dateOfBirth", "", "level", "", "phone", "0912345678"));
    assertThat(REDIS.tripped()).isTrue();
    assertThat(profile.getStatus().value()).isEqualTo(200);
    assertThat(text(profile)).contains("Đã lưu xong", "không cần gửi lại", "href=\"/account/profile?saved\"")
        .doesNotContain("Exception");
    assertThat(db.sql("SELECT phone FROM account WHERE username = :u").bind("u", learner)
        .map((r, m) -> r.get(0, String.class)).one().block(Duration.ofSeconds(5))).isEqualTo("0912345678");
    redisBack();

    s.get("/notifications/settings");
    breakRedisAtTheSaveOf(s);
    var settings = s.postForm("/notifications/settings", form());
    assertThat(REDIS.tripped()).isTrue();
    assertThat(settings.getStatus().value()).isEqualTo(200);
    assertThat(text(settings)).contains("Đã lưu xong", "href=\"/notifications/settings?saved\"");
    redisBack();

    // A refused form changed nothing: when its session save fails it answers the Vietnamese "try again", not a 500.
    s.get("/account/profile");
    breakRedisAtTheSaveOf(s);
    var refused = s.postForm("/account/profile", form("dateOfBirth", "31/02/1985", "level", "", "phone", "0912345678"));
    assertThat(REDIS.tripped()).isTrue();
    assertThat(refused.getStatus().value()).isIn(422, 400, 503);
    assertThat(text(refused)).doesNotContain("Đã lưu xong", "Exception");
    assertThat(refused.getResponseBody()).isNotBlank();
    redisBack();

    // A page read whose session save would only have refreshed its idle time is shown as it is.
    breakRedisAtTheSaveOf(s);
    var read = s.get("/account/profile");
    assertThat(REDIS.tripped()).isTrue();
    assertThat(read.getStatus().value()).isEqualTo(200);
    assertThat(text(read)).contains("0912345678");
    redisBack();

    // A login whose new session cannot be stored (Redis fails as it renames the session) signed nobody in:
    // the Vietnamese "try again", not a bare 500.
    var visitor = WebSession.anonymous(web);
    String before = visitor.sessionId();
    REDIS.armOn(chunk -> chunk.contains("\r\nRENAME\r\n") && chunk.contains(before));
    var login = visitor.postForm("/login", form("username", learner, "password", PW));
    assertThat(REDIS.tripped()).isTrue();
    assertThat(login.getStatus().value()).isEqualTo(503);
    assertThat(text(login)).contains("Vui lòng thử lại sau ít phút").doesNotContain("Đã lưu xong");
  }
}
