package vn.bdtx.platform.security;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every body is capped by its route before it is read ({@link RequestLimits}): a
 * declared length beyond the cap is answered 413 at once, unread (it runs before
 * the CSRF filter, which would read a multipart body to disk to find its token);
 * a body without a declared length (chunked) is counted as it is read and stopped
 * at the cap ({@link ChunkedBodies}), which is also 413 (platform.web.UploadLimits). A signed-in caller's
 * 5 MB post to a small form thus never reaches the temp folder, while a submission
 * or a lecture video keeps its own limit. Callers who are not signed in were
 * judged already, more strictly ({@link AnonymousBodyGuard}).
 */
class BodyLimits implements WebFilter {

  private final RequestLimits limits;

  BodyLimits(RequestLimits limits) {
    this.limits = limits;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    var request = exchange.getRequest();
    long cap = limits.bodyBytes(request.getPath().pathWithinApplication());
    long declared = request.getHeaders().getContentLength();
    if (declared > cap) {
      return Mono.error(new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE,
          "body of " + declared + " bytes refused unread: this route takes at most " + cap));
    }
    return chain.filter(exchange);
  }
}
