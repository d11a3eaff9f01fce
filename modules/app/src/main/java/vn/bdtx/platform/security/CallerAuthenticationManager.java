package vn.bdtx.platform.security;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.ReactiveUserDetailsPasswordService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Checks a login against the accounts, then hands on an authentication whose
 * principal is the {@link Caller} alone (the hash is not stored in the session),
 * and counts every outcome as {@code bdtx.logins{outcome=…}}.
 *
 * <p>A password checked against a hash weaker than the encoder's (a lower BCrypt cost, before the setting was
 * raised) is re-encoded once and stored by the accounts ({@link ReactiveUserDetailsPasswordService}), so a change
 * of cost is paid once per person, not on every login. Not for a one-time password (credential sheet, admin
 * reset): it is hashed cheaply on purpose and replaced at this very login by the password the person chooses.
 */
class CallerAuthenticationManager implements ReactiveAuthenticationManager {

  static final String METRIC = "bdtx.logins";
  private static final Logger log = LoggerFactory.getLogger(CallerAuthenticationManager.class);

  private final UserDetailsRepositoryReactiveAuthenticationManager delegate;
  private final ReactiveUserDetailsPasswordService rehashes;
  private final PasswordEncoder encoder;
  private final MeterRegistry meters;
  private final LoginThrottle throttle;
  private final AccountVersions versions;
  private final LoginQueue queue;

  CallerAuthenticationManager(ReactiveUserDetailsService users, ReactiveUserDetailsPasswordService rehashes,
                              PasswordEncoder encoder, MeterRegistry meters, LoginThrottle throttle,
                              AccountVersions versions, LoginQueue queue) {
    this.delegate = new UserDetailsRepositoryReactiveAuthenticationManager(users);
    // The password check (BCrypt, tens of milliseconds of CPU) runs on the queue's threads, one per core.
    this.delegate.setScheduler(queue.checkers());
    this.queue = queue;
    // Spring's own upgrade re-encodes whatever the account (one-time passwords included) and, without a password
    // service, throws the result away on every login: the check here matches only; the upgrade is done below.
    this.delegate.setPasswordEncoder(new MatchOnly(encoder));
    this.rehashes = rehashes;
    this.encoder = encoder;
    this.meters = meters;
    this.throttle = throttle;
    this.versions = versions;
  }

  /**
   * A login as the form posts it and waits for it: it takes its place in the login line (LoginQueue) like every
   * other, and the request waits for its turn and its check.
   */
  @Override
  public Mono<Authentication> authenticate(Authentication attempt) {
    return Mono.deferContextual(context -> Mono.just(context.<ServerWebExchange>getOrEmpty(ServerWebExchange.class)
            .map(CallerAuthenticationManager::clientAddress).orElse("unknown")))
        .flatMap(address -> enqueue(attempt, address).result());
  }

  /**
   * Puts a login in the line: its check (throttle, account, password, re-encoding) starts when a checker is free
   * and its turn has come, and runs to its end whether or not anyone waits for it.
   */
  vn.bdtx.platform.admission.Line.Entry<Authentication> enqueue(Authentication attempt, String address) {
    return queue.line().enter(() -> authenticate(attempt, attempt.getName(), address));
  }

  private Mono<Authentication> authenticate(Authentication attempt, String username, String address) {
    return throttle.admit(username, address)
        .flatMap(verdict -> verdict.allowed()
            ? delegate.authenticate(attempt)
                .flatMap(ok -> upgradeHashIfWeaker(ok, attempt))
                .flatMap(ok -> throttle.succeeded(username, address).thenReturn(ok))
                .onErrorResume(BadCredentialsException.class, e -> throttle.failed(address).then(Mono.error(e)))
            : Mono.error(new LoginThrottledException(verdict.retryAfter())))
        .flatMap(this::withCallerPrincipal)
        .doOnNext(a -> count("success"))
        .doOnError(e -> count(outcomeOf(e)));
  }

  /**
   * Stores the password re-encoded at the encoder's strength when the account's hash is weaker (BCrypt's cost
   * below the setting): the one extra encoding is paid at this login only. A failed write is logged and the login
   * goes on; the next login tries again.
   */
  private Mono<Authentication> upgradeHashIfWeaker(Authentication authenticated, Authentication attempt) {
    CallerDetails details = (CallerDetails) authenticated.getPrincipal();
    Object presented = attempt.getCredentials();
    if (presented == null || details.caller().mustChangePassword() || !encoder.upgradeEncoding(details.getPassword())) {
      return Mono.just(authenticated);
    }
    String password = presented.toString();
    return Mono.fromCallable(() -> encoder.encode(password))
        // BCrypt costs tens of milliseconds: keep it off the event loop, on the checkers' threads.
        .subscribeOn(queue.checkers())
        .flatMap(hash -> rehashes.updatePassword(details, hash))
        .thenReturn(authenticated)
        .onErrorResume(e -> {
          log.warn("Could not store the re-encoded password of account {}: {}", details.caller().accountId(), e.toString());
          return Mono.just(authenticated);
        });
  }

  /** The encoder for the check alone: it never asks for an upgrade (upgradeHashIfWeaker decides). */
  private record MatchOnly(PasswordEncoder encoder) implements PasswordEncoder {
    @Override
    public String encode(CharSequence raw) {
      return encoder.encode(raw);
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
      return encoder.matches(raw, encoded);
    }

    @Override
    public boolean upgradeEncoding(String encoded) {
      return false;
    }
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
