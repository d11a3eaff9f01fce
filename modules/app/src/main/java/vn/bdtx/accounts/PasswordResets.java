package vn.bdtx.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.domain.accounts.PasswordPolicy;
import vn.bdtx.domain.accounts.PasswordRejection;
import vn.bdtx.domain.text.PersonText;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.security.AccountVersions;
import vn.bdtx.platform.security.PasswordResetThrottle;

/**
 * "Forgot password" by e-mail link: the answer never says whether an address has
 * an account; the link holds a random 256-bit token of which only the SHA-256 is
 * stored; it expires and works once; using it ends the account's other sessions.
 * The mail itself is queued and sent by {@link PasswordResetMails}.
 */
@Service
class PasswordResets {

  private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final PasswordResetMails mails;
  private final PasswordEncoder encoder;
  private final PasswordPolicy policy;
  private final AuditLog audit;
  private final AccountVersions versions;
  private final Clock clock;
  private final PasswordResetThrottle throttle;
  private final Counter throttled;

  PasswordResets(DatabaseClient db, TransactionalOperator tx, PasswordResetMails mails, PasswordEncoder encoder,
                 PasswordPolicy policy, AuditLog audit, AccountVersions versions, Clock clock,
                 PasswordResetThrottle throttle, MeterRegistry meters) {
    this.throttle = throttle;
    this.throttled = Counter.builder("bdtx.password.reset.throttled")
        .description("Password-reset requests answered without a mail because of the throttle").register(meters);
    this.db = db;
    this.tx = tx;
    this.mails = mails;
    this.encoder = encoder;
    this.policy = policy;
    this.audit = audit;
    this.versions = versions;
    this.clock = clock;
  }

  /**
   * Queues a mail for the address if the throttle admits the request, and answers: the request does the same work
   * (one row queued) whether or not anyone is registered at the address, so the answer takes the same time and says
   * the same (issue 18: 72 ms against 9 ms while the mail was sent inside the request). The row is committed before
   * the answer and mailed afterwards, off the request ({@link PasswordResetMails}): a crash or a mail server that is
   * down between the answer and the sending delays the mail, never loses it.
   */
  Mono<Void> request(String rawEmail, ServerWebExchange exchange) {
    var email = PersonText.email(rawEmail);
    if (email.isEmpty()) {
      return Mono.empty();
    }
    return throttle.admit(email.get(), exchange)
        .onErrorResume(e -> {
          log.warn("Password reset not throttled (Redis), no mail sent: {}", e.toString());
          return Mono.just(false);
        })
        .flatMap(admitted -> {
          if (!admitted) {
            throttled.increment();
            return Mono.empty();
          }
          return mails.queue(email.get()).doOnSuccess(done -> mails.sendSoon());
        })
        .then();
  }

  /** Whether a token can still be used (for showing the form). */
  Mono<Boolean> usable(String token) {
    if (token == null || token.length() > 100) {
      return Mono.just(false);
    }
    return db.sql("SELECT EXISTS (SELECT 1 FROM password_reset WHERE token_hash = :h AND used_at IS NULL AND expires_at > :now) AS ok")
        .bind("h", sha256(token)).bind("now", clock.instant())
        .map((r, m) -> r.get("ok", Boolean.class)).one();
  }

  /** The outcome: problems with the password, or the link no longer usable; empty list when done. */
  record Outcome(boolean linkUsable, List<PasswordRejection> rejections, String contextWord) {
    Outcome(boolean linkUsable, List<PasswordRejection> rejections) {
      this(linkUsable, rejections, null);
    }
  }

  Mono<Outcome> complete(String token, String password, String confirm) {
    if (token == null || token.length() > 100) {
      return Mono.just(new Outcome(false, List.of()));
    }
    return db.sql("SELECT a.id, a.username, a.full_name FROM password_reset r JOIN account a ON a.id = r.account_id "
            + "WHERE r.token_hash = :h AND r.used_at IS NULL AND r.expires_at > :now")
        .bind("h", sha256(token)).bind("now", clock.instant())
        .map((r, m) -> new Object[] {r.get("id", Long.class), r.get("username", String.class), r.get("full_name", String.class)})
        .one()
        .flatMap(account -> {
          var personal = List.of((String) account[1], (String) account[2]);
          var rejections = new ArrayList<>(policy.check(password, personal));
          if (!password.equals(confirm)) {
            rejections.add(PasswordRejection.CONFIRMATION_MISMATCH);
          }
          if (!rejections.isEmpty()) {
            return Mono.just(new Outcome(true, List.copyOf(rejections), policy.contextWord(password, personal).orElse(null)));
          }
          long id = (Long) account[0];
          return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(Schedulers.boundedElastic())
              .flatMap(hash -> db.sql("UPDATE password_reset SET used_at = now() WHERE token_hash = :h AND used_at IS NULL")
                  .bind("h", sha256(token)).fetch().rowsUpdated()
                  .flatMap(used -> used == 0 ? Mono.just(new Outcome(false, List.of()))
                      : db.sql("""
                              UPDATE account SET password_hash = :p, must_change_password = FALSE, password_expires_at = NULL,
                                password_changed_at = now(), activated_at = COALESCE(activated_at, now()),
                                sessions_revoked_at = now(), updated_at = now() WHERE id = :id""")
                          .bind("p", hash).bind("id", id).then()
                          .then(audit.record(null, "PASSWORD_RESET_BY_EMAIL", "account", id, Map.of()))
                          .thenReturn(new Outcome(true, List.of())))
                  .as(tx::transactional))
              .flatMap(outcome -> outcome.linkUsable() && outcome.rejections().isEmpty()
                  ? versions.bump(id).thenReturn(outcome) : Mono.just(outcome));
        })
        .defaultIfEmpty(new Outcome(false, List.of()));
  }

  static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
