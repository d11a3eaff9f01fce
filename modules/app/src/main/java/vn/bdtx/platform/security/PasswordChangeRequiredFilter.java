package vn.bdtx.platform.security;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Until a person has replaced the password they were given (the first admin's,
 * or a one-time password from an import or reset), every route but the change
 * page and logout sends them to the change page (ASVS 6.4.1). Nothing else runs.
 */
class PasswordChangeRequiredFilter implements WebFilter {

  static final String CHANGE_PAGE = "/account/password";

  private final ServerWebExchangeMatcher allowed = ServerWebExchangeMatchers.matchers(
      new PathPatternParserServerWebExchangeMatcher(CHANGE_PAGE),
      new PathPatternParserServerWebExchangeMatcher("/logout"),
      new PathPatternParserServerWebExchangeMatcher("/css/**"),
      new PathPatternParserServerWebExchangeMatcher("/js/**"),
      new PathPatternParserServerWebExchangeMatcher("/img/**"),
      new PathPatternParserServerWebExchangeMatcher("/favicon.ico"),
      new PathPatternParserServerWebExchangeMatcher("/error"));

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    return exchange.getPrincipal()
        .map(p -> p instanceof Authentication a && a.getPrincipal() instanceof Caller c && c.mustChangePassword())
        .defaultIfEmpty(false)
        .flatMap(must -> must ? allowed.matches(exchange).map(m -> !m.isMatch()) : Mono.just(false))
        .flatMap(blocked -> blocked ? redirectToChangePage(exchange) : chain.filter(exchange));
  }

  private static Mono<Void> redirectToChangePage(ServerWebExchange exchange) {
    var response = exchange.getResponse();
    response.setStatusCode(HttpStatus.SEE_OTHER);
    response.getHeaders().setLocation(URI.create(CHANGE_PAGE));
    return response.setComplete();
  }
}
