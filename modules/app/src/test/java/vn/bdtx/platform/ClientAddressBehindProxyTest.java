package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;
import static vn.bdtx.support.WebSession.redirectsTo;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.ForwardingProxy;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Issue 18 item 1: behind a reverse proxy, with forwarded headers on as docker-compose.yml sets them, a client
 * that forges X-Forwarded-For is still known by its real address. Clients leave from different loopback
 * addresses (127.0.0.0/8); the proxy ({@link ForwardingProxy}) reaches the app from 127.0.0.1, the one
 * trusted proxy. Before the fix every forged header made the address "unknown", so one forger locked out all.
 */
@BdtxIntegrationTest
@DirtiesContext
@TestPropertySource(properties = {"server.forward-headers-strategy=framework", "bdtx.web.trusted-proxies=127.0.0.1/32",
    "bdtx.metrics.allowed-networks=127.0.0.1/32", "bdtx.login.failures-per-address=30"})
class ClientAddressBehindProxyTest {

  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @LocalServerPort int port;
  TestAccounts accounts;
  ForwardingProxy proxy;

  @BeforeEach
  void setUp() {
    accounts = new TestAccounts(db, encoder);
    proxy = ForwardingProxy.inFrontOf(port);
  }

  @AfterEach
  void tearDown() {
    proxy.close();
  }

  @Test
  void failedLoginsThroughTheProxyWithForgedAddressesLockOutOnlyTheForger() {
    accounts.create("gv-qua-proxy", "mat khau that dung", Role.LEARNER);
    accounts.create("gv-ke-gian", "mat khau cua ke gian", Role.LEARNER);
    for (int i = 0; i < 30; i++) {
      var failed = login(viaProxy("127.0.0.2", "203.0.113." + i), "khong-co-ai-" + i, "sai");
      assertThat(redirectsTo(failed, "/login?error")).as("failure %d", i).isTrue();
    }
    assertThat(location(login(viaProxy("127.0.0.2", "198.51.100.7"), "gv-ke-gian", "mat khau cua ke gian")))
        .as("the forger, whatever it forges next").startsWith("/login?locked=");
    assertThat(redirectsTo(login(viaProxy("127.0.0.3", null), "gv-qua-proxy", "mat khau that dung"), "/"))
        .as("another client through the same proxy").isTrue();
    assertThat(redirectsTo(login(viaProxy("127.0.0.4", "203.0.113.1"), "gv-ke-gian", "mat khau cua ke gian"), "/"))
        .as("a client whose header names an address the forger used").isTrue();
  }

  @Test
  void aDirectClientForgingXForwardedForIsKeyedByItsSocketAddress() {
    accounts.create("gv-truc-tiep", "mat khau that dung", Role.LEARNER);
    for (int i = 0; i < 30; i++) {
      login(direct("127.0.1.2", "127.0.1." + (10 + i)), "khong-co-ai-truc-tiep-" + i, "sai");
    }
    assertThat(location(login(direct("127.0.1.2", "127.0.1.99"), "gv-truc-tiep", "mat khau that dung")))
        .startsWith("/login?locked=");
    assertThat(redirectsTo(login(direct("127.0.1.3", "127.0.1.2"), "gv-truc-tiep", "mat khau that dung"), "/"))
        .as("another direct client, itself sending a header").isTrue();
    assertThat(redirectsTo(login(direct("127.0.1.10", null), "gv-truc-tiep", "mat khau that dung"), "/"))
        .as("an address the forger named").isTrue();
  }

  @Test
  void metricsRefuseAForgedAllowedAddressFromAnyoneElse() {
    assertThat(scrape(direct("127.0.0.1", null))).as("the allowed network itself").isEqualTo(200);
    assertThat(scrape(direct("127.0.0.2", "127.0.0.1"))).as("forged X-Forwarded-For, direct").isNotEqualTo(200);
    assertThat(scrape(viaProxy("127.0.0.2", "127.0.0.1"))).as("forged X-Forwarded-For, through the proxy").isNotEqualTo(200);
    var forgedForwarded = direct("127.0.0.2", null).mutate().defaultHeader("Forwarded", "for=127.0.0.1").build();
    assertThat(scrape(forgedForwarded)).as("forged Forwarded, direct").isNotEqualTo(200);
  }

  private static int scrape(WebTestClient client) {
    return client.get().uri("/actuator/prometheus").exchange().returnResult(String.class).getStatus().value();
  }

  private WebTestClient viaProxy(String from, String forged) {
    return client(from, proxy.port(), forged);
  }

  private WebTestClient direct(String from, String forged) {
    return client(from, port, forged);
  }

  /** A client whose connections leave from {@code from}, sending {@code forged} as X-Forwarded-For unless null. */
  private static WebTestClient client(String from, int to, String forged) {
    var http = reactor.netty.http.client.HttpClient.create()
        .bindAddress(() -> new java.net.InetSocketAddress(from, 0));
    var builder = WebTestClient.bindToServer(new org.springframework.http.client.reactive.ReactorClientHttpConnector(http))
        .baseUrl("http://127.0.0.1:" + to).responseTimeout(Duration.ofSeconds(30));
    if (forged != null) {
      builder.defaultHeader("X-Forwarded-For", forged);
    }
    return builder.build();
  }

  private static EntityExchangeResult<String> login(WebTestClient client, String user, String password) {
    return WebSession.anonymous(client).postForm("/login", form("username", user, "password", password));
  }

  private static String location(EntityExchangeResult<String> result) {
    return String.valueOf(result.getResponseHeaders().getLocation());
  }
}
