package vn.bdtx.platform.security;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Checks a login against the accounts, then hands on an authentication whose
 * principal is the {@link Caller} alone (the hash is not stored in the session),
 * and counts every outcome as {@code bdtx.logins{outcome=…}}.
 */
class CallerAuthenticationManager implements ReactiveAuthenticationManager {

  static final String METRIC = "bdtx.logins";

  private final UserDetailsRepositoryReactiveAuthenticationManager delegate;
  private final MeterRegistry meters;
  private final LoginThrottle throttle;
  private final AccountVersions versions;

  CallerAuthenticationManager(ReactiveUserDetailsService users, PasswordEncoder encoder, MeterRegistry meters,
                              LoginThrottle throttle, AccountVersions versions) {
    this.delegate = new UserDetailsRepositoryReactiveAuthenticationManager(users);
    this.delegate.setPasswordEncoder(encoder);
    this.meters = meters;
    this.throttle = throttle;
    this.versions = versions;
  }

  @Override
  public Mono<Authentication> authenticate(Authentication attempt) {
    String username = attempt.getName();
    return Mono.deferContextual(context -> Mono.just(context.<ServerWebExchange>getOrEmpty(ServerWebExchange.class)
            .map(CallerAuthenticationManager::clientAddress).orElse("unknown")))
        .flatMap(address -> authenticate(attempt, username, address));
  }

  private Mono<Authentication> authenticate(Authentication attempt, String username, String address) {
    return throttle.admit(username, address)
        .flatMap(verdict -> verdict.allowed()
            ? delegate.authenticate(attempt)
                .flatMap(ok -> throttle.succeeded(username, address).thenReturn(ok))
                .onErrorResume(BadCredentialsException.class, e -> throttle.failed(address).then(Mono.error(e)))
            : Mono.error(new LoginThrottledException(verdict.retryAfter())))
        .flatMap(this::withCallerPrincipal)
        .doOnNext(a -> count("success"))
        .doOnError(e -> count(outcomeOf(e)));
  }

  /** The address a login attempt came from: behind a trusted proxy, the client's (platform.web.ClientAddresses). */
  static String clientAddress(ServerWebExchange exchange) {
    return vn.bdtx.platform.web.ClientAddresses.of(exchange);
  }

  /** The session's caller, stamped with the account's version and the session's start. */
  private Mono<Authentication> withCallerPrincipal(Authentication authenticated) {
    Caller caller = ((CallerDetails) authenticated.getPrincipal()).caller();
    return versions.current(caller.accountId())
        .map(version -> authenticated(caller.inSession(version, java.time.Instant.now())));
  }

  /** An authentication for {@code caller}, as a successful login would create it. */
  static Authentication authenticated(Caller caller) {
    return UsernamePasswordAuthenticationToken.authenticated(caller, null, CallerDetails.authoritiesOf(caller));
  }

  private void count(String outcome) {
    meters.counter(METRIC, "outcome", outcome).increment();
  }

  private static String outcomeOf(Throwable e) {
    if (e instanceof BadCredentialsException) {
      return "bad_credentials";
    }
    if (e instanceof DisabledException) {
      return "disabled";
    }
    if (e instanceof LoginThrottledException) {
      return "throttled";
    }
    if (e instanceof LockedException) {
      return "locked";
    }
    if (e instanceof CredentialsExpiredException) {
      return "expired";
    }
    return "error";
  }
}
