package vn.bdtx.platform.security;

import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Judges a request's body by who sends it and where, before anything reads it (it
 * runs before the CSRF filter, which reads a multipart body whole to find its
 * token): a caller without a signed-in session, and any caller of a small public
 * form (login, password reset, the public verify page, logout), may send only a
 * small form — no multipart body, a declared length of at most {@link #SMALL_FORM_BYTES}
 * and no length-less (chunked) body. Anything else is answered at once — 413 on a small
 * form's route, 401 elsewhere (a session that ended before an upload) — with the Vietnamese
 * page that nothing was stored, and the body is never subscribed to, so
 * not a byte of it reaches the temp folder. A signed-in caller's body is then capped
 * by its route ({@link BodyLimits}), and their uploads in flight counted ({@link UploadsInFlight}).
 */
class AnonymousBodyGuard implements WebFilter {

  /** The largest small form: a login or reset form is a few hundred bytes. */
  static final long SMALL_FORM_BYTES = 16 * 1024;

  private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
      HttpMethod.DELETE);

  private final ServerSecurityContextRepository contexts;

  AnonymousBodyGuard(ServerSecurityContextRepository contexts) {
    this.contexts = contexts;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    var request = exchange.getRequest();
    if (!WITH_BODY.contains(request.getMethod()) || !mayHaveBody(request)) {
      return chain.filter(exchange);
    }
    if (smallFormRoute(request.getPath().pathWithinApplication().value())) {
      return withinSmallForm(request) ? chain.filter(exchange) : refuse(HttpStatus.PAYLOAD_TOO_LARGE);
    }
    if (withinSmallForm(request)) {
      return chain.filter(exchange);
    }
    return contexts.load(exchange)
        .map(SecurityContext::getAuthentication)
        .filter(AnonymousBodyGuard::signedIn)
        .hasElement()
        .flatMap(signedIn -> signedIn ? chain.filter(exchange) : refuse(HttpStatus.UNAUTHORIZED));
  }

  /** A small URL-encoded (or plain) body with a declared length within the small-form limit. */
  static boolean withinSmallForm(ServerHttpRequest request) {
    var headers = request.getHeaders();
    MediaType type = contentType(request);
    if (type != null && "multipart".equalsIgnoreCase(type.getType())) {
      return false;
    }
    long length = headers.getContentLength();
    return length >= 0 && length <= SMALL_FORM_BYTES;
  }

  static boolean smallFormRoute(String path) {
    return path.equals("/login") || path.equals("/logout") || path.startsWith("/password/")
        || path.equals("/verify") || path.startsWith("/verify/");
  }

  private static boolean mayHaveBody(ServerHttpRequest request) {
    var headers = request.getHeaders();
    return headers.getContentLength() > 0 || headers.containsHeader("Transfer-Encoding")
        || contentType(request) != null && "multipart".equalsIgnoreCase(contentType(request).getType());
  }

  private static MediaType contentType(ServerHttpRequest request) {
    try {
      return request.getHeaders().getContentType();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static boolean signedIn(Authentication a) {
    return a != null && a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken);
  }

  private static Mono<Void> refuse(HttpStatus status) {
    return Mono.error(new ResponseStatusException(status, "body refused before reading: anonymous or small-form route"));
  }
}
