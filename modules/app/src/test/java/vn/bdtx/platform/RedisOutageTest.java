package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.TcpProxy;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Redis goes away under a logged-in teacher: the next page answers at once with a
 * Vietnamese "try again" page instead of hanging, and once Redis is back the same
 * session carries on (sessions are kept by Redis itself, which did not restart).
 */
@BdtxIntegrationTest
@DirtiesContext
class RedisOutageTest {

  static final TcpProxy REDIS = TcpProxy.inFrontOf("redis", 6379);

  @DynamicPropertySource
  static void redisThroughTheProxy(DynamicPropertyRegistry registry) {
    registry.add("bdtx.redis.host", () -> "127.0.0.1");
    registry.add("bdtx.redis.port", REDIS::port);
    // The production timeout (the build gives other tests more room).
    registry.add("spring.data.redis.timeout", () -> "2s");
  }

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;

  @AfterAll
  static void stopProxy() throws IOException {
    REDIS.close();
  }

  @Test
  void whileRedisIsDownPagesAnswerFastWithAVietnameseTryAgainAndTheSessionSurvives() throws Exception {
    new TestAccounts(db, encoder).create("redisdown", "mua he xanh ngat troi", Role.LEARNER);
    var session = WebSession.loggedIn(web, "redisdown", "mua he xanh ngat troi");

    REDIS.cut();
    Instant before = Instant.now();
    var result = web.get().uri("/").accept(MediaType.TEXT_HTML).cookie(WebSession.COOKIE, session.sessionId())
        .exchange().expectBody(String.class).returnResult();
    Duration took = Duration.between(before, Instant.now());

    assertThat(took).as("fails fast instead of hanging").isLessThan(Duration.ofSeconds(5));
    assertThat(result.getStatus().value()).isEqualTo(503);
    assertThat(result.getResponseBody())
        .contains("Hệ thống đang tạm thời quá tải hoặc bảo trì", "Mã tham chiếu")
        .doesNotContain("Exception");

    REDIS.restore();
    String page = null;
    for (int i = 0; i < 40 && (page == null || !page.contains("Xin chào")); i++) {
      Thread.sleep(500);
      page = web.get().uri("/").accept(MediaType.TEXT_HTML).cookie(WebSession.COOKIE, session.sessionId())
          .exchange().expectBody(String.class).returnResult().getResponseBody();
    }
    assertThat(page).as("the same session works again after Redis returns").contains("Xin chào");
  }
}
