package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;
import static vn.bdtx.support.WebSession.redirectsTo;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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
 * PostgreSQL becomes unreachable while teachers log in: a login answers within
 * seconds with a Vietnamese "try again" page, health shows the database DOWN, and
 * when the database is back the same application serves logins again without a
 * restart. The pool checks each connection it hands out locally (its socket is
 * still open), which drops the connections the outage closed without sending a
 * query on every hand-out.
 */
@BdtxIntegrationTest
@DirtiesContext
class PostgresOutageTest {

  static final TcpProxy POSTGRES = TcpProxy.inFrontOf("db", 5432);

  @DynamicPropertySource
  static void postgresThroughTheProxy(DynamicPropertyRegistry registry) {
    registry.add("bdtx.db.host", () -> "127.0.0.1");
    registry.add("bdtx.db.port", POSTGRES::port);
  }

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;

  @AfterAll
  static void stopProxy() throws IOException {
    POSTGRES.close();
  }

  @Test
  void handsOutPooledConnectionsWithoutSendingAValidationQuery() {
    new TestAccounts(db, encoder).create("pgpool", "buoi chieu o truong", Role.LEARNER);
    var teacher = WebSession.loggedIn(web, "pgpool", "buoi chieu o truong");
    // The query text as the PostgreSQL protocol carries it (simple or extended), ended by its NUL.
    POSTGRES.counting("SELECT 1\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    for (int i = 0; i < 5; i++) {
      assertThat(teacher.get("/").getStatus().value()).isEqualTo(200);
    }
    for (int i = 0; i < 20; i++) {
      db.sql("SELECT count(*) AS n FROM account").map((row, meta) -> row.get("n", Long.class)).one()
          .block(Duration.ofSeconds(10));
    }
    assertThat(POSTGRES.counted()).as("no round trip on 25 pages and queries' worth of hand-outs").isZero();

    db.sql("SELECT 1").map((row, meta) -> row.get(0, Integer.class)).one().block(Duration.ofSeconds(10));
    assertThat(POSTGRES.counted()).as("the relay sees a SELECT 1 that is sent: the one the test sent").isEqualTo(1);
  }

  @Test
  void loginsFailFastWithATryAgainPageAndRecoverWhenTheDatabaseReturns() throws Exception {
    new TestAccounts(db, encoder).create("pgdown", "buoi sang o truong", Role.LEARNER);
    WebSession.loggedIn(web, "pgdown", "buoi sang o truong");

    POSTGRES.cut();
    var visitor = WebSession.anonymous(web);
    Instant before = Instant.now();
    var refused = visitor.postForm("/login", form("username", "pgdown", "password", "buoi sang o truong"));
    Duration took = Duration.between(before, Instant.now());

    assertThat(took).as("fails within the pool's acquire timeout, not a minute later").isLessThan(Duration.ofSeconds(12));
    assertThat(refused.getStatus().value()).as("not told their password is wrong").isEqualTo(503);
    assertThat(refused.getResponseBody()).contains("Hệ thống đang tạm thời quá tải hoặc bảo trì");
    web.get().uri("/actuator/health").exchange().expectStatus().isEqualTo(503)
        .expectBody().jsonPath("$.components.r2dbc.status").isEqualTo("DOWN");

    POSTGRES.restore();
    boolean back = false;
    for (int i = 0; i < 30 && !back; i++) {
      Thread.sleep(1000);
      var retry = WebSession.anonymous(web).postForm("/login", form("username", "pgdown", "password", "buoi sang o truong"));
      back = redirectsTo(retry, "/");
    }
    assertThat(back).as("logins work again within 30 s of the database's return").isTrue();
  }
}
