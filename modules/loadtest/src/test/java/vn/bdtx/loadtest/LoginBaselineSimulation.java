package vn.bdtx.loadtest;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Baseline: a teacher opens the login page, logs in, and views the dashboard twice.
 * Each virtual user is a different learner (load-00001 …), arriving at a constant
 * rate, as on the first morning of a class.
 *
 * <pre>
 * ./mvnw -Pload -pl modules/loadtest gatling:test -Dgatling.simulationClass=vn.bdtx.loadtest.LoginBaselineSimulation \
 *   -Dbdtx.baseUrl=http://127.0.0.1:8080 -Dbdtx.rate=10 -Dbdtx.seconds=60
 * </pre>
 */
public class LoginBaselineSimulation extends Simulation {

  static final String BASE_URL = System.getProperty("bdtx.baseUrl", "http://127.0.0.1:8080");
  static final double RATE = Double.parseDouble(System.getProperty("bdtx.rate", "10"));
  static final int SECONDS = Integer.getInteger("bdtx.seconds", 60);
  static final String JDBC = System.getProperty("bdtx.jdbcUrl", "jdbc:postgresql://127.0.0.1:5432/bdtx_load");
  static final String PASSWORD = "tai thu nghiem dang nhap";
  static final int USERS = (int) Math.ceil(RATE * SECONDS);

  static {
    if (!BASE_URL.startsWith("http://127.0.0.1") && !BASE_URL.startsWith("http://localhost")) {
      throw new IllegalArgumentException("Load runs target 127.0.0.1 only, not " + BASE_URL);
    }
  }

  private final AtomicInteger next = new AtomicInteger();

  HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
      .acceptHeader("text/html")
      .acceptLanguageHeader("vi-VN,vi;q=0.9")
      .userAgentHeader("Gatling BDTX baseline")
      .disableCaching();

  ScenarioBuilder teacher = scenario("Đăng nhập và xem trang chủ")
      .exec(session -> session.set("username", String.format("load-%05d", next.incrementAndGet() % USERS + 1)))
      .exec(http("login page").get("/login")
          .check(status().is(200), css("input[name=_csrf]", "value").saveAs("csrf")))
      .exec(http("login").post("/login")
          .formParam("username", "#{username}")
          .formParam("password", PASSWORD)
          .formParam("_csrf", "#{csrf}")
          .check(status().is(200), substring("Trang chủ")))
      .pause(Duration.ofSeconds(1))
      .exec(http("dashboard").get("/").check(status().is(200), substring("Xin chào")))
      .pause(Duration.ofSeconds(1))
      .exec(http("dashboard again").get("/").check(status().is(200), substring("Xin chào")));

  @Override
  public void before() {
    LoadAccounts.ensure(JDBC, System.getProperty("bdtx.dbUser", "postgres"), System.getProperty("bdtx.dbPassword", ""),
        USERS, PASSWORD);
  }

  {
    setUp(teacher.injectOpen(constantUsersPerSec(RATE).during(Duration.ofSeconds(SECONDS))))
        .protocols(protocol)
        .assertions(global().failedRequests().count().is(0L));
  }
}
