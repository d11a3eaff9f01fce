package vn.bdtx.platform.web;

import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionStore;
import reactor.core.publisher.Mono;

/**
 * What happens when the session cannot be saved at the end of a request (issue 18 item 5: Redis failed at that
 * moment, the upload was stored and the learner saw a bare 500). WebFlux saves the session just before the
 * response is committed, after the handler's work is done; this wraps the session store of WebFlux's session
 * manager so that a failed save is judged by what it would have lost:
 * <ul>
 *   <li>only the last-access time (the session in Redis is as it was): the failure is logged and the answer goes
 *       out as the handler made it — except the redirect after a state-changing form, whose next page needs the
 *       session too: that one becomes the page saying what was saved ({@link SessionSaveFailurePage});</li>
 *   <li>more (a new session, attributes written since the session was last stored; a new id is stored at once by
 *       Spring Session, with the whole session): the request fails with {@link SessionNotSavedException}, which
 *       {@link SessionSaveFailurePage} answers in Vietnamese.</li>
 * </ul>
 * The exchange reaches the save through the Reactor context ({@link CommitInsideChain}).
 */
@Component
class SessionSaves implements BeanPostProcessor {

  private static final Logger log = LoggerFactory.getLogger(SessionSaves.class);
  static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof DefaultWebSessionManager manager && !(manager.getSessionStore() instanceof WatchedStore)) {
      manager.setSessionStore(new WatchedStore(manager.getSessionStore()));
    }
    return bean;
  }

  /**
   * Whether the request changed something on the server (so its result must reach the user). Not the login form:
   * what it changes is the session itself (saved as its id changes), and without the session there is nothing to
   * tell but "try again".
   */
  static boolean changesState(ServerWebExchange exchange) {
    return !SAFE.contains(exchange.getRequest().getMethod())
        && !"/login".equals(exchange.getRequest().getPath().pathWithinApplication().value());
  }

  /** The store's sessions, each watched for what its save would write. */
  private record WatchedStore(WebSessionStore store) implements WebSessionStore {

    @Override
    public Mono<WebSession> createWebSession() {
      return store.createWebSession().map(s -> new WatchedSession(s, true));
    }

    @Override
    public Mono<WebSession> retrieveSession(String sessionId) {
      return store.retrieveSession(sessionId).map(s -> new WatchedSession(s, false));
    }

    @Override
    public Mono<Void> removeSession(String sessionId) {
      return store.removeSession(sessionId);
    }

    @Override
    public Mono<WebSession> updateLastAccessTime(WebSession session) {
      return session instanceof WatchedSession w
          ? store.updateLastAccessTime(w.session).map(s -> s == w.session ? w : new WatchedSession(s, w.changed))
          : store.updateLastAccessTime(session);
    }
  }

  /** A session that knows whether its save would write more than its last-access time. */
  private static final class WatchedSession implements WebSession {

    private final WebSession session;
    /** Whether the session holds something Redis does not: it is new, or was written since it was last saved. */
    private volatile boolean changed;

    WatchedSession(WebSession session, boolean created) {
      this.session = session;
      this.changed = created;
    }

    /** Losing this save loses nothing but the session's idle-time refresh. */
    boolean onlyTouched() {
      return !changed;
    }

    @Override
    public Mono<Void> save() {
      return session.save().onErrorResume(error -> Mono.deferContextual(context -> {
        var exchange = context.<ServerWebExchange>getOrEmpty(CommitInsideChain.EXCHANGE).orElse(null);
        if (exchange != null && onlyTouched() && !(changesState(exchange) && redirects(exchange))) {
          log.warn("Session of {} {} not saved ({}): only its last-access time is lost; the answer goes out",
              exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error.toString());
          return Mono.empty();
        }
        return Mono.error(new SessionNotSavedException(error));
      }));
    }

    private static boolean redirects(ServerWebExchange exchange) {
      var status = exchange.getResponse().getStatusCode();
      return status != null && status.is3xxRedirection();
    }

    @Override
    public String getId() {
      return session.getId();
    }

    @Override
    public Map<String, Object> getAttributes() {
      return new WatchedAttributes(session.getAttributes(), this);
    }

    @Override
    public void start() {
      session.start();
    }

    @Override
    public boolean isStarted() {
      return session.isStarted();
    }

    @Override
    public Mono<Void> changeSessionId() {
      changed = true;
      // Spring Session saves the whole session as it renames it: once that succeeded nothing is pending.
      return session.changeSessionId().doOnSuccess(done -> changed = false);
    }

    @Override
    public Mono<Void> invalidate() {
      changed = true;
      return session.invalidate();
    }

    @Override
    public boolean isExpired() {
      return session.isExpired();
    }

    @Override
    public Instant getCreationTime() {
      return session.getCreationTime();
    }

    @Override
    public Instant getLastAccessTime() {
      return session.getLastAccessTime();
    }

    @Override
    public void setMaxIdleTime(Duration maxIdleTime) {
      changed = true;
      session.setMaxIdleTime(maxIdleTime);
    }

    @Override
    public Duration getMaxIdleTime() {
      return session.getMaxIdleTime();
    }
  }

  /** The session's attributes; any write marks the session changed. */
  private static final class WatchedAttributes extends AbstractMap<String, Object> {

    private final Map<String, Object> attributes;
    private final WatchedSession owner;

    WatchedAttributes(Map<String, Object> attributes, WatchedSession owner) {
      this.attributes = attributes;
      this.owner = owner;
    }

    @Override
    public Object get(Object key) {
      return attributes.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return attributes.containsKey(key);
    }

    @Override
    public Object put(String key, Object value) {
      owner.changed = true;
      return attributes.put(key, value);
    }

    @Override
    public Object remove(Object key) {
      owner.changed = true;
      return attributes.remove(key);
    }

    @Override
    public void clear() {
      owner.changed = true;
      attributes.clear();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return java.util.Collections.unmodifiableMap(attributes).entrySet();
    }
  }
}
