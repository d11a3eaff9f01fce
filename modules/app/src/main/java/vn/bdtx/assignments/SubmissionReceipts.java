package vn.bdtx.assignments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.accounts.People;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.platform.storage.FileTypes;
import vn.bdtx.platform.jobs.Jobs;
import vn.bdtx.platform.mail.MailTexts;

/**
 * The receipt of a stored submission, e-mailed to the learner: the time, each
 * file's name, size and SHA-256 (the learner can check their copy against it).
 *
 * <p>An outbox ({@code submission_receipt}): the row is written in the same
 * transaction as the version, so no receipt is lost when the mail server is down
 * or the node stops. It is sent at once after the commit ({@link #sendNow}) and,
 * while the mail server refuses, again by a job on every node, later each time
 * (1, 2, 4 … minutes, at most an hour). A receipt is claimed with
 * {@code FOR UPDATE SKIP LOCKED} for the time of its sending and marked SENT in
 * that transaction once the mail server accepted it, so two nodes never send the
 * same one. The learner's page reads the state: "e-mailed" only when it is SENT.
 */
@Service
class SubmissionReceipts {

  private static final Logger log = LoggerFactory.getLogger(SubmissionReceipts.class);
  static final Duration FIRST_RETRY = Duration.ofMinutes(1);
  static final Duration LONGEST_WAIT = Duration.ofHours(1);

  /** What the learner's page says of a version's receipt. */
  enum Mail {
    /** The mail server accepted it. */
    SENT,
    /** Not tried yet, or being sent right now. */
    SENDING,
    /** The mail server refused or did not answer; it is tried again. */
    WAITING,
    /** The account has no e-mail address. */
    NO_EMAIL
  }

  private final JavaMailSender mail;
  private final People people;
  private final Cohorts cohorts;
  private final Submissions submissions;
  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final Clock clock;
  private final String from;
  private final String publicUrl;
  private final boolean jobEnabled;

  private final Jobs jobs;
  private final MailTexts texts;

  SubmissionReceipts(Jobs jobs, MailTexts texts, JavaMailSender mail, People people, Cohorts cohorts, Submissions submissions, DatabaseClient db,
                     TransactionalOperator tx, Clock clock, @Value("${bdtx.mail.from}") String from,
                     @Value("${bdtx.public-url}") String publicUrl,
                     @Value("${bdtx.assignments.receipts.job-enabled:true}") boolean jobEnabled) {
    this.jobs = jobs;
    this.texts = texts;
    this.mail = mail;
    this.people = people;
    this.cohorts = cohorts;
    this.submissions = submissions;
    this.db = db;
    this.tx = tx;
    this.clock = clock;
    this.from = from;
    this.publicUrl = publicUrl;
    this.jobEnabled = jobEnabled;
  }

  /** The outbox row of a new version; called inside the transaction that writes the version. */
  static Mono<Void> pending(DatabaseClient db, long submissionId, Cohorts.Enrollment e, Instant now) {
    return db.sql("""
            INSERT INTO submission_receipt (submission_id, cohort_id, account_id, next_attempt_at)
            VALUES (:s, :c, :a, :now)""")
        .bind("s", submissionId).bind("c", e.cohortId()).bind("a", e.accountId()).bind("now", now).then();
  }

  /** Tries this version's receipt now (after the commit, before the learner's page); never fails the caller. */
  Mono<Void> sendNow(long submissionId) {
    return attempt("AND submission_id = :s", submissionId).then()
        .onErrorResume(x -> {
          log.warn("Receipt of submission {} not sent now ({}); the retry job sends it", submissionId, x.toString());
          return Mono.empty();
        });
  }

  @Scheduled(initialDelayString = "${bdtx.assignments.receipts.initial-delay:PT40S}",
      fixedDelayString = "${bdtx.assignments.receipts.interval:PT30S}")
  void scheduled() {
    if (!jobEnabled) {
      return;
    }
    try {
      Integer sent = jobs.run("submission-receipts", this::sendDue).block(Duration.ofMinutes(5));
      if (sent != null && sent > 0) {
        log.info("Submission receipts e-mailed by the retry job: {}", sent);
      }
    } catch (RuntimeException e) {
      log.warn("Submission receipts not retried this time ({}); the next run tries again", e.toString());
    }
  }

  /**
   * Sends due receipts one at a time until none is due or the mail server refuses one (then it is surely
   * still down: the others wait for the next run). Returns how many the mail server accepted.
   */
  Mono<Integer> sendDue() {
    return attempt("", 0L)
        .expand(result -> result == Result.SENT || result == Result.NO_EMAIL ? attempt("", 0L) : Mono.empty())
        .filter(result -> result == Result.SENT)
        .count().map(Long::intValue);
  }

  private enum Result { SENT, NO_EMAIL, FAILED }

  private record Due(long submissionId, long cohortId, long accountId, int attempts) {
  }

