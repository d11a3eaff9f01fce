package vn.bdtx.loadtest;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Issue 7: a run's certificates issued as one batch. N learners of one class
 * have completed; the IT team presses "issue" once; the simulation then watches
 * the database until every certificate has its PDF in the store, and reports the
 * throughput. Afterwards it checks one number per enrollment and no PDF missing.
 *
 * <pre>
 * ./mvnw -B -Pload -pl modules/loadtest gatling:test -Dgatling.simulationClass=vn.bdtx.loadtest.CertificateBatchSimulation \
 *   -Dbdtx.learners=6000
 * </pre>
 */
public class CertificateBatchSimulation extends Simulation {

  static final String BASE_URL = System.getProperty("bdtx.baseUrl", "http://127.0.0.1:8080");
  static final int N = Integer.getInteger("bdtx.learners", 6000);
  static final String PREFIX = "load-c-";
  static final String ADMIN_PASSWORD = "quan tri tai chung nhan";

  static {
    if (!BASE_URL.startsWith("http://127.0.0.1") && !BASE_URL.startsWith("http://localhost")) {
      throw new IllegalArgumentException("Load runs target 127.0.0.1 only, not " + BASE_URL);
    }
  }

  private final long cohort;
  private long pressedAt;
  private long doneAt;
  private long cpuBefore;

  {
    LoadAccounts.ensureAdminAndSchools(QuizLoad.JDBC, QuizLoad.DB_USER, QuizLoad.DB_PASSWORD, ADMIN_PASSWORD, 1);
    LoadAccounts.ensure(QuizLoad.JDBC, QuizLoad.DB_USER, QuizLoad.DB_PASSWORD, PREFIX, N, "khong dang nhap", 4);
    // Started 16 days ago: the 15-day class has ended, so its certificates may be numbered (never before the period ends).
    cohort = QuizLoad.ensureCohort("Lớp đo tải chứng nhận", PREFIX, N, 16);
    try (var c = DriverManager.getConnection(QuizLoad.JDBC, QuizLoad.DB_USER, QuizLoad.DB_PASSWORD); var s = c.createStatement()) {
      s.execute("""
          INSERT INTO enrollment_completion (enrollment_id, outcome, settled_at)
          SELECT id, 'COMPLETED', now() FROM enrollment WHERE cohort_id = %d ON CONFLICT DO NOTHING""".formatted(cohort));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long rendered() {
    return QuizLoad.count("""
        SELECT count(*) FROM certificate c JOIN enrollment e ON e.id = c.enrollment_id
        WHERE e.cohort_id = ? AND c.object_key IS NOT NULL""", cohort);
  }

  HttpProtocolBuilder protocol = http.baseUrl(BASE_URL).acceptHeader("text/html").disableCaching();

  ScenarioBuilder admin = scenario("Tổ CNTT cấp " + N + " giấy chứng nhận")
      .exec(http("login page").get("/login").check(css("input[name=_csrf]", "value").saveAs("csrf")))
      .exec(http("login").post("/login").formParam("username", "load-admin").formParam("password", ADMIN_PASSWORD)
          .formParam("_csrf", "#{csrf}").check(status().is(200)))
      .exec(http("import page").get("/admin/accounts/import").check(css("input[name=_csrf]", "value").saveAs("csrf")))
      .exec(session -> {
        pressedAt = System.nanoTime();
        return session;
      })
      .exec(http("issue certificates").post("/cohorts/" + cohort + "/certificates").formParam("_csrf", "#{csrf}")
          .disableFollowRedirect().check(status().is(303)))
      .asLongAs(session -> rendered() < N && System.nanoTime() - pressedAt < Duration.ofMinutes(30).toNanos()).on(
          pause(Duration.ofMillis(500)))
      .exec(session -> {
        doneAt = System.nanoTime();
        return session;
      });

  @Override
  public void before() {
    cpuBefore = QuizLoad.serverCpuMillis();
  }

  @Override
  public void after() {
    long cpu = QuizLoad.serverCpuMillis() - cpuBefore;
    double seconds = (doneAt - pressedAt) / 1e9;
    long numbered = QuizLoad.count("""
        SELECT count(*) FROM certificate c JOIN enrollment e ON e.id = c.enrollment_id WHERE e.cohort_id = ?""", cohort);
    long distinct = QuizLoad.count("""
        SELECT count(DISTINCT c.enrollment_id) FROM certificate c JOIN enrollment e ON e.id = c.enrollment_id
        WHERE e.cohort_id = ?""", cohort);
    long done = rendered();
    System.out.printf("%nBDTX certificate batch, %d completed learners: %d numbered (%d enrollments), %d PDFs stored in %.1f s"
        + " = %.0f certificates/s; server CPU %d ms (%.1f ms per certificate)%n", N, numbered, distinct, done, seconds,
        done / seconds, cpu, (double) cpu / Math.max(1, done));
    if (numbered != N || distinct != N || done != N) {
      throw new IllegalStateException("Expected " + N + " certificates, one per enrollment, each with its PDF");
    }
  }

  {
    setUp(admin.injectOpen(atOnceUsers(1))).protocols(protocol).assertions(global().failedRequests().count().is(0L));
  }
}
