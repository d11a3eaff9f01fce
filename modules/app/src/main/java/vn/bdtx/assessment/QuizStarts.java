package vn.bdtx.assessment;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.platform.admission.Line;

/**
 * The quiz-start line of this node (issue 19 item 3): at most {@code bdtx.quiz.starts-at-once} starts are in
 * progress together, each from its "Bắt đầu làm bài" until its attempt page has been served (or
 * {@code bdtx.quiz.start-hold} at most). A start that finds them all taken waits its turn under a ticket, on a
 * small page that shows its place and goes on by itself; the attempt starts — and its time limit with it — only
 * when its turn comes. A second press by the same learner while one waits joins the same ticket, and a start
 * resumes an open attempt, so one learner never gets two attempts. Held in this node's memory only.
 */
@Component
class QuizStarts implements DisposableBean {

  /** One learner's start, waiting or done. */
  record Waiting(String ticket, String sessionId, long accountId, long cohortId, String lectureId,
                 Line.Entry<Quizzes.Started> entry, long since) {
  }

  private record Key(long accountId, long cohortId, String lectureId) {
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Line line;
  private final Duration hold;
  private final Map<String, Waiting> tickets = new ConcurrentHashMap<>();
  private final Map<Key, Waiting> byLearner = new ConcurrentHashMap<>();
  private final Disposable sweeper;

  QuizStarts(@Value("${bdtx.quiz.starts-at-once:0}") int atOnce, @Value("${bdtx.quiz.start-hold:3s}") Duration hold,
             MeterRegistry meters) {
    this.line = new Line("quiz-start", atOnce > 0 ? atOnce : 4 * Runtime.getRuntime().availableProcessors(),
        Duration.ofMillis(30));
    this.hold = hold;
    this.sweeper = Schedulers.parallel().schedulePeriodically(this::sweep, 1, 1, TimeUnit.MINUTES);
    Gauge.builder("bdtx.admission.waiting", line, Line::waiting).tag("line", "quiz-start")
        .description("Quiz starts waiting their turn on this node").register(meters);
    Gauge.builder("bdtx.admission.busy", line, Line::busy).tag("line", "quiz-start")
        .description("Quiz starts in progress on this node").register(meters);
  }

  /**
   * A learner's start: admitted at once when the line is free (a {@link Waiting} without a ticket, its work
   * already going), otherwise waiting under a ticket — the one this learner already waits under for this quiz, if
   * any.
   */
  Waiting enter(String sessionId, long accountId, long cohortId, String lectureId, Supplier<Mono<Quizzes.Started>> start) {
    var key = new Key(accountId, cohortId, lectureId);
    Waiting already = byLearner.get(key);
    if (already != null && !already.entry().done()) {
      return already;
    }
    // Only a start that opens an attempt keeps its place until the attempt page; a refusal frees it at once.
    var entry = line.enter(start, accountId, hold, started -> started instanceof Quizzes.Started.Ok);
    if (entry.place() == 0) {
      return new Waiting(null, sessionId, accountId, cohortId, lectureId, entry, System.nanoTime());
    }
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    var waiting = new Waiting(HexFormat.of().formatHex(bytes), sessionId, accountId, cohortId, lectureId, entry,
        System.nanoTime());
    tickets.put(waiting.ticket(), waiting);
    byLearner.put(key, waiting);
    return waiting;
  }

  /** The caller's waiting start under {@code ticket} for this quiz; empty for anyone else's or one not held here. */
  Optional<Waiting> find(String ticket, long accountId, long cohortId, String lectureId) {
    return Optional.ofNullable(ticket == null ? null : tickets.get(ticket))
        .filter(w -> w.accountId() == accountId && w.cohortId() == cohortId && w.lectureId().equals(lectureId));
  }

  /**
   * The waiting start under {@code ticket} for this quiz, if it was pressed in one of the browser sessions the
   * request's cookie names: what a waiting page's look may read without reading the session (its place).
   */
  Optional<Waiting> look(String ticket, java.util.List<String> sessionIds, long cohortId, String lectureId) {
    return Optional.ofNullable(ticket == null ? null : tickets.get(ticket))
        .filter(w -> w.sessionId() != null && sessionIds.contains(w.sessionId()))
        .filter(w -> w.cohortId() == cohortId && w.lectureId().equals(lectureId));
  }

  /** Whether a start pressed now would be admitted at once (nobody waits, a place is free). */
  boolean free() {
    return line.free();
  }

  /** Forgets a done start once its learner has been sent on. */
  void forget(Waiting w) {
    tickets.remove(w.ticket(), w);
    byLearner.remove(new Key(w.accountId(), w.cohortId(), w.lectureId()), w);
  }

  /** The learner's attempt page has been served: their start's place goes to the next in line. */
  void served(long accountId) {
    line.release(accountId);
  }

  double perSecond() {
    return line.perSecond();
  }

  private void sweep() {
    long now = System.nanoTime();
    tickets.values().removeIf(w -> {
      boolean old = w.entry().done() && now - w.since() > TimeUnit.MINUTES.toNanos(10);
      if (old) {
        byLearner.remove(new Key(w.accountId(), w.cohortId(), w.lectureId()), w);
      }
      return old;
    });
  }

  @Override
  public void destroy() {
    sweeper.dispose();
  }
}
