package vn.bdtx.accounts;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.jobs.Jobs;
import vn.bdtx.platform.mail.MailTexts;

/**
 * The queue of password-reset mails ({@code password_reset_mail}, issue 18 item 4). The request only queues a row
 * — the same statement whether or not an account has the address, committed before the answer — so a crash
 * between answering and sending, or a mail server that is down, loses no mail, and the answer takes the same time
 * either way. A row is then sent at once, off the request ({@link #sendSoon}), and by a job on every node while
 * the mail server refuses (30 s, 1, 2, 4 … min later, at most 10 min). Sending claims the row with
 * {@code FOR UPDATE SKIP LOCKED} and, in that transaction, makes the link's token (only its SHA-256 is stored, and
 * only from here: the token exists nowhere but in the mail), hands the mail to the mail server and deletes the
 * row: two nodes never send one request twice. The account's earlier unused links end once the new one is
 * accepted by the mail server (not before: a failed try leaves the link already sent working). A row whose
 * address has no enabled account is deleted unsent, and so is one asked for more than a day ago.
 */
@Component
class PasswordResetMails {

  private static final Logger log = LoggerFactory.getLogger(PasswordResetMails.class);
  static final Duration FIRST_RETRY = Duration.ofSeconds(30);
  static final Duration LONGEST_WAIT = Duration.ofMinutes(10);
  /** A request not sent within a day is dropped: whoever asked has asked again or been helped otherwise. */
  static final Duration GIVE_UP_AFTER = Duration.ofDays(1);

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final JavaMailSender mail;
  private final AuditLog audit;
  private final Clock clock;
  private final String publicUrl;
  private final String from;
  private final Duration lifetime;
  private final boolean jobEnabled;
  private final SecureRandom random = new SecureRandom();

  private final Jobs jobs;
  private final MailTexts texts;

  PasswordResetMails(Jobs jobs, MailTexts texts, DatabaseClient db, TransactionalOperator tx, JavaMailSender mail, AuditLog audit, Clock clock,
                     @Value("${bdtx.public-url}") String publicUrl, @Value("${bdtx.mail.from}") String from,
                     @Value("${bdtx.mail.reset-link-lifetime}") Duration lifetime,
                     @Value("${bdtx.password-reset.mail-job-enabled:true}") boolean jobEnabled) {
    this.jobs = jobs;
    this.texts = texts;
    this.db = db;
    this.tx = tx;
    this.mail = mail;
    this.audit = audit;
    this.clock = clock;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    this.from = from;
    this.lifetime = lifetime;
    this.jobEnabled = jobEnabled;
  }

  /** Queues a reset mail for the (normalised) address, whoever has it: called in the request, before the answer. */
  Mono<Void> queue(String email) {
    Instant now = clock.instant();
    return db.sql("INSERT INTO password_reset_mail (email, requested_at, next_attempt_at) VALUES (:e, :now, :now)")
        .bind("e", email).bind("now", now).then();
  }

  /** Sends what is due now, off the caller's request; never fails the caller (the job retries). */
  void sendSoon() {
    sendDue()
        .timeout(Duration.ofMinutes(2))
        .subscribeOn(Schedulers.boundedElastic())
        .subscribe(null, e -> log.warn("Password-reset mails not sent now ({}); the job tries again", e.toString()));
  }

  @Scheduled(initialDelayString = "${bdtx.password-reset.mail-initial-delay:PT20S}",
      fixedDelayString = "${bdtx.password-reset.mail-interval:PT15S}")
  void scheduled() {
    if (!jobEnabled) {
      return;
    }
    try {
      Integer sent = jobs.run("password-reset-mails", this::sendDue).block(Duration.ofMinutes(5));
      if (sent != null && sent > 0) {
        log.info("Password-reset mails sent by the job: {}", sent);
      }
    } catch (RuntimeException e) {
      log.warn("Password-reset mails not sent this time ({}); the next run tries again", e.toString());
    }
  }

  /** Handles due rows one at a time until none is due or the mail server refuses one; how many mails it accepted. */
  Mono<Integer> sendDue() {
    return attempt()
        .expand(result -> result == Result.FAILED ? Mono.empty() : attempt())
        .filter(result -> result == Result.SENT)
        .count().map(Long::intValue);
  }

