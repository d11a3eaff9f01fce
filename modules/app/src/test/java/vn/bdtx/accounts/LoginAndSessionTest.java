package vn.bdtx.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;
import static vn.bdtx.support.WebSession.redirectsTo;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

@BdtxIntegrationTest
class LoginAndSessionTest {

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MeterRegistry meters;
  @Autowired ReactiveStringRedisTemplate redis;
  @Value("${bdtx.redis.namespace}") String namespace;

  TestAccounts accounts;
  static int counter;

  @BeforeEach
  void setUp() {
    accounts = new TestAccounts(db, encoder);
  }

  private String newUser() {
    return "gv" + System.nanoTime() % 1_000_000_000L + "_" + (counter++);
  }

  @Test
  void anonymousVisitorIsSentToTheLoginPage() {
    var result = WebSession.anonymous(web).get("/");
    assertThat(redirectsTo(result, "/login")).isTrue();
  }

  @Test
  void aTeacherLogsInAndSeesTheVietnameseDashboard() {
    String user = newUser();
    accounts.create(user, "hoa sen trong dam", Role.LEARNER);
    var session = WebSession.loggedIn(web, user, "hoa sen trong dam");
    var page = session.get("/");
    assertThat(page.getStatus().value()).isEqualTo(200);
    assertThat(page.getResponseBody()).contains("Trang chủ", "Xin chào, Nguyễn Văn " + user, "Học viên");
  }

  @Test
  void anUnknownUserAndAWrongPasswordLookTheSame() {
    String user = newUser();
    accounts.create(user, "hoa sen trong dam", Role.LEARNER);
    var wrongPassword = WebSession.anonymous(web).postForm("/login", form("username", user, "password", "sai mat khau roi"));
    var unknownUser = WebSession.anonymous(web).postForm("/login", form("username", "khong-ton-tai", "password", "sai mat khau roi"));
    assertThat(redirectsTo(wrongPassword, "/login?error")).isTrue();
    assertThat(redirectsTo(unknownUser, "/login?error")).isTrue();
    var page = WebSession.anonymous(web).get("/login?error");
    assertThat(page.getResponseBody()).contains("Tên đăng nhập hoặc mật khẩu không đúng");
  }

  @Test
  void countsEveryLoginOutcome() {
    String user = newUser();
    accounts.create(user, "hoa sen trong dam", Role.LEARNER);
    double failuresBefore = count("bad_credentials");
    double successesBefore = count("success");
    WebSession.anonymous(web).postForm("/login", form("username", user, "password", "sai mat khau roi"));
    WebSession.loggedIn(web, user, "hoa sen trong dam");
    assertThat(count("bad_credentials")).isEqualTo(failuresBefore + 1);
    assertThat(count("success")).isEqualTo(successesBefore + 1);
    String scrape = web.get().uri("/actuator/prometheus").exchange()
        .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    assertThat(scrape).contains("bdtx_logins_total{", "outcome=\"success\"", "outcome=\"bad_credentials\"",
        "http_server_requests_seconds_count{");
  }

  @Test
  void theSessionIdChangesAtLoginAndTheSessionLivesInRedis() {
    String user = newUser();
    accounts.create(user, "hoa sen trong dam", Role.LEARNER);
    var session = WebSession.anonymous(web);
    String before = session.sessionId();
    session.postForm("/login", form("username", user, "password", "hoa sen trong dam"));
    assertThat(session.sessionId()).isNotNull().isNotEqualTo(before);
    Long keys = redis.keys(namespace + ":sessions:sessions:" + session.sessionId()).count().block(Duration.ofSeconds(5));
    assertThat(keys).isEqualTo(1L);
  }

  @Test
  void aLoggedOutSessionCookieReplayedGetsTheLoginPage() {
    String user = newUser();
    accounts.create(user, "hoa sen trong dam", Role.LEARNER);
    var session = WebSession.loggedIn(web, user, "hoa sen trong dam");
    String cookie = session.sessionId();
    session.get("/");
    assertThat(redirectsTo(session.postForm("/logout", form()), "/login?logout")).isTrue();
    var replay = web.get().uri("/").cookie(WebSession.COOKIE, cookie).exchange();
    replay.expectStatus().is3xxRedirection().expectHeader().location("/login");
  }

  @Test
  void logoutWithoutACsrfTokenIsRefusedAndTheSessionStays() {
    String user = newUser();
    accounts.create(user, "hoa sen trong dam", Role.LEARNER);
    var session = WebSession.loggedIn(web, user, "hoa sen trong dam");
    assertThat(session.postRaw("/logout", form()).getStatus().value()).isEqualTo(403);
    assertThat(session.get("/").getStatus().value()).isEqualTo(200);
  }

  private double count(String outcome) {
    var counter = meters.find("bdtx.logins").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }
}