  /** One due receipt (or that one submission's), claimed, sent and marked in one transaction; empty when none. */
  private Mono<Result> attempt(String which, long submissionId) {
    Instant now = clock.instant();
    var claim = db.sql("""
            SELECT submission_id, cohort_id, account_id, attempts FROM submission_receipt
            WHERE state = 'PENDING' AND next_attempt_at <= :now %s
            ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED""".formatted(which))
        .bind("now", now);
    if (!which.isEmpty()) {
      claim = claim.bind("s", submissionId);
    }
    return claim
        .map((r, m) -> new Due(r.get("submission_id", Long.class), r.get("cohort_id", Long.class),
            r.get("account_id", Long.class), r.get("attempts", Integer.class)))
        .one()
        .flatMap(due -> deliver(due).flatMap(result -> mark(due, result, null, now))
            .onErrorResume(x -> mark(due, Result.FAILED, x, now)))
        .as(tx::transactional);
  }

  private Mono<Result> mark(Due due, Result result, Throwable failure, Instant now) {
    if (result == Result.FAILED) {
      Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(due.attempts(), 6));
      wait = wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
      String error = failure == null ? "" : failure.toString();
      log.warn("Receipt of submission {} not e-mailed (attempt {}: {}); next try in {} min", due.submissionId(),
          due.attempts() + 1, error, wait.toMinutes());
      return db.sql("""
              UPDATE submission_receipt SET attempts = attempts + 1, next_attempt_at = :next, last_error = :error
              WHERE submission_id = :s""")
          .bind("next", now.plus(wait)).bind("error", error.length() > 500 ? error.substring(0, 500) : error)
          .bind("s", due.submissionId()).then().thenReturn(result);
    }
    return db.sql("""
            UPDATE submission_receipt SET state = :state, attempts = attempts + 1, sent_at = :now, last_error = NULL
            WHERE submission_id = :s""")
        .bind("state", result == Result.SENT ? "SENT" : "NO_EMAIL").bind("now", now).bind("s", due.submissionId())
        .then().thenReturn(result);
  }

  /** Builds the mail and hands it to the mail server (blocking, on a bounded-elastic thread). */
  private Mono<Result> deliver(Due due) {
    return cohorts.enrollment(due.cohortId(), due.accountId())
        .zipWhen(e -> submissions.versions(e.id()).flatMap(all -> Mono.justOrEmpty(
            all.stream().filter(v -> v.id() == due.submissionId()).findFirst())))
        .zipWith(people.byIds(List.of(due.accountId())).next())
        .flatMap(t -> {
          var e = t.getT1().getT1();
          var v = t.getT1().getT2();
          var p = t.getT2();
          if (p.email() == null || p.email().isBlank()) {
            return Mono.just(Result.NO_EMAIL);
          }
          var message = new SimpleMailMessage();
          message.setFrom(from);
          message.setTo(p.email());
          message.setSubject(texts.subject(p.language(), "assignments.submission.receiptMail.subject", String.valueOf(v.version())));
          message.setText(text(p.fullName(), e, v, p.language()));
          return Mono.fromRunnable(() -> mail.send(message)).subscribeOn(Schedulers.boundedElastic()).thenReturn(Result.SENT);
        })
        .switchIfEmpty(Mono.error(new IllegalStateException("submission " + due.submissionId() + " or its learner not found")));
  }

  /** What the page says of each version's receipt, by submission id (versions from before the outbox have none). */
  Mono<java.util.Map<Long, Mail>> states(List<Long> submissionIds) {
    if (submissionIds.isEmpty()) {
      return Mono.just(java.util.Map.of());
    }
    return db.sql("SELECT submission_id, state, attempts FROM submission_receipt WHERE submission_id = ANY(:ids)")
        .bind("ids", submissionIds.toArray(Long[]::new))
        .map((r, m) -> java.util.Map.entry(r.get("submission_id", Long.class), switch (r.get("state", String.class)) {
          case "SENT" -> Mail.SENT;
          case "NO_EMAIL" -> Mail.NO_EMAIL;
          default -> r.get("attempts", Integer.class) == 0 ? Mail.SENDING : Mail.WAITING;
        }))
        .all().collectMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue);
  }

  /** The receipt's body (templates/mail/submission-receipt.txt): the time, and each file's name, size and SHA-256. */
  String text(String name, Cohorts.Enrollment e, Submissions.Version v, java.util.Locale recipient) {
    var files = v.files().stream().map(f -> Map.<String, Object>of("position", String.valueOf(f.position()), "name", f.name(),
        "size", FileTypes.human(f.size()), "sha256", f.sha256())).toList();
    return texts.body("submission-receipt", recipient, Map.of("name", name, "cohortName", e.cohortName(),
        "courseTitle", e.courseTitle(), "version", String.valueOf(v.version()), "at", v.submittedAt(), "files", files,
        "link", publicUrl + "/learn/" + e.cohortId() + "/submission"));
  }
}
