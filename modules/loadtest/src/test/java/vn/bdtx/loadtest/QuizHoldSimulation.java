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
 * Benchmark B (issue 6): N learners hold attempts at once. They log in over the
 * first minute, all start their attempt at the same second, answer one
 * question every 10–30 s, and submit in the last two minutes of the window.
 * Afterwards it checks that every answer the server confirmed (204) is in the
 * database and every submitted attempt is graded.
 *
 * <pre>
 * ./mvnw -B -Pload -pl modules/loadtest gatling:test -Dgatling.simulationClass=vn.bdtx.loadtest.QuizHoldSimulation \
 *   -Dbdtx.learners=3000
 * </pre>
 *
 * <p>The synchronized start alone (issue 19 item 3), in about three minutes: {@code -Dbdtx.rampSeconds=60
 * -Dbdtx.windowSeconds=60 -Dbdtx.answers=1} (each learner answers one question and submits).
 */
public class QuizHoldSimulation extends Simulation {

  static final String BASE_URL = System.getProperty("bdtx.baseUrl", "http://127.0.0.1:8080");
  static final int N = Integer.getInteger("bdtx.learners", 500);
  static final int RAMP = Integer.getInteger("bdtx.rampSeconds", 180);
  /** From the synchronized start to the last submit: 10 answers at 10–30 s each fit, then the last two minutes. */
  static final int WINDOW = Integer.getInteger("bdtx.windowSeconds", 330);
  /** How many of the paper's questions each learner answers (all by default; fewer for a run about the start). */
  static final int ANSWERS = Integer.getInteger("bdtx.answers", Integer.MAX_VALUE);
  static final String PREFIX = "load-b-";
  static final String PASSWORD = "tai thu nghiem giu bai";

  static {
    if (!BASE_URL.startsWith("http://127.0.0.1") && !BASE_URL.startsWith("http://localhost")) {
      throw new IllegalArgumentException("Load runs target 127.0.0.1 only, not " + BASE_URL);
    }
  }

  private final AtomicInteger next = new AtomicInteger();
  private final AtomicLong saved = new AtomicLong();
  private final AtomicLong submitted = new AtomicLong();
  private final java.util.concurrent.ConcurrentLinkedQueue<Long> firstPage = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final java.util.concurrent.ConcurrentLinkedQueue<Long> opened = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final AtomicInteger waited = new AtomicInteger();
  private final long cohort;
  private long answersBefore;
  private long finishedBefore;
  private long startAtMillis;

  {
    // Logins are not what this benchmark measures: BCrypt cost 4 keeps the login ramp from saturating the 2 cores.
    LoadAccounts.ensure(QuizLoad.JDBC, QuizLoad.DB_USER, QuizLoad.DB_PASSWORD, PREFIX, N, PASSWORD, 4);
    cohort = QuizLoad.ensureCohort("Lớp đo tải B", PREFIX, N);
  }

  HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
      .acceptHeader("text/html")
      .userAgentHeader("Gatling BDTX quiz hold")
      .disableCaching()
      .shareConnections();

  private Duration untilStart() {
    return Duration.ofMillis(Math.max(0, startAtMillis - System.currentTimeMillis()));
  }

  /** A moment in the last two minutes of the window, or now if that is already past. */
  private Duration untilSubmit() {
    long end = startAtMillis + WINDOW * 1000L;
    long at = end - ThreadLocalRandom.current().nextLong(120_000);
    return Duration.ofMillis(Math.max(0, at - System.currentTimeMillis()));
  }

