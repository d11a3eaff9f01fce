package vn.bdtx.loadtest;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 7: a group's latest submissions as one ZIP. N learners of a class in its
 * finishing phase each hand in one S-megabyte video; then the IT team downloads
 * the class's ZIP. While it streams, the app's resident memory is sampled from
 * /proc: the ZIP must not grow it with the group's size.
 *
 * <pre>
 * ./mvnw -B -Pload -pl modules/loadtest gatling:test -Dgatling.simulationClass=vn.bdtx.loadtest.GroupArchiveSimulation \
 *   -Dbdtx.learners=20 -Dbdtx.fileMegabytes=100
 * </pre>
 */
public class GroupArchiveSimulation extends Simulation {

  static final String BASE_URL = System.getProperty("bdtx.baseUrl", "http://127.0.0.1:8080");
  static final int N = Integer.getInteger("bdtx.learners", 20);
  static final int MB = Integer.getInteger("bdtx.fileMegabytes", 100);
  static final String PREFIX = "load-z-";
  static final String PASSWORD = "tai thu nghiem nen zip";
  static final String ADMIN_PASSWORD = "quan tri tai zip";
  static final Path FILE = Path.of(System.getProperty("java.io.tmpdir"), "bdtx-load-video-" + MB + "mb.mp4");

  static {
    if (!BASE_URL.startsWith("http://127.0.0.1") && !BASE_URL.startsWith("http://localhost")) {
      throw new IllegalArgumentException("Load runs target 127.0.0.1 only, not " + BASE_URL);
    }
  }

  private final long cohort;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicLong rssBefore = new AtomicLong();
  private final AtomicLong rssMax = new AtomicLong();
  private volatile boolean sampling;

  {
    LoadAccounts.ensureAdminAndSchools(QuizLoad.JDBC, QuizLoad.DB_USER, QuizLoad.DB_PASSWORD, ADMIN_PASSWORD, 1);
    LoadAccounts.ensure(QuizLoad.JDBC, QuizLoad.DB_USER, QuizLoad.DB_PASSWORD, PREFIX, N, PASSWORD, 4);
    // Day 11 of 15: the finishing phase, when submissions are accepted.
    cohort = QuizLoad.ensureCohort("Lớp đo tải ZIP", PREFIX, N, 10);
    try {
      if (!Files.exists(FILE) || Files.size(FILE) != MB * 1024L * 1024) {
        writeVideo();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An MP4 header (brand isom) followed by random bytes: a video by its first bytes, incompressible like one. */
  private static void writeVideo() throws IOException {
    var random = new Random(42);
    byte[] chunk = new byte[1024 * 1024];
    try (OutputStream out = Files.newOutputStream(FILE)) {
      for (int i = 0; i < MB; i++) {
        random.nextBytes(chunk);
        if (i == 0) {
          byte[] head = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'i', 's', 'o', '2'};
          System.arraycopy(head, 0, chunk, 0, head.length);
        }
        out.write(chunk);
      }
    }
  }

  private static long rssKb() {
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
          if (cmd.contains("bdtx.jar")) {
            for (String line : Files.readAllLines(p.resolve("status"))) {
              if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
              }
            }
          }
        } catch (IOException ignored) {
          // a process that ended meanwhile
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return 0;
  }

  HttpProtocolBuilder protocol = http.baseUrl(BASE_URL).acceptHeader("text/html").disableCaching();

  ScenarioBuilder learners = scenario("Học viên nộp video " + MB + " MB")
      .exec(session -> session.set("username", PREFIX + String.format("%05d", next.incrementAndGet())))
      .exec(http("login page").get("/login").check(css("input[name=_csrf]", "value").saveAs("csrf")))
      .exec(http("login").post("/login").formParam("username", "#{username}").formParam("password", PASSWORD)
          .formParam("_csrf", "#{csrf}").check(status().is(200)))
      .exec(http("submission page").get("/learn/" + cohort + "/submission")
          .check(css("#upload input[name=_csrf]", "value").saveAs("csrf"), css("#upload input[name=key]", "value").saveAs("key")))
      .exec(http("upload " + MB + " MB").post("/learn/" + cohort + "/submission")
          .formParam("_csrf", "#{csrf}").formParam("key", "#{key}")
          .formUpload("files", FILE.toString())
          .disableFollowRedirect().check(status().is(303)));

  ScenarioBuilder admin = scenario("Tổ CNTT tải ZIP của lớp")
      .exec(http("login page").get("/login").check(css("input[name=_csrf]", "value").saveAs("csrf")))
      .exec(http("login").post("/login").formParam("username", "load-admin").formParam("password", ADMIN_PASSWORD)
          .formParam("_csrf", "#{csrf}").check(status().is(200)))
      .exec(session -> {
        rssBefore.set(rssKb());
        rssMax.set(rssBefore.get());
        sampling = true;
        Thread sampler = new Thread(() -> {
          while (sampling) {
            rssMax.accumulateAndGet(rssKb(), Math::max);
            try {
              Thread.sleep(200);
            } catch (InterruptedException e) {
              return;
            }
          }
        });
        sampler.setDaemon(true);
        sampler.start();
        return session;
      })
      .exec(http("class ZIP").get("/cohorts/" + cohort + "/grading/archive")
          .check(status().is(200), header("Content-Type").is("application/zip")))
      .exec(session -> {
        sampling = false;
        System.out.printf("%nBDTX group ZIP: %d files of %d MB (%d MB in the ZIP); app RSS before %d MB, highest while streaming %d MB%n",
            N, MB, (long) N * MB, rssBefore.get() / 1024, rssMax.get() / 1024);
        return session;
      });

  {
    setUp(learners.injectOpen(rampUsers(N).during(N)).andThen(admin.injectOpen(atOnceUsers(1))))
        .protocols(protocol).assertions(global().failedRequests().count().is(0L));
  }
}
