package vn.bdtx.platform.security;

import java.net.URI;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * In front of the form login (after the CSRF check): when the login line is long, the posted login is queued and
 * the browser sent at once to its waiting page, /login/wait?t=ticket (accounts.LoginWaitController shows it);
 * when the page comes back and the check is done, the login ends here exactly as the form login ends one — a new
 * session id, the caller in the session, then the page asked for before logging in (or the dashboard), or back to
 * the login form with the usual message (the throttle counted the failure in the check).
 */
class LoginQueueFilter implements WebFilter {

  static final String WAIT_PAGE = "/login/wait";

  private final LoginQueue queue;
  private final CallerAuthenticationManager authentication;
  private final ServerSecurityContextRepository contexts;
  private final ServerAuthenticationSuccessHandler success;
  private final ServerAuthenticationFailureHandler failure;

  LoginQueueFilter(LoginQueue queue, CallerAuthenticationManager authentication, ServerSecurityContextRepository contexts,
                   ServerAuthenticationSuccessHandler success, ServerAuthenticationFailureHandler failure) {
    this.queue = queue;
    this.authentication = authentication;
    this.contexts = contexts;
    this.success = success;
    this.failure = failure;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    var request = exchange.getRequest();
    String path = request.getPath().pathWithinApplication().value();
    if (HttpMethod.POST.equals(request.getMethod()) && "/login".equals(path) && queue.crowded()) {
      return queueLogin(exchange, chain);
    }
    if (HttpMethod.GET.equals(request.getMethod()) && WAIT_PAGE.equals(path)) {
      String ticket = request.getQueryParams().getFirst("t");
      return exchange.getSession().flatMap(session -> queue.take(ticket, session.getId())
          .map(entry -> finish(new WebFilterExchange(exchange, chain), entry.result()))
          .orElseGet(() -> chain.filter(exchange)));
    }
    return chain.filter(exchange);
  }

  private Mono<Void> queueLogin(ServerWebExchange exchange, WebFilterChain chain) {
    return exchange.getFormData().flatMap(form -> {
      String username = form.getFirst("username");
      String password = form.getFirst("password");
      if (username == null || password == null) {
        return chain.filter(exchange);
      }
      var entry = authentication.enqueue(UsernamePasswordAuthenticationToken.unauthenticated(username, password),
          CallerAuthenticationManager.clientAddress(exchange));
      return exchange.getSession().flatMap(session -> {
        session.start();
        String ticket = queue.hold(session.getId(), entry);
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.SEE_OTHER);
        response.getHeaders().setLocation(URI.create(WAIT_PAGE + "?t=" + ticket));
        return response.setComplete();
      });
    });
  }

  private Mono<Void> finish(WebFilterExchange exchange, Mono<org.springframework.security.core.Authentication> result) {
    return result
        .switchIfEmpty(Mono.error(() -> new BadCredentialsException("Invalid Credentials")))
        .flatMap(authenticated -> exchange.getExchange().getSession().flatMap(WebSession::changeSessionId)
            .then(contexts.save(exchange.getExchange(), new SecurityContextImpl(authenticated)))
            .then(success.onAuthenticationSuccess(exchange, authenticated)))
        .onErrorResume(AuthenticationException.class, e -> failure.onAuthenticationFailure(exchange, e));
  }
}
