package vn.bdtx.loadtest;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The login storm of a province's first morning (issue 19 item 4): {@code bdtx.learners} different learners (BCrypt
 * at the app's cost, 10 by default, as their real passwords would be) arrive over {@code bdtx.seconds}, evenly but
 * for {@code bdtx.burstSeconds} at {@code bdtx.burstRate} a second. Each opens the login page, logs in and — when
 * the node's login line is long — follows the waiting page as a browser does until it lands on the dashboard.
 *
 * <p>It reports two times per learner: the first page answered after pressing "Đăng nhập" (the dashboard, or the
 * waiting page with the learner's place) and the login's completion (on the dashboard), p50 / p95 / p99 / max, and
 * how many waited. Every request must succeed.
 *
 * <pre>
 * ./mvnw -B -Pload -pl modules/loadtest gatling:test -Dgatling.simulationClass=vn.bdtx.loadtest.LoginStormSimulation \
 *   -Dbdtx.learners=6000 -Dbdtx.seconds=900 -Dbdtx.burstRate=50 -Dbdtx.burstSeconds=60
 * </pre>
 */
public class LoginStormSimulation extends Simulation {

  static final String BASE_URL = System.getProperty("bdtx.baseUrl", "http://127.0.0.1:8080");
  static final int N = Integer.getInteger("bdtx.learners", 6000);
  static final int SECONDS = Integer.getInteger("bdtx.seconds", 900);
  static final double BURST_RATE = Double.parseDouble(System.getProperty("bdtx.burstRate", "50"));
  static final int BURST_SECONDS = Integer.getInteger("bdtx.burstSeconds", 60);
  /** When the burst begins: two minutes in, or half-way through a short run. */
  static final int BURST_AT = Integer.getInteger("bdtx.burstAt", Math.min(120, (SECONDS - BURST_SECONDS) / 2));
  static final int COST = Integer.getInteger("bdtx.bcryptCost", 10);
  static final String PREFIX = "load-s-";
  static final String PASSWORD = "sang dau tien cua ca tinh";

  static {
    if (!BASE_URL.startsWith("http://127.0.0.1") && !BASE_URL.startsWith("http://localhost")) {
      throw new IllegalArgumentException("Load runs target 127.0.0.1 only, not " + BASE_URL);
    }
    if (BURST_RATE * BURST_SECONDS > N || BURST_SECONDS >= SECONDS) {
      throw new IllegalArgumentException("The burst (" + BURST_RATE + "/s for " + BURST_SECONDS + " s) does not fit "
          + N + " learners in " + SECONDS + " s");
    }
  }

  private final AtomicInteger next = new AtomicInteger();
  private final ConcurrentLinkedQueue<Long> firstPage = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Long> completed = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waited = new AtomicInteger();

  {
    LoadAccounts.ensure(QuizLoad.JDBC, QuizLoad.DB_USER, QuizLoad.DB_PASSWORD, PREFIX, N, PASSWORD, COST);
  }

  HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
      .acceptHeader("text/html")
      .acceptLanguageHeader("vi-VN,vi;q=0.9")
      .userAgentHeader("Gatling BDTX login storm")
      .disableCaching();

  ScenarioBuilder learner = scenario("Sáng đầu tiên của cả tỉnh")
      .exec(session -> session.set("username", PREFIX + String.format("%05d", next.incrementAndGet())))
      .exec(http("login page").get("/login").check(status().is(200), css("input[name=_csrf]", "value").saveAs("csrf")))
      .exec(session -> session.set("pressed", System.nanoTime()))
      .exec(http("login (first page: dashboard or place in line)").post("/login")
          .formParam("username", "#{username}").formParam("password", PASSWORD).formParam("_csrf", "#{csrf}")
          .check(Stream.concat(Stream.of(status().is(200)), Stream.of(WaitingPages.saveAddresses()))
              .toArray(io.gatling.javaapi.core.CheckBuilder[]::new)))
      .exec(session -> {
        firstPage.add(System.nanoTime() - session.getLong("pressed"));
        if (session.contains("waitStatus")) {
          waited.incrementAndGet();
        }
        return session;
      })
      .exec(WaitingPages.follow("login", status().is(200), substring("Xin chào")))
      .exec(session -> {
        completed.add(System.nanoTime() - session.getLong("pressed"));
        return session;
      })
      .exec(http("dashboard").get("/").check(status().is(200), substring("Xin chào")));

  @Override
  public void after() {
    System.out.printf("%nBDTX login storm: %d learners in %d s, %.0f/s for %d s from %d s; waited in line: %d%n",
        N, SECONDS, BURST_RATE, BURST_SECONDS, BURST_AT, waited.get());
    System.out.println("  first page answered (ms): " + WaitingPages.percentiles(firstPage));
    System.out.println("  login completed (ms):     " + WaitingPages.percentiles(completed));
  }

  {
    double base = (N - BURST_RATE * BURST_SECONDS) / (SECONDS - BURST_SECONDS);
    int after = SECONDS - BURST_AT - BURST_SECONDS;
    setUp(learner.injectOpen(
            constantUsersPerSec(base).during(Duration.ofSeconds(BURST_AT)),
            constantUsersPerSec(BURST_RATE).during(Duration.ofSeconds(BURST_SECONDS)),
            constantUsersPerSec(base).during(Duration.ofSeconds(after))))
        .protocols(protocol)
        .assertions(global().failedRequests().count().is(0L));
  }
}
