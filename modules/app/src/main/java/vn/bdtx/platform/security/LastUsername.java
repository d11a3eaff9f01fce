package vn.bdtx.platform.security;

import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The user name of a login that failed, kept in the (anonymous) browser session so that the login page shows it
 * again and the person retypes only the password. Only the name: never the password.
 */
public final class LastUsername {

  static final String ATTRIBUTE = "bdtx.login.username";
  private static final int LONGEST = 254;

  private LastUsername() {
  }

  /** Remembers the name posted with a failed login. */
  static Mono<Void> remember(ServerWebExchange exchange) {
    return exchange.getFormData()
        .map(form -> {
          String name = form.getFirst("username");
          return name == null ? "" : name.strip();
        })
        .filter(name -> !name.isEmpty() && name.length() <= LONGEST)
        .flatMap(name -> exchange.getSession().doOnNext(session -> session.getAttributes().put(ATTRIBUTE, name)))
        .then();
  }

  /** The name of the last failed login in this browser session, or "" when there is none. */
  public static Mono<String> of(ServerWebExchange exchange) {
    return exchange.getSession().map(session -> session.getAttributeOrDefault(ATTRIBUTE, ""));
  }
}
