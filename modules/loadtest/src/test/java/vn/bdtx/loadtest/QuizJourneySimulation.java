package vn.bdtx.loadtest;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark A (issue 6): the learner journey, closed model, no think time, a
 * fresh session (and a different learner) per journey: log in, open the course,
 * open the quiz, start an attempt, answer its 10 single-answer questions one
 * request each (as the page saves them), submit, see the graded review.
 * Afterwards it checks that the database holds exactly the finished, graded
 * attempts it counted, and prints the server's CPU time (app, PostgreSQL and
 * Redis, from /proc) over the run.
 *
 * <pre>
 * ./mvnw -B -Pload -pl modules/loadtest gatling:test -Dgatling.simulationClass=vn.bdtx.loadtest.QuizJourneySimulation \
 *   -Dbdtx.users=10 -Dbdtx.seconds=90
 * </pre>
 * {@code -Dbdtx.baseUrl} targets another address of this machine, e.g. nginx in front of two nodes
 * ({@code https://127.0.0.1:18190}, modules/loadtest/two-nodes.sh); {@code -Dbdtx.jdbcUrl} its load database.
 */
public class QuizJourneySimulation extends Simulation {

  static final String BASE_URL = System.getProperty("bdtx.baseUrl", "http://127.0.0.1:8080");
  static final int USERS = Integer.getInteger("bdtx.users", 10);
  static final int SECONDS = Integer.getInteger("bdtx.seconds", 90);
  static final int POOL = Integer.getInteger("bdtx.learners", 8000);
  static final String PREFIX = "load-a-";
  static final String PASSWORD = "tai thu nghiem hanh trinh";

  static {
    // https: through nginx with deploy/nginx.conf (two-nodes.sh); Gatling takes its self-signed certificate.
    if (!BASE_URL.matches("https?://(127\\.0\\.0\\.1|localhost)(:\\d+)?/?")) {
      throw new IllegalArgumentException("Load runs target 127.0.0.1 only, not " + BASE_URL);
    }
  }

  /**
   * The CSRF token of a page's forms (every form of a page carries the session's token). Read with a regular
   * expression rather than a CSS selector: a selector parses the whole page into a DOM, and Gatling shares the
   * two cores with the server it measures (issue 19); the form the next request posts is checked by its id.
   */
  static final String CSRF = "name=\"_csrf\" value=\"([^\"]+)\"";

  private final AtomicInteger next = new AtomicInteger((int) (System.currentTimeMillis() / 1000 % POOL));
  private final AtomicLong submitted = new AtomicLong();
  private final long cohort;
  private long finishedBefore;
  private long cpuBefore;
  private long startedAt;

  {
    LoadAccounts.ensure(QuizLoad.JDBC, QuizLoad.DB_USER, QuizLoad.DB_PASSWORD, PREFIX, POOL, PASSWORD, 10);
    cohort = QuizLoad.ensureCohort("Lớp đo tải A", PREFIX, POOL);
  }

  HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
      .acceptHeader("text/html")
      .userAgentHeader("Gatling BDTX quiz journey")
      .disableCaching();

  ScenarioBuilder journey = scenario("Học viên làm bài câu hỏi")
      .exec(session -> session.set("username", PREFIX + String.format("%05d", next.getAndIncrement() % POOL + 1))
          .set("base", "/learn/" + cohort))
      .exec(http("1 login page").get("/login")
          .check(status().is(200), regex(CSRF).saveAs("csrf")))
      .exec(http("2 login").post("/login")
          .formParam("username", "#{username}").formParam("password", PASSWORD).formParam("_csrf", "#{csrf}")
          // The dashboard, or (the node's login line long) a page with the place in line that goes on by itself.
          .check(status().is(200), regex("Xin chào|id=\"waiting\"").exists(),
              WaitingPages.saveAddresses()[0], WaitingPages.saveAddresses()[1]))
      .exec(WaitingPages.follow("2 login", status().is(200), substring("Xin chào")))
      .exitHereIfFailed()
      .exec(http("3 course").get("#{base}").check(status().is(200), substring("Bài tải 1")))
      .exec(http("4 quiz page").get("#{base}/quizzes/" + QuizLoad.LECTURE)
          .check(status().is(200), substring("id=\"start\""), regex(CSRF).saveAs("csrf")))
      .exec(http("5 start attempt").post("#{base}/quizzes/" + QuizLoad.LECTURE + "/attempts").formParam("_csrf", "#{csrf}")
          // The attempt, or (the node's start line full) a page with the place in line that goes on by itself.
          .check(status().is(200), regex("id=\"attempt\"|id=\"waiting\"").exists(),
              currentLocationRegex("/attempts/(\\d+)").optional().saveAs("attempt"),
              regex("data-question=\"([^\"]+)\"").findAll().optional().saveAs("questions"),
              regex(CSRF).optional().saveAs("csrf"), WaitingPages.saveAddresses()[0], WaitingPages.saveAddresses()[1]))
      .exec(WaitingPages.follow("5 start attempt", status().is(200), currentLocationRegex("/attempts/(\\d+)").saveAs("attempt"),
          regex("data-question=\"([^\"]+)\"").findAll().saveAs("questions"), regex(CSRF).saveAs("csrf")))
      .exitHereIfFailed()
      .foreach("#{questions}", "q").on(
          exec(http("6 save answer").post("#{base}/attempts/#{attempt}/answers")
              .formParam("_csrf", "#{csrf}").formParam("question", "#{q}")
              .formParam("choice", session -> String.valueOf(ThreadLocalRandom.current().nextInt(4)))
              .check(status().is(204))))
      .exec(http("7 submit").post("#{base}/attempts/#{attempt}/submit").formParam("_csrf", "#{csrf}")
          .check(status().is(200), substring("Điểm:")))
      .exec(session -> {
        if (!session.isFailed()) {
          submitted.incrementAndGet();
        }
        return session;
      });

  @Override
  public void before() {
    finishedBefore = finished();
    cpuBefore = QuizLoad.serverCpuMillis();
    startedAt = System.nanoTime();
  }

  private long finished() {
    return QuizLoad.count("""
        SELECT count(*) FROM quiz_attempt a JOIN enrollment e ON e.id = a.enrollment_id
        WHERE e.cohort_id = ? AND a.state = 'FINISHED' AND a.score IS NOT NULL""", cohort);
  }

  @Override
  public void after() {
    long cpu = QuizLoad.serverCpuMillis() - cpuBefore;
    double seconds = (System.nanoTime() - startedAt) / 1e9;
    long graded = finished() - finishedBefore;
    System.out.printf("%nBDTX benchmark A, %d users, %d s: journeys submitted %d (%.2f/s); graded attempts in the database %d;"
            + " server CPU %d ms (app + PostgreSQL + Redis) over %.0f s%n",
        USERS, SECONDS, submitted.get(), submitted.get() / seconds, graded, cpu, seconds);
    if (graded != submitted.get()) {
      throw new IllegalStateException("The database holds " + graded + " graded attempts, the simulation counted " + submitted.get());
    }
  }

  {
    setUp(journey.injectClosed(constantConcurrentUsers(USERS).during(Duration.ofSeconds(SECONDS))))
        .protocols(protocol)
        .assertions(global().failedRequests().count().is(0L));
  }
}
