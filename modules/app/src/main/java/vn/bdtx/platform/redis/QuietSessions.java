package vn.bdtx.platform.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import reactor.core.publisher.Mono;
import vn.bdtx.platform.security.SessionValues;

/**
 * Spring Session's Redis repository, told to write only what changed (issue 19 item 1). Spring Session stamps
 * every request's session with the time and then writes it (EXISTS, HSET of the last-access time, EXPIRE): two
 * writes and a read per page, on pages that change nothing. Here:
 * <ul>
 *   <li>a session whose attributes did not change is not written at all;</li>
 *   <li>its last-access time (and the key's expiry) is refreshed only when more than {@code touchInterval} has
 *       passed since the stored one; the stored idle timeout is the configured one plus that interval, so a
 *       session in use never expires and an idle one ends between idle-timeout and idle-timeout + interval after
 *       its last request (never earlier than the setting says);</li>
 *   <li>a stored session this version cannot read (written in Java serialisation before an upgrade, or damaged)
 *       is deleted and treated as absent: the person gets the login page, not an error.</li>
 * </ul>
 */
final class QuietSessions implements ReactiveSessionRepository<QuietSessions.QuietSession> {

  private static final Logger log = LoggerFactory.getLogger(QuietSessions.class);

  private final ReactiveSessionRepository<Session> redis;
  private final Duration touchInterval;

  @SuppressWarnings({"unchecked", "rawtypes"})
  QuietSessions(ReactiveSessionRepository<? extends Session> redis, Duration touchInterval) {
    this.redis = (ReactiveSessionRepository) redis;
    this.touchInterval = touchInterval;
  }

  @Override
  public Mono<QuietSession> createSession() {
    return redis.createSession().map(s -> new QuietSession(s, true));
  }

  @Override
  public Mono<Void> save(QuietSession session) {
    if (!session.dirty) {
      return Mono.empty();
    }
    session.catchUpAccessTime();
    return redis.save(session.stored).doOnSuccess(done -> session.dirty = false);
  }

  @Override
  public Mono<QuietSession> findById(String id) {
    return redis.findById(id).map(s -> new QuietSession(s, false))
        .onErrorResume(SessionValues.UnreadableSessionException.class, e -> {
          log.info("Session ending at its next request: it holds {}; the person is asked to log in again", e.getMessage());
          return redis.deleteById(id).then(Mono.empty());
        });
  }

  @Override
  public Mono<Void> deleteById(String id) {
    return redis.deleteById(id);
  }

  /** A session that remembers whether it holds anything Redis does not. */
  final class QuietSession implements Session {

    private final Session stored;
    private volatile boolean dirty;
    /** This request's access time, held back while only the time would change. */
    private volatile Instant heldAccess;

    QuietSession(Session stored, boolean created) {
      this.stored = stored;
      this.dirty = created;
    }

    @Override
    public String getId() {
      return stored.getId();
    }

    @Override
    public String changeSessionId() {
      dirty = true;
      return stored.changeSessionId();
    }

    @Override
    public <T> T getAttribute(String name) {
      return stored.getAttribute(name);
    }

    @Override
    public Set<String> getAttributeNames() {
      return stored.getAttributeNames();
    }

    /**
     * Marks the session changed unless the same immutable value is put again (a role chosen again); any other
     * object counts as a change even when equal, since it may have been changed in place.
     */
    @Override
    public void setAttribute(String name, Object value) {
      if (value == null) {
        removeAttribute(name);
        return;
      }
      Object old = stored.getAttribute(name);
      if (!(immutable(value) && Objects.equals(old, value))) {
        dirty = true;
      }
      stored.setAttribute(name, value);
    }

    @Override
    public void removeAttribute(String name) {
      if (stored.getAttribute(name) != null) {
        dirty = true;
        stored.removeAttribute(name);
      }
    }

    @Override
    public Instant getCreationTime() {
      return stored.getCreationTime();
    }

    /** Passed on (and so written) only when the stored time is older than the touch interval. */
    @Override
    public void setLastAccessedTime(Instant time) {
      if (dirty || !time.isBefore(stored.getLastAccessedTime().plus(touchInterval))) {
        dirty = true;
        stored.setLastAccessedTime(time);
      } else {
        heldAccess = time;
      }
    }

    /** A session written anyway carries this request's access time too. */
    void catchUpAccessTime() {
      Instant held = heldAccess;
      if (held != null && held.isAfter(stored.getLastAccessedTime())) {
        stored.setLastAccessedTime(held);
      }
      heldAccess = null;
    }

    @Override
    public Instant getLastAccessedTime() {
      return stored.getLastAccessedTime();
    }

    @Override
    public void setMaxInactiveInterval(Duration interval) {
      dirty = true;
      stored.setMaxInactiveInterval(interval);
    }

    @Override
    public Duration getMaxInactiveInterval() {
      return stored.getMaxInactiveInterval();
    }

    @Override
    public boolean isExpired() {
      return stored.isExpired();
    }
  }

  private static boolean immutable(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean;
  }
}
