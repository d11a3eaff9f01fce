package vn.bdtx.platform.security;

import java.net.URI;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * Keeps the caller in a session true to the account: when the account's version
 * has moved (a role granted or revoked, the account disabled, its password reset),
 * the caller is reloaded before authorisation runs: a page view is answered with a
 * redirect to itself, judged afresh; any other request goes on with the fresh
 * caller. A disabled account, or a session older than a reset, is ended.
 */
class CallerRefreshFilter implements WebFilter {

  private final AccountVersions versions;
  private final CallerDirectory directory;
  private final ServerSecurityContextRepository contexts;

  CallerRefreshFilter(AccountVersions versions, CallerDirectory directory, ServerSecurityContextRepository contexts) {
    this.versions = versions;
    this.directory = directory;
    this.contexts = contexts;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    // Decide first, then run the chain exactly once (a chain completes empty, so no switchIfEmpty after it).
    return exchange.getPrincipal()
        .filter(p -> p instanceof Authentication a && a.getPrincipal() instanceof Caller)
        .map(p -> (Caller) ((Authentication) p).getPrincipal())
        .flatMap(caller -> versions.current(caller.accountId())
            .filter(version -> version != caller.version())
            .map(version -> Optional.of(new Stale(caller, version))))
        .defaultIfEmpty(Optional.empty())
        .flatMap(stale -> stale.isEmpty() ? chain.filter(exchange)
            : refresh(exchange, chain, stale.get().caller(), stale.get().version()));
  }

  private record Stale(Caller caller, long version) {
  }

  private Mono<Void> refresh(ServerWebExchange exchange, WebFilterChain chain, Caller old, long version) {
    return directory.byId(old.accountId())
        .filter(state -> state.enabled()
            && (state.sessionsRevokedAt() == null || old.since().isAfter(state.sessionsRevokedAt())))
        .map(state -> Optional.of(state.caller().inSession(version, old.since())))
        .defaultIfEmpty(Optional.empty())
        .flatMap(fresh -> fresh.isEmpty() ? endSession(exchange) : continueAs(exchange, chain, fresh.get()));
  }

  private Mono<Void> continueAs(ServerWebExchange exchange, WebFilterChain chain, Caller fresh) {
    var context = new SecurityContextImpl(CallerAuthenticationManager.authenticated(fresh));
    var request = exchange.getRequest();
    if (HttpMethod.GET.equals(request.getMethod())) {
      // Ask again: the repeated request is judged from the start with the fresh caller.
      String query = request.getURI().getRawQuery();
      return contexts.save(exchange, context)
          .then(redirect(exchange, request.getURI().getRawPath() + (query == null ? "" : "?" + query)));
    }
    return contexts.save(exchange, context)
        .then(chain.filter(exchange).contextWrite(ReactiveSecurityContextHolder.withSecurityContext(Mono.just(context))));
  }

  private static Mono<Void> endSession(ServerWebExchange exchange) {
    return exchange.getSession().flatMap(WebSession::invalidate).then(Mono.defer(() -> redirect(exchange, "/login")));
  }

  private static Mono<Void> redirect(ServerWebExchange exchange, String location) {
    var response = exchange.getResponse();
    response.setStatusCode(HttpStatus.SEE_OTHER);
    response.getHeaders().setLocation(URI.create(location));
    return response.setComplete();
  }
}
