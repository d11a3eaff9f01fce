package vn.bdtx.platform.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * At most {@code bdtx.web.max-uploads-per-account} uploads (multipart bodies) of one
 * account in flight on this node; the next is answered 429 before a byte of it is
 * read (before the CSRF filter), with the Vietnamese page saying to wait for the
 * current uploads to finish, and nothing is stored. Counted per node, in memory, on
 * purpose: a count in Redis would outlive a node killed mid-upload (and lock the
 * account out of uploading until it expired) and would fail uploads while Redis is
 * down; per node the count cannot leak, since an upload leaves it whenever its
 * request ends — answered, failed or dropped by the client. Behind the load balancer
 * an account could have this many on each node; the point is that one account cannot
 * tie up a node's connections and temp folder. Callers who are not signed in send no
 * uploads at all ({@link AnonymousBodyGuard}).
 */
class UploadsInFlight implements WebFilter {

  /** Set on a refused upload's exchange: the error page then says to wait for the current uploads. */
  static final String REFUSED = "bdtxUploadsInFlight";

  private final ServerSecurityContextRepository contexts;
  private final int perAccount;
  private final ConcurrentMap<Long, Integer> inFlight = new ConcurrentHashMap<>();

  private final Counter refused;

  UploadsInFlight(ServerSecurityContextRepository contexts, int perAccount, MeterRegistry meters) {
    this.contexts = contexts;
    this.perAccount = perAccount;
    // bdtx_uploads_refused_total{reason="in_flight"}
    this.refused = meters.counter("bdtx.uploads.refused", "reason", "in_flight");
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!isUpload(exchange)) {
      return chain.filter(exchange);
    }
    return contexts.load(exchange)
        .map(SecurityContext::getAuthentication)
        .filter(a -> a != null && a.getPrincipal() instanceof Caller)
        .map(a -> ((Caller) a.getPrincipal()).accountId())
        .map(accountId -> Mono.defer(() -> counted(accountId, exchange, chain)))
        .defaultIfEmpty(Mono.defer(() -> chain.filter(exchange)))
        .flatMap(work -> work);
  }

  private Mono<Void> counted(long accountId, ServerWebExchange exchange, WebFilterChain chain) {
    // compute() changes one account's count atomically, so the map holds only accounts with uploads in flight.
    if (inFlight.compute(accountId, (id, n) -> n == null ? 1 : n + 1) > perAccount) {
      release(accountId);
      exchange.getAttributes().put(REFUSED, Boolean.TRUE);
      refused.increment();
      return Mono.error(new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS,
          "upload refused unread: " + perAccount + " uploads of this account are in flight on this node"));
    }
    return chain.filter(exchange).doFinally(signal -> release(accountId));
  }

  private void release(long accountId) {
    inFlight.computeIfPresent(accountId, (id, n) -> n <= 1 ? null : n - 1);
  }

  /** Uploads of this account in flight on this node (for tests and metrics). */
  int inFlight(long accountId) {
    return inFlight.getOrDefault(accountId, 0);
  }

  private static boolean isUpload(ServerWebExchange exchange) {
    try {
      MediaType type = exchange.getRequest().getHeaders().getContentType();
      return type != null && "multipart".equalsIgnoreCase(type.getType());
    } catch (RuntimeException unreadable) {
      return false;
    }
  }
}
