package vn.bdtx.platform.security;

import java.net.URI;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import reactor.core.publisher.Mono;

/**
 * Back to the login page with the reason a person can act on: throttled (and for
 * how many minutes), a one-time password that expired, or the same message for an
 * unknown name and a wrong password (no account enumeration).
 */
class LoginFailureRedirect implements ServerAuthenticationFailureHandler {

  private final DefaultServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();

  @Override
  public Mono<Void> onAuthenticationFailure(WebFilterExchange exchange, AuthenticationException e) {
    String target;
    if (e instanceof LoginThrottledException t) {
      target = "/login?locked=" + Math.max(1, (t.retryAfter().toSeconds() + 59) / 60);
    } else if (e instanceof CredentialsExpiredException) {
      target = "/login?expired";
    } else {
      target = "/login?error";
    }
    return LastUsername.remember(exchange.getExchange())
        .then(redirect.sendRedirect(exchange.getExchange(), URI.create(target)));
  }
}
