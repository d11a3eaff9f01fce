package vn.bdtx.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;
import static vn.bdtx.support.WebSession.redirectsTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Throttling: strict per account and address, looser per account, generous per
 * address. 127.0.0.2 stands for a second school's shared address.
 */
@BdtxIntegrationTest
@DirtiesContext
@TestPropertySource(properties = {"bdtx.login.attempts-per-account-and-address=5",
    "bdtx.login.attempts-per-account=8", "bdtx.login.failures-per-address=30"})
class LoginThrottleTest {

  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @LocalServerPort int port;
  TestAccounts accounts;

  @BeforeEach
  void setUp() {
    accounts = new TestAccounts(db, encoder);
  }

  @Test
  void afterFiveWrongPasswordsEvenTheRightOneIsRefusedWithWhenToRetry() {
    accounts.create("bi-chan", "mat khau that dung", Role.LEARNER);
    var web = from("127.0.1.1");
    for (int i = 0; i < 5; i++) {
      assertThat(redirectsTo(login(web, "bi-chan", "sai " + i), "/login?error")).isTrue();
    }
    var locked = login(web, "bi-chan", "mat khau that dung");
    assertThat(String.valueOf(locked.getResponseHeaders().getLocation())).matches("/login\\?locked=1[45]");
    String page = WebSession.anonymous(web).get(String.valueOf(locked.getResponseHeaders().getLocation())).getResponseBody();
    assertThat(page).containsPattern("Vui lòng thử lại sau 1[45] phút");
  }

  @Test
  void anUnknownNameIsThrottledJustLikeARealOne() {
    var web = from("127.0.2.1");
    for (int i = 0; i < 5; i++) {
      login(web, "khong-ai-ca", "sai " + i);
    }
    assertThat(String.valueOf(login(web, "khong-ai-ca", "x").getResponseHeaders().getLocation())).startsWith("/login?locked=");
  }

  @Test
  void twentyParallelWrongPasswordsCountAsTwentyAndOnlyFiveAreChecked() throws Exception {
    accounts.create("song-song", "mat khau that dung", Role.LEARNER);
    var web = from("127.0.3.1");
    var pool = Executors.newFixedThreadPool(10);
    try {
      List<CompletableFuture<String>> attempts = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        int n = i;
        attempts.add(CompletableFuture.supplyAsync(
            () -> String.valueOf(login(web, "song-song", "sai " + n).getResponseHeaders().getLocation()), pool));
      }
      List<String> outcomes = attempts.stream().map(CompletableFuture::join).toList();
      assertThat(outcomes.stream().filter("/login?error"::equals).count()).as("password checks").isEqualTo(5);
      assertThat(outcomes.stream().filter(o -> o.startsWith("/login?locked=")).count()).isEqualTo(15);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void aTeacherAtAnotherSchoolIsNotBlockedByFailuresElsewhereButTheAccountLimitStillHolds() {
    accounts.create("hai-noi", "mat khau that dung", Role.LEARNER);
    var web = from("127.0.4.1");
    for (int i = 0; i < 5; i++) {
      login(web, "hai-noi", "sai " + i);
    }
    var otherSchool = from("127.0.4.2");
    assertThat(redirectsTo(login(otherSchool, "hai-noi", "mat khau that dung"), "/")).as("right password from elsewhere").isTrue();
    for (int i = 0; i < 8; i++) {
      login(otherSchool, "hai-noi", "sai lan nua " + i);
    }
    assertThat(String.valueOf(login(otherSchool, "hai-noi", "mat khau that dung").getResponseHeaders().getLocation()))
        .startsWith("/login?locked=");
  }

  @Test
  void aWholeSchoolBehindOneAddressLogsInWhileASingleMachineGuessingIsStopped() {
    for (int i = 0; i < 20; i++) {
      accounts.create("gv-truong-" + i, "mat khau rieng " + i, Role.LEARNER);
    }
    var school = from("127.0.5.1");
    for (int i = 0; i < 20; i++) {
      assertThat(redirectsTo(login(school, "gv-truong-" + i, "mat khau rieng " + i), "/")).isTrue();
    }
    var guesser = from("127.0.5.2");
    for (int i = 0; i < 30; i++) {
      login(guesser, "doan-" + i, "sai");
    }
    assertThat(String.valueOf(login(guesser, "gv-truong-1", "mat khau rieng 1").getResponseHeaders().getLocation()))
        .as("30 failures from one address block it").startsWith("/login?locked=");
    assertThat(redirectsTo(login(school, "gv-truong-2", "mat khau rieng 2"), "/")).as("other addresses unaffected").isTrue();
  }

  /** A client whose connections leave from {@code address} (127.0.0.0/8 is all loopback). */
  private WebTestClient from(String address) {
    var http = reactor.netty.http.client.HttpClient.create()
        .bindAddress(() -> new java.net.InetSocketAddress(address, 0));
    return WebTestClient.bindToServer(new org.springframework.http.client.reactive.ReactorClientHttpConnector(http))
        .baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
  }

  private static org.springframework.test.web.reactive.server.EntityExchangeResult<String> login(
      WebTestClient client, String user, String password) {
    // On a busy machine a login may be answered with the login line's waiting page: follow it as the page does.
    var visitor = WebSession.anonymous(client);
    return visitor.followWaitingPage(visitor.postForm("/login", form("username", user, "password", password)));
  }
}
