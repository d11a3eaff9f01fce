package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

@BdtxIntegrationTest
class HealthAndPagesTest {

  @Autowired WebTestClient web;
  @LocalServerPort int port;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  static boolean created;

  @BeforeEach
  void aLearner() {
    if (!created) {
      new TestAccounts(db, encoder).create("hocvien1", "tre em nhu bup tren canh", Role.LEARNER);
      created = true;
    }
  }

  @Test
  void healthShowsPostgresqlRedisAndTheObjectStoreEachUp() {
    String health = web.get().uri("/actuator/health").exchange().expectBody(String.class).returnResult().getResponseBody();
    assertThat(health).as("health").contains("\"status\":\"UP\"");
    web.get().uri("/actuator/health").exchange()
        .expectStatus().isOk()
        .expectBody()
        .jsonPath("$.status").isEqualTo("UP")
        .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
        .jsonPath("$.components.redis.status").isEqualTo("UP")
        .jsonPath("$.components.objectStore.status").isEqualTo("UP");
  }

  @Test
  void otherActuatorEndpointsAreNotOpenToEveryone() {
    web.get().uri("/actuator/env").exchange().expectStatus().is3xxRedirection();
  }

  @Test
  void pagesAreVietnameseByDefaultEvenForAnEnglishBrowser() {
    String page = web.get().uri("/login").header("Accept-Language", "en-US,en;q=0.9").exchange()
        .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    assertThat(page).contains("<html lang=\"vi\"", "<h1>Đăng nhập</h1>");
  }

  @Test
  void messagesForOtherOccasionsStayHiddenOnAPlainVisit() {
    String page = web.get().uri("/login").exchange().expectBody(String.class).returnResult().getResponseBody();
    assertThat(page).doesNotContain("alert", "không đúng", "đã đăng xuất", "tạm thời bị chặn", "hết hạn");
    String failed = web.get().uri("/login?error").exchange().expectBody(String.class).returnResult().getResponseBody();
    assertThat(failed).contains("Tên đăng nhập hoặc mật khẩu không đúng").doesNotContain("đã đăng xuất", "hết hạn");
  }

  @Test
  void aFailedLoginShowsTheNameAgainSoOnlyThePasswordIsRetyped() {
    var visitor = vn.bdtx.support.WebSession.anonymous(web);
    String fresh = visitor.get("/login").getResponseBody();
    assertThat(fresh).contains("id=\"username\"").doesNotContain("value=\"hocvien1\"");
    var failed = visitor.followWaitingPage(visitor.postForm("/login",
        vn.bdtx.support.WebSession.form("username", " hocvien1 ", "password", "sai mat khau roi")));
    assertThat(String.valueOf(failed.getResponseHeaders().getLocation())).isEqualTo("/login?error");
    String again = visitor.get("/login?error").getResponseBody();
    assertThat(again).contains("Tên đăng nhập hoặc mật khẩu không đúng", "value=\"hocvien1\"")
        .doesNotContain("sai mat khau roi");
    // The password field takes the cursor; another browser sees nothing of it.
    assertThat(again.substring(again.indexOf("id=\"password\""))).contains("autofocus");
    assertThat(vn.bdtx.support.WebSession.anonymous(web).get("/login?error").getResponseBody()).doesNotContain("hocvien1");
  }

  @Test
  void englishOnRequestIsRememberedInACookie() {
    var first = web.get().uri("/login?lang=en").exchange().expectStatus().isOk()
        .expectCookie().exists("bdtx_lang")
        .expectBody(String.class).returnResult();
    assertThat(first.getResponseBody()).contains("<html lang=\"en\"", "<h1>Log in</h1>");
    String next = web.get().uri("/login").cookie("bdtx_lang", "en").exchange()
        .expectBody(String.class).returnResult().getResponseBody();
    assertThat(next).contains("<h1>Log in</h1>");
  }

  @Test
  void anUnknownPageGivesAVietnamesePageWithAReferenceAndNoStackTrace() {
    var session = WebSession.loggedIn(web, "hocvien1", "tre em nhu bup tren canh");
    var result = session.get("/khong/co/trang/nay");
    assertThat(result.getStatus().value()).isEqualTo(404);
    assertThat(result.getResponseBody())
        .contains("Không tìm thấy trang hoặc dữ liệu bạn yêu cầu.", "Mã tham chiếu khi liên hệ hỗ trợ:")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void pagesCarrySecurityHeaders() {
    web.get().uri("/login").accept(MediaType.TEXT_HTML).exchange()
        .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
        .expectHeader().valueEquals("X-Frame-Options", "DENY")
        .expectHeader().exists("Content-Security-Policy");
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteLax() {
    web.get().uri("/login").exchange()
        .expectCookie().httpOnly(WebSession.COOKIE, true)
        .expectCookie().sameSite(WebSession.COOKIE, "Lax");
  }

  @Test
  void everyFormOnTheLoginPageCarriesACsrfToken() {
    String page = web.get().uri("/login").exchange().expectBody(String.class).returnResult().getResponseBody();
    assertThat(page).contains("name=\"_csrf\"");
  }

  @Test
  void pagesLoadNoScriptLibraryTheyDoNotUse() {
    // htmx was loaded on every page and used by none: most of a first visit's bytes (issue 20 item 6).
    String page = web.get().uri("/login").exchange().expectBody(String.class).returnResult().getResponseBody();
    assertThat(page).doesNotContain("htmx").doesNotContain("/webjars/");
  }

  @Test
  void theScriptsAndTheStylesheetAreServedCacheableForPhones() {
    web.get().uri("/js/lecture.js").exchange().expectStatus().isOk()
        .expectHeader().value("Cache-Control", v -> assertThat(v).contains("max-age=86400"));
    web.get().uri("/css/bdtx.css").exchange().expectStatus().isOk()
        .expectHeader().value("Cache-Control", v -> assertThat(v).contains("max-age=86400"));
  }

  @Test
  void pagesAreCompressedForWeakConnections() throws Exception {
    // WebTestClient decompresses transparently, so ask with a client that leaves the bytes alone.
    var response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).header("Accept-Encoding", "gzip").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
    String page = new String(new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes(),
        StandardCharsets.UTF_8);
    assertThat(page).contains("<h1>Đăng nhập</h1>");
  }
}
