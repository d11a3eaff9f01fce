package vn.bdtx.loadtest;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Issue 16, item 4: the dashboards and the results export on the national data set
 * (modules/loadtest/national/generate.sh), while 50 learners take quizzes.
 * <ul>
 *   <li>50 learners (nat-hv-01 … 50, the GV-03 class of province 1's largest district, in progress) log in once,
 *       then take the class's lesson quizzes one after another: quiz page, start, each choice question answered
 *       one save request each after 2-4 s of reading, submit, review; each quiz at most three times (its limit);</li>
 *   <li>officials, each a session of its own, reload a dashboard every second: the supervisor the province
 *       dashboard of province 1 (Hà Nội, ~61,000 teachers), district officers their district's dashboard;</li>
 *   <li>after 40 s the supervisor downloads, one after another, the province's module results report (run GV-01,
 *       ~61,000 teachers), the school year's status per teacher (~61,000 rows) and the certificate register
 *       (~150,000 rows), as XLSX, streamed, while the app's heap is sampled every 200 ms from /actuator/prometheus.</li>
 * </ul>
 * Assertions: no failed request; province dashboard p95 under 1 s, district under 300 ms; no request (so no export)
 * over 30 s.
 *
 * <pre>
 * BDTX_DB_NAME=bdtx_national SERVER_PORT=8091 BDTX_REDIS_NAMESPACE=bdtx-national java -Xmx512m -jar modules/app/target/bdtx.jar &amp;
 * ./mvnw -B -Pload -pl modules/loadtest gatling:test -Dgatling.simulationClass=vn.bdtx.loadtest.NationalDashboardSimulation \
 *   -Dbdtx.baseUrl=http://127.0.0.1:8091 -Dbdtx.seconds=180
 * </pre>
 */
public class NationalDashboardSimulation extends Simulation {

  static final String BASE_URL = System.getProperty("bdtx.baseUrl", "http://127.0.0.1:8091");
  static final String JDBC = System.getProperty("bdtx.jdbcUrl", "jdbc:postgresql://127.0.0.1:5432/bdtx_national");
  static final String DB_USER = System.getProperty("bdtx.dbUser", "postgres");
  static final String DB_PASSWORD = System.getProperty("bdtx.dbPassword", "");
  static final String PASSWORD = System.getProperty("bdtx.password", "do tai quoc gia 2026");
  static final int SECONDS = Integer.getInteger("bdtx.seconds", 180);
  static final int LEARNERS = Integer.getInteger("bdtx.learners", 50);
  static final int PROVINCE_OFFICIALS = Integer.getInteger("bdtx.provinceOfficials", 2);
  static final int DISTRICT_OFFICIALS = Integer.getInteger("bdtx.districtOfficials", 3);
  static final int EXPORTS = Integer.getInteger("bdtx.exports", 3);

  static {
    if (!BASE_URL.startsWith("http://127.0.0.1") && !BASE_URL.startsWith("http://localhost")) {
      throw new IllegalArgumentException("Load runs target 127.0.0.1 only, not " + BASE_URL);
    }
    if (!JDBC.contains("national")) {
      throw new IllegalArgumentException("The national benchmark runs on the generated national database, not " + JDBC);
    }
  }

  private final Map<String, String> ids = new HashMap<>();
  private final List<String> lectures = new ArrayList<>();
  private final AtomicInteger nextLearner = new AtomicInteger();
  private final AtomicLong quizzesSubmitted = new AtomicLong();
  private final AtomicLong heapBefore = new AtomicLong();
  private final AtomicLong heapMax = new AtomicLong();
  private final AtomicLong exportMillis = new AtomicLong();
  private final List<String> exportLines = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean sampling;

