package vn.bdtx.platform.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Commits the response at the end of the filter chain, not after it. A response without a body (every redirect)
 * is otherwise committed by WebFlux's adapter after the exception handlers, so a failure while committing it —
 * the session's save, which runs just before the commit — reached the server as a bare 500 with no page
 * (issue 18 item 5). Committed here, such a failure goes through the exception handlers like any other
 * ({@link SessionSaveFailurePage}). Also hands the exchange to the session's save through the Reactor context
 * ({@link SessionSaves}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CommitInsideChain implements WebFilter {

  /** The Reactor context key under which the exchange travels to the session's save. */
  static final String EXCHANGE = CommitInsideChain.class.getName() + ".exchange";

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    return chain.filter(exchange)
        .then(Mono.defer(() -> exchange.getResponse().isCommitted() ? Mono.<Void>empty() : exchange.getResponse().setComplete()))
        .contextWrite(context -> context.put(EXCHANGE, exchange));
  }
}
