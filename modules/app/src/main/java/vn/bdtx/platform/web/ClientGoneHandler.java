package vn.bdtx.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

/**
 * A browser that goes away mid-request (a phone losing the network halfway
 * through an upload) is not a server error: there is nobody to answer, so no
 * error page is rendered and nothing is logged as an error. Whatever the request
 * was doing has already failed before it changed anything.
 */
@Component
@Order(-2)
class ClientGoneHandler implements WebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ClientGoneHandler.class);

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AbortedException) {
        log.info("[{}] {} {}: the client closed the connection before the request was complete",
            exchange.getRequest().getId(), exchange.getRequest().getMethod(), exchange.getRequest().getPath());
        return Mono.empty();
      }
    }
    return Mono.error(error);
  }
}
