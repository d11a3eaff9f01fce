package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.BdtxApplication;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Two application nodes behind one load balancer: a second node, sharing the
 * database and Redis, serves a session that the first one started.
 */
@BdtxIntegrationTest
class TwoNodesTest {

  static ConfigurableApplicationContext secondNode;

  @Autowired WebTestClient nodeOne;
  @Autowired Environment env;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;

  @AfterAll
  static void stopSecondNode() {
    if (secondNode != null) {
      secondNode.close();
    }
  }

  @Test
  void aSessionStartedOnOneNodeIsServedByTheOther() {
    new TestAccounts(db, encoder).create("nodes", "bai giang so mot", Role.LECTURER);
    var session = WebSession.loggedIn(nodeOne, "nodes", "bai giang so mot");

    secondNode = new SpringApplicationBuilder(BdtxApplication.class).run(
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
        "--bdtx.storage.bucket-prefix=" + env.getProperty("bdtx.storage.bucket-prefix"));
    String port = secondNode.getEnvironment().getProperty("local.server.port");
    var nodeTwo = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(30)).build();

    String page = nodeTwo.get().uri("/").cookie(WebSession.COOKIE, session.sessionId()).exchange()
        .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    assertThat(page).contains("Xin chào, Nguyễn Văn nodes", "Báo cáo viên");
  }
}
