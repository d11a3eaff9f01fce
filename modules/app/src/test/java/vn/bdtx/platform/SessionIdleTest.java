package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.redirectsTo;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.RedisMonitor;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Issue 19 item 1: the session's last-access time is written at most once per touch interval, and the idle timeout
 * still means what it says: a session in use never ends, an idle one ends after the idle timeout (plus at most the
 * interval). Short settings so that the test runs in seconds: idle 8 s, touch every 2 s.
 */
@BdtxIntegrationTest
@TestPropertySource(properties = {"bdtx.session.idle-timeout=8s", "bdtx.session.touch-interval=2s"})
class SessionIdleTest {

  static final String PW = "phien dang dung";

  @Autowired WebTestClient web;
  @Autowired Environment env;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;

  @Test
  void aSessionInUseNeverEndsAndIsTouchedAtMostOncePerIntervalAndAnIdleOneEndsAfterTheTimeout() throws Exception {
    new TestAccounts(db, encoder).create("gv.idle", PW, Role.LEARNER);
    WebSession.anonymous(web); // a first page for the cold application, slower than the short timeout allows
    var s = WebSession.loggedIn(web, "gv.idle", PW);
    String keys = env.getProperty("bdtx.redis.namespace") + ":sessions:sessions:";

    try (var monitor = new RedisMonitor(env, keys)) {
      // In use for twice the idle timeout, a page every 300 ms.
      long start = System.nanoTime();
      int pages = 0;
      while (System.nanoTime() - start < 16_000_000_000L) {
        var page = s.get("/");
        assertThat(page.getStatus().value()).as("page %d after %d ms", pages, (System.nanoTime() - start) / 1_000_000)
            .isEqualTo(200);
        pages++;
        Thread.sleep(300);
      }
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      var commands = monitor.drain();
      long touches = RedisMonitor.writes(commands).stream().filter(c -> c.startsWith("HSET") || c.startsWith("HMSET")).count();
      System.out.printf("%d pages in %d s: %d touches of the session (%s)%n", pages, seconds, touches,
          RedisMonitor.writes(commands));
      assertThat(touches).as("touches in %d s of %d pages", seconds, pages).isBetween(3L, seconds / 2 + 2);
      assertThat(touches).as("fewer writes than pages").isLessThan(pages);
    }

    // Idle for less than the timeout: still signed in.
    Thread.sleep(7_000);
    assertThat(s.get("/").getStatus().value()).as("after 7 s idle (timeout 8 s)").isEqualTo(200);

    // Idle for longer than timeout + interval: signed out, with the login page.
    Thread.sleep(11_000);
    var after = s.get("/");
    assertThat(redirectsTo(after, "/login")).as("after 11 s idle: %s", after.getStatus()).isTrue();
  }
}
