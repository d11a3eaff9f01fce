package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Redis Sentinel (issue 19 item 6): with spring.data.redis.sentinel.master and .nodes set, the app finds the master
 * through Sentinel, with its own Lettuce settings (fail fast while disconnected, bounded queue, KeepReading), and
 * after a failover it follows the new master: once Sentinel has demoted the old master it disconnects that one's
 * clients, and Lettuce reconnects and asks Sentinel again. Its own redis-server processes (a master, a replica, one Sentinel) on free
 * ports of 127.0.0.1, no persistence; never the shared Redis.
 */
@BdtxIntegrationTest
@DirtiesContext
class RedisSentinelTest {

  static final String MASTER = "bdtxmaster";
  static final Path DIR = Path.of("target", "redis-sentinel-" + ProcessHandle.current().pid()).toAbsolutePath();
  static final List<Process> PROCESSES = new ArrayList<>();
  static int primary;
  static int replica;
  static int sentinel;

  static boolean redisInstalled() {
    for (String d : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin").split(File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, "redis-server"))) {
        return true;
      }
    }
    return false;
  }

  @DynamicPropertySource
  static void sentinel(DynamicPropertyRegistry registry) throws IOException, InterruptedException {
    if (!redisInstalled()) {
      return;
    }
    Files.createDirectories(DIR);
    primary = freePort();
    replica = freePort();
    sentinel = freePort();
    PROCESSES.add(redis("--port", String.valueOf(primary)));
    PROCESSES.add(redis("--port", String.valueOf(replica), "--replicaof", "127.0.0.1", String.valueOf(primary)));
    Path conf = DIR.resolve("sentinel.conf");
    Files.writeString(conf, """
        port %d
        bind 127.0.0.1
        dir %s
        sentinel monitor %s 127.0.0.1 %d 1
        sentinel down-after-milliseconds %s 2000
        sentinel failover-timeout %s 10000
        """.formatted(sentinel, DIR, MASTER, primary, MASTER, MASTER));
    PROCESSES.add(new ProcessBuilder("redis-server", conf.toString(), "--sentinel").redirectErrorStream(true)
        .redirectOutput(DIR.resolve("sentinel.log").toFile()).start());
    waitUntil("the replica in sync and Sentinel watching", () -> cli(sentinel, "SENTINEL", "replicas", MASTER).contains("127.0.0.1")
        && cli(replica, "INFO", "replication").contains("master_link_status:up"));
    registry.add("spring.data.redis.sentinel.master", () -> MASTER);
    registry.add("spring.data.redis.sentinel.nodes", () -> "127.0.0.1:" + sentinel);
  }

  @AfterAll
  static void stopRedis() throws Exception {
    for (Process p : PROCESSES) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    org.springframework.util.FileSystemUtils.deleteRecursively(DIR);
  }

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired org.springframework.core.env.Environment env;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void sessionsLiveOnTheMasterSentinelNamesAndFollowAFailover() throws Exception {
    assumeTrue(redisInstalled(), "redis-server is not installed");
    new TestAccounts(db, encoder).create("gv.sentinel", "mot hai ba bon nam", Role.LEARNER);
    var s = WebSession.loggedIn(web, "gv.sentinel", "mot hai ba bon nam");
    String key = "*" + s.sessionId();
    assertThat(cli(primary, "KEYS", key)).as("the session on the master Sentinel names").contains(s.sessionId());
    assertThat(cli(Integer.parseInt(env.getProperty("bdtx.redis.port")), "KEYS", key)).as("nothing on the Redis of bdtx.redis.host/port")
        .doesNotContain(s.sessionId());

    // A failover: the replica becomes the master; Sentinel disconnects the demoted master's clients.
    assertThat(cli(sentinel, "SENTINEL", "FAILOVER", MASTER)).isEqualTo("OK");
    waitUntil("the replica promoted", () -> cli(sentinel, "SENTINEL", "get-master-addr-by-name", MASTER).contains(String.valueOf(replica))
        && cli(replica, "INFO", "replication").contains("role:master"));
    // Until Sentinel turns the old master into a replica (and disconnects its clients), a node still connected to
    // it writes there, and those writes are lost when it resyncs (Redis replicates asynchronously): for BDTX a
    // session written then (a login) is gone and its learner logs in again; answers are in PostgreSQL.
    waitUntil("the old master demoted", () -> cli(primary, "INFO", "replication").contains("role:slave"));

    // The same session goes on (it was replicated), and a new login is written to the new master, within seconds.
    waitUntil("the app served by the new master", () -> web.get().uri("/").cookie(WebSession.COOKIE, s.sessionId())
        .exchange().returnResult(String.class).getStatus().value() == 200);
    var again = WebSession.loggedIn(web, "gv.sentinel", "mot hai ba bon nam");
    assertThat(cli(replica, "KEYS", "*" + again.sessionId())).as("the new session on the promoted master").contains(again.sessionId());
  }

  private static Process redis(String... args) throws IOException {
    var command = new ArrayList<>(List.of("redis-server", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", DIR.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(DIR.resolve("redis-" + args[1] + ".log").toFile())).start();
  }

  /** One command on the Redis (or Sentinel) at this port, by redis-cli; its reply as text, or "" when it does not answer. */
  private static String cli(int port, String... command) {
    var args = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(port)));
    args.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
    } catch (IOException | InterruptedException e) {
      return "";
    }
  }

  private static void waitUntil(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(until);
      Thread.sleep(250);
    }
  }

  private static int freePort() throws IOException {
    try (var s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
