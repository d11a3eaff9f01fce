package vn.bdtx.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
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
 */
@Service
class PasswordResets {

  private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final JavaMailSender mail;
  private final PasswordEncoder encoder;
  private final PasswordPolicy policy;
  private final AuditLog audit;
  private final AccountVersions versions;
  private final Clock clock;
  private final String publicUrl;
  private final String from;
  private final Duration lifetime;
  private final SecureRandom random = new SecureRandom();
  private final PasswordResetThrottle throttle;
  private final Counter throttled;

  PasswordResets(DatabaseClient db, TransactionalOperator tx, JavaMailSender mail, PasswordEncoder encoder,
                 PasswordPolicy policy, AuditLog audit, AccountVersions versions, Clock clock,
                 @Value("${bdtx.public-url}") String publicUrl, @Value("${bdtx.mail.from}") String from,
                 @Value("${bdtx.mail.reset-link-lifetime}") Duration lifetime, PasswordResetThrottle throttle,
                 MeterRegistry meters) {
    this.throttle = throttle;
    this.throttled = Counter.builder("bdtx.password.reset.throttled")
        .description("Password-reset requests answered without a mail because of the throttle").register(meters);
    this.db = db;
    this.tx = tx;
    this.mail = mail;
    this.encoder = encoder;
    this.policy = policy;
    this.audit = audit;
    this.versions = versions;
    this.clock = clock;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    this.from = from;
    this.lifetime = lifetime;
  }

  /**
   * Answers at once and sends the link afterwards, off the request, if the address belongs to an enabled
   * account and the throttle admits it: the answer takes the same time and says the same whether or not
   * anyone is registered there (issue 18: 72 ms against 9 ms while the mail was sent inside the request).
   * A link lost to a crash before it left is asked for again; the page says a link is on its way.
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
        .doOnNext(admitted -> {
          if (admitted) {
            sendAfterAnswering(email.get());
          } else {
            throttled.increment();
          }
        })
        .then();
  }

  private void sendAfterAnswering(String email) {
    createAndSend(email)
        .timeout(Duration.ofMinutes(2))
        .subscribeOn(Schedulers.boundedElastic())
        .subscribe(null, e -> log.error("Password reset e-mail could not be sent: {}", e.toString()));
  }

  /** Sends a link if the address belongs to an enabled account. */
  private Mono<Void> createAndSend(String email) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return db.sql("SELECT id, full_name FROM account WHERE email = :e AND enabled").bind("e", email)
        .map((r, m) -> new Object[] {r.get("id", Long.class), r.get("full_name", String.class)}).one()
        .flatMap(account -> db.sql("DELETE FROM password_reset WHERE account_id = :a AND used_at IS NULL")
            .bind("a", account[0]).then()
            .then(db.sql("INSERT INTO password_reset (token_hash, account_id, expires_at) VALUES (:h, :a, :x)")
                .bind("h", sha256(token)).bind("a", account[0]).bind("x", clock.instant().plus(lifetime)).then())
            .then(audit.record(null, "PASSWORD_RESET_REQUESTED", "account", (Long) account[0], Map.of()))
            .as(tx::transactional)
            .then(send(email, (String) account[1], token)))
        .onErrorResume(e -> {
          // The page answers the same; the operator sees why no mail left.
          log.error("Password reset e-mail could not be sent: {}", e.toString());
          return Mono.empty();
        });
  }

  private Mono<Void> send(String to, String name, String token) {
    var message = new SimpleMailMessage();
    message.setFrom(from);
    message.setTo(to);
    message.setSubject("BDTX: đặt lại mật khẩu / reset your password");
    message.setText("""
        Chào %s,

        Có người (có thể là bạn) đã đề nghị đặt lại mật khẩu tài khoản BDTX của bạn.
        Mở liên kết sau trong %d phút để chọn mật khẩu mới; liên kết chỉ dùng được một lần:

        %s/password/reset?token=%s

        Nếu bạn không đề nghị, hãy bỏ qua thư này: mật khẩu của bạn không thay đổi.

        (Someone asked to reset your BDTX password. The link above works once, for %d minutes.)
        """.formatted(name, lifetime.toMinutes(), publicUrl, token, lifetime.toMinutes()));
    return Mono.fromRunnable(() -> mail.send(message)).subscribeOn(Schedulers.boundedElastic()).then();
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
