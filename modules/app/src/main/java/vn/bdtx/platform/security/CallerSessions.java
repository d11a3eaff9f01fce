package vn.bdtx.platform.security;

import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/** Replaces the caller held in the current session, under a new session id. */
@Component
public class CallerSessions {

  private final ServerSecurityContextRepository contexts;

  CallerSessions(ServerSecurityContextRepository contexts) {
    this.contexts = contexts;
  }

  /** After a password change: the session now holds {@code caller}, and its id is new (ASVS 7.2.4). */
  public Mono<Void> replace(ServerWebExchange exchange, Caller caller) {
    var context = new SecurityContextImpl(CallerAuthenticationManager.authenticated(caller));
    return exchange.getSession().flatMap(WebSession::changeSessionId)
        .then(contexts.save(exchange, context));
  }
}