  private enum Result { SENT, DROPPED, FAILED }

  private record Due(long id, String email, Instant requestedAt, int attempts) {
  }

  private record Account(long id, String fullName, java.util.Locale language) {
  }

  /** One due row, claimed and handled in one transaction; empty when none is due (or all are being sent). */
  private Mono<Result> attempt() {
    Instant now = clock.instant();
    return db.sql("""
            SELECT id, email, requested_at, attempts FROM password_reset_mail WHERE next_attempt_at <= :now
            ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""")
        .bind("now", now)
        .map((r, m) -> new Due(r.get("id", Long.class), r.get("email", String.class), r.get("requested_at", Instant.class),
            r.get("attempts", Integer.class)))
        .one()
        .flatMap(due -> handle(due, now))
        .as(tx::transactional);
  }

  private Mono<Result> handle(Due due, Instant now) {
    if (due.requestedAt().plus(GIVE_UP_AFTER).isBefore(now)) {
      log.warn("Password-reset mail {} dropped unsent after {} attempts: asked for more than a day ago", due.id(),
          due.attempts());
      return delete(due).thenReturn(Result.DROPPED);
    }
    return db.sql("SELECT id, full_name, language FROM account WHERE email = :e AND enabled").bind("e", due.email())
        .map((r, m) -> new Account(r.get("id", Long.class), r.get("full_name", String.class),
            java.util.Locale.forLanguageTag(r.get("language", String.class)))).one()
        .flatMap(account -> send(due, account, now))
        // Nobody (enabled) has this address: nothing to send, and the address is not kept.
        .switchIfEmpty(Mono.defer(() -> delete(due).thenReturn(Result.DROPPED)));
  }

  private Mono<Result> send(Due due, Account account, Instant now) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String hash = PasswordResets.sha256(token);
    return db.sql("INSERT INTO password_reset (token_hash, account_id, expires_at) VALUES (:h, :a, :x)")
        .bind("h", hash).bind("a", account.id()).bind("x", now.plus(lifetime)).then()
        .then(Mono.fromRunnable(() -> mail.send(message(due.email(), account, token)))
            .subscribeOn(Schedulers.boundedElastic()))
        .then(db.sql("DELETE FROM password_reset WHERE account_id = :a AND used_at IS NULL AND token_hash <> :h")
            .bind("a", account.id()).bind("h", hash).then())
        .then(audit.record(null, "PASSWORD_RESET_REQUESTED", "account", account.id(), Map.of()))
        .then(delete(due))
        .thenReturn(Result.SENT)
        .onErrorResume(x -> failed(due, hash, x, now));
  }

  /** The mail server refused: the new link goes (the one sent before keeps working) and the row waits its turn. */
  private Mono<Result> failed(Due due, String hash, Throwable x, Instant now) {
    Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(due.attempts(), 6));
    wait = wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    String error = x.toString();
    log.warn("Password-reset mail {} not sent (attempt {}: {}); next try in {} s", due.id(), due.attempts() + 1, error,
        wait.toSeconds());
    return db.sql("DELETE FROM password_reset WHERE token_hash = :h").bind("h", hash).then()
        .then(db.sql("""
                UPDATE password_reset_mail SET attempts = attempts + 1, next_attempt_at = :next, last_error = :e
                WHERE id = :id""")
            .bind("next", now.plus(wait)).bind("e", error.length() > 500 ? error.substring(0, 500) : error)
            .bind("id", due.id()).then())
        .thenReturn(Result.FAILED);
  }

  private Mono<Void> delete(Due due) {
    return db.sql("DELETE FROM password_reset_mail WHERE id = :id").bind("id", due.id()).then();
  }

  /** The mail with the link, in the recipient's language with a line in the other one (templates/mail/password-reset.txt). */
  private SimpleMailMessage message(String to, Account account, String token) {
    var recipient = account.language();
    var name = account.fullName();
    var message = new SimpleMailMessage();
    message.setFrom(from);
    message.setTo(to);
    message.setSubject(texts.text(recipient, "accounts.reset.mail.subject"));
    message.setText(texts.body("password-reset", recipient, Map.of("name", name,
        "minutes", String.valueOf(lifetime.toMinutes()), "link", publicUrl + "/password/reset?token=" + token)));
    return message;
  }
}
