package vn.bdtx.platform.security;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A refused request is logged (who, what, where) and counted as
 * {@code bdtx.access.denied}, then answered by the Vietnamese 403 page
 * (RELIABILITY.md §B: "the denial is logged").
 */
class DeniedAccessLog implements ServerAccessDeniedHandler {

  private static final Logger log = LoggerFactory.getLogger(DeniedAccessLog.class);
  private final MeterRegistry meters;

  DeniedAccessLog(MeterRegistry meters) {
    this.meters = meters;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
    meters.counter("bdtx.access.denied").increment();
    return exchange.getPrincipal().map(p -> p.getName()).defaultIfEmpty("anonymous").flatMap(who -> {
      // Paths are logged escaped: a CR/LF in a URL cannot forge a log line.
      log.warn("Access denied: user={} {} {}", who, exchange.getRequest().getMethod(),
          exchange.getRequest().getPath().value().replace("\r", "\\r").replace("\n", "\\n"));
      return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN));
    });
  }
}
