package vn.bdtx.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The application as a process of its own, on the test context's database,
 * Redis namespace and store, so a test can kill it the way a crash or an
 * out-of-memory killer would (SIGKILL: no shutdown hook, nothing flushed) and
 * start it again on the same port.
 */
public final class AppProcess implements AutoCloseable {

  private final List<String> command;
  private final Path log;
  private final int port;
  private Process process;

  public AppProcess(Environment env, String name) {
    this(env, name, false);
  }

  /**
   * @param sharedStore true: the process's embedded store keeps its files in the test context's folder, so it
   *                    serves the objects the test context stored (the sample courses' media); false: a folder
   *                    of its own
   */
  public AppProcess(Environment env, String name, boolean sharedStore) {
    this.port = freePort();
    this.log = Path.of("target", name + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8",
        "-cp", classpath, "vn.bdtx.BdtxApplication",
        "--server.port=" + port,
        "--bdtx.db.host=" + env.getProperty("bdtx.db.host"),
        "--bdtx.db.port=" + env.getProperty("bdtx.db.port"),
        "--bdtx.db.user=" + env.getProperty("bdtx.db.user"),
        "--bdtx.db.password=" + env.getProperty("bdtx.db.password"),
        "--bdtx.db.name=" + env.getProperty("bdtx.db.name"),
        "--bdtx.redis.host=" + env.getProperty("bdtx.redis.host"),
        "--bdtx.redis.port=" + env.getProperty("bdtx.redis.port"),
        "--bdtx.redis.namespace=" + env.getProperty("bdtx.redis.namespace"),
        "--bdtx.storage.embedded.data-dir=" + env.getProperty("bdtx.storage.embedded.data-dir") + (sharedStore ? "" : "-" + name),
        "--bdtx.storage.bucket-prefix=" + env.getProperty("bdtx.storage.bucket-prefix"),
        "--bdtx.content.dir=" + env.getProperty("bdtx.content.dir"),
        "--bdtx.reminders.enabled=false",
        "--spring.data.redis.timeout=10s"));
  }

  /**
   * Settings for this process beyond the test context's, as {@code --name=value}; each replaces the argument of the
   * same name given above (a setting named twice on Spring's command line would read as both values joined).
   */
  public AppProcess with(String... arguments) {
    for (String argument : arguments) {
      String name = argument.substring(0, argument.indexOf('=') + 1);
      command.removeIf(a -> a.startsWith(name));
      command.add(argument);
    }
    return this;
  }

  /** Adds a JVM option (before {@link #start()}), e.g. {@code -Djava.io.tmpdir=...} for a temp folder of the test's own. */
  public AppProcess jvmOption(String option) {
    command.add(1, option);
    return this;
  }

  /** Starts the process and waits until it answers on its port (at most two minutes). */
  public AppProcess start() throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    var probe = WebTestClient.bindToServer().baseUrl(baseUrl()).responseTimeout(Duration.ofSeconds(5)).build();
    while (System.nanoTime() < until) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The app process stopped at start; see " + log.toAbsolutePath());
      }
      try {
        var status = probe.get().uri("/actuator/health").exchange().returnResult(String.class).getStatus();
        if (status.is2xxSuccessful()) {
          return this;
        }
      } catch (RuntimeException notYet) {
        // connection refused while it starts
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("The app process did not answer within two minutes; see " + log.toAbsolutePath());
  }

  /** SIGKILL, as a crash would: no graceful shutdown. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** The running process's id (its upload temp files carry it). */
  public long pid() {
    return process.pid();
  }

  /** Where the process writes its output (appended to across restarts). */
  public Path log() {
    return log;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public WebTestClient client() {
    return client("127.0.0.1");
  }

  /** The process at another address of this machine (it listens on all interfaces, as the README's run command does). */
  public String baseUrl(String host) {
    return "http://" + host + ":" + port;
  }

  public WebTestClient client(String host) {
    return WebTestClient.bindToServer().baseUrl(baseUrl(host)).responseTimeout(Duration.ofSeconds(30)).build();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      kill();
    }
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static {
    new File("target").mkdirs();
  }
}