  {
    try (var c = DriverManager.getConnection(JDBC, DB_USER, DB_PASSWORD); var s = c.createStatement()) {
      try (var rs = s.executeQuery("SELECT key, value FROM national.benchmark")) {
        while (rs.next()) {
          ids.put(rs.getString(1), rs.getString(2));
        }
      }
      try (var rs = s.executeQuery("""
          SELECT l->>'id' FROM cohort h JOIN content_version v ON v.id = h.content_version_id,
               jsonb_array_elements(v.content->'lectures') WITH ORDINALITY AS x(l, n)
          WHERE h.id = %s ORDER BY n""".formatted(Long.parseLong(ids.get("cohort_gv03"))))) {
        while (rs.next()) {
          lectures.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the national benchmark's ids from " + JDBC
          + " (run modules/loadtest/national/generate.sh first)", e);
    }
  }

  /** The learners' earlier benchmark attempts are removed, so that each has its three attempts per quiz again. */
  @Override
  public void before() {
    try (var c = DriverManager.getConnection(JDBC, DB_USER, DB_PASSWORD); var s = c.createStatement()) {
      String mine = """
          SELECT a.id FROM quiz_attempt a JOIN enrollment e ON e.id = a.enrollment_id JOIN account u ON u.id = e.account_id
          WHERE u.username LIKE 'nat-hv-%'""";
      s.executeUpdate("DELETE FROM attempt_answer WHERE attempt_id IN (" + mine + ")");
      s.executeUpdate("DELETE FROM quiz_attempt WHERE id IN (" + mine + ")");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.E+]+)", Pattern.MULTILINE);
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  /** The app's heap in use, from its Prometheus endpoint (open to 127.0.0.1 without a login). */
  static long heapUsedBytes() {
    try {
      String body = CLIENT.send(HttpRequest.newBuilder(URI.create(BASE_URL + "/actuator/prometheus")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      var m = HEAP.matcher(body);
      double sum = 0;
      while (m.find()) {
        sum += Double.parseDouble(m.group(1));
      }
      return (long) sum;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
      .acceptHeader("text/html")
      .acceptEncodingHeader("gzip")
      .userAgentHeader("Gatling BDTX national benchmark")
      .disableCaching();

  static ChainBuilder login(String user) {
    return exec(http("login page").get("/login").check(status().is(200), css("input[name=_csrf]", "value").saveAs("csrf")))
        .exec(http("login").post("/login")
            .formParam("username", user).formParam("password", PASSWORD).formParam("_csrf", "#{csrf}")
            .check(status().is(200)));
  }

  ScenarioBuilder learners = scenario("50 học viên làm bài kiểm tra")
      .exec(session -> session.set("username", String.format("nat-hv-%02d", nextLearner.incrementAndGet()))
          .set("base", "/learn/" + ids.get("cohort_gv03")).set("n", 0))
      .exec(login("#{username}"))
      .exec(http("course").get("#{base}").check(status().is(200)))
      .during(Duration.ofSeconds(SECONDS)).on(
          exitHereIf(session -> session.getInt("n") >= lectures.size() * 3)
          .exec(session -> session.set("lecture", lectures.get(session.getInt("n") % lectures.size()))
              .set("n", session.getInt("n") + 1))
          .exec(http("quiz page").get("#{base}/quizzes/#{lecture}")
              .check(status().is(200), css("#start input[name=_csrf]", "value").saveAs("csrf")))
          .exec(http("start attempt").post("#{base}/quizzes/#{lecture}/attempts").formParam("_csrf", "#{csrf}")
              .check(status().is(200), currentLocationRegex("/attempts/(\\d+)").saveAs("attempt"),
                  css("fieldset[data-kind=choice]", "data-question").findAll().saveAs("questions"),
                  css("#attempt input[name=_csrf]", "value").saveAs("csrf")))
          .foreach("#{questions}", "q").on(
              pause(Duration.ofSeconds(2), Duration.ofSeconds(4))
              .exec(http("save answer").post("#{base}/attempts/#{attempt}/answers")
                  .formParam("_csrf", "#{csrf}").formParam("question", "#{q}")
                  .formParam("choice", session -> String.valueOf(ThreadLocalRandom.current().nextInt(2)))
                  .check(status().is(204))))
          .exec(http("submit").post("#{base}/attempts/#{attempt}/submit").formParam("_csrf", "#{csrf}")
              .check(status().is(200), substring("Điểm")))
          .exec(session -> {
            if (!session.isFailed()) {
              quizzesSubmitted.incrementAndGet();
            }
            return session;
          })
          .pause(Duration.ofSeconds(1), Duration.ofSeconds(3)));

  ScenarioBuilder province = scenario("Sở xem bảng theo dõi của tỉnh")
      .exec(login("nat-giam-sat"))
      .during(Duration.ofSeconds(SECONDS)).on(
          exec(http("province dashboard").get("/reports/units/" + ids.get("province_id") + "?year=" + ids.get("school_year"))
              .check(status().is(200)))
          .pause(Duration.ofSeconds(1)));

  ScenarioBuilder district = scenario("Phòng xem bảng theo dõi của huyện")
      .exec(login("nat-phong"))
      .during(Duration.ofSeconds(SECONDS)).on(
          exec(http("district dashboard").get("/reports/units/" + ids.get("district_id") + "?year=" + ids.get("school_year"))
              .check(status().is(200)))
          .pause(Duration.ofSeconds(1)));

  /** The exports downloaded one after another: results of the GV-01 run, the year's status, the certificate register. */
  private List<String[]> exports() {
    String unit = "?unit=" + ids.get("province_id");
    return List.of(
        new String[] {"export results.xlsx", "/reports/exports/results.xlsx" + unit + "&run=" + ids.get("run_gv01")},
        new String[] {"export year-status.xlsx", "/reports/exports/year-status.xlsx" + unit + "&year=" + ids.get("school_year")},
        new String[] {"export certificates.xlsx", "/reports/exports/certificates.xlsx" + unit + "&year=" + ids.get("school_year")});
  }

  private ChainBuilder download(String name, String path) {
    return exec(session -> {
          heapBefore.set(heapUsedBytes());
          heapMax.set(heapBefore.get());
          sampling = true;
          Thread sampler = new Thread(() -> {
            while (sampling) {
              heapMax.accumulateAndGet(heapUsedBytes(), Math::max);
              try {
                Thread.sleep(200);
              } catch (InterruptedException e) {
                return;
              }
            }
          });
          sampler.setDaemon(true);
          sampler.start();
          return session.set("exportStart", System.nanoTime());
        })
        .exec(http(name).get(path).header("Accept", "*/*").check(status().is(200)))
        .exec(session -> {
          sampling = false;
          long ms = (System.nanoTime() - session.getLong("exportStart")) / 1_000_000;
          exportMillis.accumulateAndGet(ms, Math::max);
          String line = String.format("%s: %d ms; app heap in use before %d MB, at most %d MB while it streamed", name, ms,
              heapBefore.get() >> 20, heapMax.get() >> 20);
          exportLines.add(line);
          System.out.println("\nBDTX national: " + line);
          return session;
        })
        .pause(Duration.ofSeconds(5));
  }

  ScenarioBuilder export = scenario("Sở tải các báo cáo của tỉnh")
      .exec(login("nat-giam-sat"))
      .exec(exports().stream().limit(EXPORTS).map(e -> download(e[0], e[1])).toList());

  @Override
  public void after() {
    System.out.printf("%nBDTX national benchmark, %d s: %d learners submitted %d quizzes; province %s, district %s,"
            + " year %s%n",
        SECONDS, LEARNERS, quizzesSubmitted.get(), ids.get("province_id"), ids.get("district_id"), ids.get("school_year"));
    exportLines.forEach(l -> System.out.println("  " + l));
  }

  {
    setUp(
        learners.injectOpen(rampUsers(LEARNERS).during(Duration.ofSeconds(20))),
        province.injectOpen(nothingFor(Duration.ofSeconds(20)), rampUsers(PROVINCE_OFFICIALS).during(Duration.ofSeconds(5))),
        district.injectOpen(nothingFor(Duration.ofSeconds(20)), rampUsers(DISTRICT_OFFICIALS).during(Duration.ofSeconds(5))),
        export.injectOpen(nothingFor(Duration.ofSeconds(40)), atOnceUsers(1)))
        .protocols(protocol)
        .assertions(
            global().failedRequests().count().is(0L),
            details("province dashboard").responseTime().percentile(95.0).lt(1000),
            details("district dashboard").responseTime().percentile(95.0).lt(300),
            forAll().responseTime().max().lt(30_000));
  }
}
