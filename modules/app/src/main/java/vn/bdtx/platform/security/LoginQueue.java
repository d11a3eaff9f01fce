package vn.bdtx.platform.security;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.platform.admission.Line;

/**
 * The login line of this node (issue 19 item 4). Every login's check — throttle, account, BCrypt, re-encoding —
 * waits its turn here, and at most {@code bdtx.login.checkers} are done at once (by default one per core: BCrypt
 * is pure CPU, so more at once only makes each slower), and at most {@code bdtx.login.in-flight} logins (default 4 per
 * checker) are past the line at once, waiting for a checker or for Redis and PostgreSQL. A login that finds the line short waits in its request as
 * before; one that would wait longer than {@code bdtx.login.wait-page-after} gets a waiting page at once with its
 * place ({@link LoginQueueFilter}), while its check stays queued here: held in this node's memory under a random
 * ticket bound to the browser's session, the password in the queued check only, never written anywhere, and
 * dropped once checked. The page asks for its place until the check is done, then is logged in there.
 */
@Component
public class LoginQueue implements DisposableBean {

  /** What a waiting page learns about its login. */
  public record Place(long place, boolean done, Duration pollAfter) {
  }

  private record Waiting(String sessionId, Line.Entry<Authentication> entry, long since) {
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Line line;
  private final Scheduler checkers;
  private final Duration patience;
  private final Duration lifetime;
  private final Map<String, Waiting> tickets = new ConcurrentHashMap<>();
  private final Disposable sweeper;

  LoginQueue(@Value("${bdtx.login.checkers:0}") int checkers,
             @Value("${bdtx.login.in-flight:0}") int inFlight,
             @Value("${bdtx.login.wait-page-after:800ms}") Duration patience,
             @Value("${bdtx.login.ticket-lifetime:10m}") Duration lifetime,
             MeterRegistry meters) {
    int threads = checkers > 0 ? checkers : Runtime.getRuntime().availableProcessors();
    // More logins in progress than checker threads: while one waits for Redis or PostgreSQL (throttle, account,
    // session), another's BCrypt runs; the checker threads take them in turn. Found by LoginStormSimulation on a
    // busy machine: with as many logins in flight as threads, the threads idled behind the I/O.
    this.line = new Line("login", inFlight > 0 ? inFlight : 4 * threads, Duration.ofMillis(70));
    this.checkers = Schedulers.newParallel("password-check", threads, true);
    this.patience = patience;
    this.lifetime = lifetime;
    this.sweeper = Schedulers.parallel().schedulePeriodically(this::sweep, 1, 1, TimeUnit.MINUTES);
    Gauge.builder("bdtx.admission.waiting", line, Line::waiting).tag("line", "login")
        .description("Logins waiting for a password check on this node").register(meters);
    Gauge.builder("bdtx.admission.busy", line, Line::busy).tag("line", "login")
        .description("Password checks in progress on this node").register(meters);
  }

  Line line() {
    return line;
  }

  /** The threads that run password checks: one per checker. */
  Scheduler checkers() {
    return checkers;
  }

  /** Whether a login arriving now would wait longer than the patience setting: it gets a waiting page. */
  boolean crowded() {
    return line.crowded(patience);
  }

  /** Keeps a queued login for the browser whose session is {@code sessionId}; returns its ticket. */
  String hold(String sessionId, Line.Entry<Authentication> entry) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String ticket = HexFormat.of().formatHex(bytes);
    tickets.put(ticket, new Waiting(sessionId, entry, System.nanoTime()));
    return ticket;
  }

  /** The place of the login under {@code ticket}, if it is this session's and still held on this node. */
  public Optional<Place> place(String ticket, String sessionId) {
    return waiting(ticket, sessionId)
        .map(w -> new Place(w.entry().place(), w.entry().done(), w.entry().pollAfter()));
  }

  /**
   * Like {@link #place}, but waits up to the page's next look for the check to end, so that the page learns at once
   * when it is done.
   */
  public reactor.core.publisher.Mono<Place> look(String ticket, String sessionId) {
    return reactor.core.publisher.Mono.justOrEmpty(waiting(ticket, sessionId))
        .flatMap(w -> w.entry().doneWithin(w.entry().pollAfter())
            .map(done -> new Place(done ? 0 : w.entry().place(), done, w.entry().pollAfter())));
  }

  /** Hands over the finished login of this session's ticket, once: the ticket is forgotten. */
  Optional<Line.Entry<Authentication>> take(String ticket, String sessionId) {
    return waiting(ticket, sessionId).filter(w -> w.entry().done())
        .filter(w -> tickets.remove(ticket, w))
        .map(Waiting::entry);
  }

  private Optional<Waiting> waiting(String ticket, String sessionId) {
    if (ticket == null || sessionId == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(tickets.get(ticket)).filter(w -> w.sessionId().equals(sessionId));
  }

  /** Forgets logins nobody came back for (a closed page) once checked and older than the ticket lifetime. */
  private void sweep() {
    long now = System.nanoTime();
    tickets.values().removeIf(w -> w.entry().done() && now - w.since() > lifetime.toNanos());
  }

  @Override
  public void destroy() {
    sweeper.dispose();
    checkers.dispose();
  }
}