  ScenarioBuilder learner = scenario("Học viên giữ bài làm")
      .exec(session -> session.set("username", PREFIX + String.format("%05d", next.incrementAndGet()))
          .set("base", "/learn/" + cohort))
      .exec(http("login page").get("/login").check(status().is(200), css("input[name=_csrf]", "value").saveAs("csrf")))
      .exec(http("login").post("/login")
          .formParam("username", "#{username}").formParam("password", PASSWORD).formParam("_csrf", "#{csrf}")
          .check(status().is(200), WaitingPages.saveAddresses()[0], WaitingPages.saveAddresses()[1]))
      .exec(WaitingPages.follow("login", status().is(200), substring("Xin chào")))
      .exec(http("quiz page").get("#{base}/quizzes/" + QuizLoad.LECTURE)
          .check(status().is(200), css("#start input[name=_csrf]", "value").saveAs("csrf")))
      .pause(session -> untilStart())
      // The first page answered: the attempt, or (the node's start line full) a page with the place in line,
      // which goes on to the attempt by itself (issue 19 item 3).
      .exec(session -> session.set("pressed", System.nanoTime()))
      .exec(http("start attempt (first page: attempt or place in line)").post("#{base}/quizzes/" + QuizLoad.LECTURE + "/attempts")
          .formParam("_csrf", "#{csrf}")
          .check(status().is(200), currentLocationRegex("/attempts/(\\d+)").optional().saveAs("attempt"),
              css("fieldset[data-question]", "data-question").findAll().optional().saveAs("questions"),
              css("#attempt input[name=_csrf]", "value").optional().saveAs("csrf"),
              WaitingPages.saveAddresses()[0], WaitingPages.saveAddresses()[1]))
      .exec(session -> {
        firstPage.add(System.nanoTime() - session.getLong("pressed"));
        if (session.contains("waitStatus")) {
          waited.incrementAndGet();
        }
        return session;
      })
      .exec(WaitingPages.follow("start", status().is(200), currentLocationRegex("/attempts/(\\d+)").saveAs("attempt"),
          css("fieldset[data-question]", "data-question").findAll().saveAs("questions"),
          css("#attempt input[name=_csrf]", "value").saveAs("csrf")))
      .exec(session -> {
        opened.add(System.nanoTime() - session.getLong("pressed"));
        return session;
      })
      .exec(session -> {
        java.util.List<Object> questions = session.getList("questions");
        return session.set("questions", questions.subList(0, Math.min(ANSWERS, questions.size())));
      })
      .foreach("#{questions}", "q").on(
          pause(Duration.ofSeconds(10), Duration.ofSeconds(30))
              .exec(http("save answer").post("#{base}/attempts/#{attempt}/answers")
                  .formParam("_csrf", "#{csrf}").formParam("question", "#{q}")
                  .formParam("choice", session -> String.valueOf(ThreadLocalRandom.current().nextInt(4)))
                  // Counted per confirmed answer, whatever happened earlier in the session.
                  .check(status().is(204), status().transform(code -> {
                    saved.incrementAndGet();
                    return code;
                  }))))
      .pause(session -> untilSubmit())
      .exec(http("submit").post("#{base}/attempts/#{attempt}/submit").formParam("_csrf", "#{csrf}")
          .check(status().is(200), substring("Điểm:"), status().transform(code -> {
            submitted.incrementAndGet();
            return code;
          })));

  @Override
  public void before() {
    answersBefore = answers();
    finishedBefore = finished();
    startAtMillis = System.currentTimeMillis() + (RAMP + 10) * 1000L;
  }

  private long answers() {
    return QuizLoad.count("""
        SELECT count(*) FROM attempt_answer w JOIN quiz_attempt a ON a.id = w.attempt_id
        JOIN enrollment e ON e.id = a.enrollment_id WHERE e.cohort_id = ?""", cohort);
  }

  private long finished() {
    return QuizLoad.count("""
        SELECT count(*) FROM quiz_attempt a JOIN enrollment e ON e.id = a.enrollment_id
        WHERE e.cohort_id = ? AND a.state = 'FINISHED' AND a.score IS NOT NULL""", cohort);
  }

  @Override
  public void after() {
    long stored = answers() - answersBefore;
    long graded = finished() - finishedBefore;
    System.out.printf("%nBDTX benchmark B, N = %d: answers confirmed %d, answers in the database %d (lost %d);"
        + " submits %d, graded attempts %d%n", N, saved.get(), stored, saved.get() - stored, submitted.get(), graded);
    System.out.println("  start, first page answered (ms): " + WaitingPages.percentiles(firstPage)
        + "; waited in line: " + waited.get());
    System.out.println("  start, attempt page open (ms):   " + WaitingPages.percentiles(opened));
    if (stored != saved.get() || graded != submitted.get()) {
      throw new IllegalStateException("Lost or extra rows: answers " + saved.get() + " confirmed vs " + stored
          + " stored; submits " + submitted.get() + " vs " + graded + " graded");
    }
  }

  {
    setUp(learner.injectOpen(rampUsers(N).during(Duration.ofSeconds(RAMP))))
        .protocols(protocol)
        .assertions(global().failedRequests().count().is(0L));
  }
}
