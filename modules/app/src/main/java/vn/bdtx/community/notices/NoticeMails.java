package vn.bdtx.community.notices;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.accounts.People;
import vn.bdtx.domain.community.NoticeMail;
import vn.bdtx.platform.jobs.Jobs;
import vn.bdtx.platform.mail.MailTexts;

/**
 * E-mails the notices of the kinds that matter (domain {@link NoticeMail}), after the commit that wrote them, as
 * assignments' SubmissionReceipts does with the configured mail sender: a job on every node claims due notices with
 * {@code FOR UPDATE SKIP LOCKED} and marks each in the same transaction — SENT once the mail server accepted it, OFF
 * when the person turned the kind off, NO_EMAIL without an address — so no notice is e-mailed twice whatever the
 * nodes. A refused mail is tried again later (1, 2, 4 … minutes, at most an hour).
 */
@Component
class NoticeMails {

  private static final Logger log = LoggerFactory.getLogger(NoticeMails.class);
  static final Duration FIRST_RETRY = Duration.ofMinutes(1);
  static final Duration LONGEST_WAIT = Duration.ofHours(1);

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final JavaMailSender mail;
  private final People people;
  private final MessageSource messages;
  private final Clock clock;
  private final String from;
  private final String publicUrl;
  private final boolean enabled;

  private final Jobs jobs;
  private final MailTexts texts;

  NoticeMails(Jobs jobs, MailTexts texts, DatabaseClient db, TransactionalOperator tx, JavaMailSender mail, People people, MessageSource messages,
              Clock clock, @Value("${bdtx.mail.from}") String from, @Value("${bdtx.public-url}") String publicUrl,
              @Value("${bdtx.notices.mail-enabled:true}") boolean enabled) {
    this.jobs = jobs;
    this.texts = texts;
    this.db = db;
    this.tx = tx;
    this.mail = mail;
    this.people = people;
    this.messages = messages;
    this.clock = clock;
    this.from = from;
    this.publicUrl = publicUrl;
    this.enabled = enabled;
  }

  @Scheduled(initialDelayString = "${bdtx.notices.mail-initial-delay:PT20S}", fixedDelayString = "${bdtx.notices.mail-interval:PT10S}")
  void scheduled() {
    if (!enabled) {
      return;
    }
    try {
      Integer sent = jobs.run("notice-mails", this::sendDue).block(Duration.ofMinutes(5));
      if (sent != null && sent > 0) {
        log.info("Notices e-mailed: {}", sent);
      }
    } catch (RuntimeException e) {
      log.warn("Notices not e-mailed this time ({}); the next run tries again", e.toString());
    }
  }

  /** Sends batches until none is due; how many the mail server accepted. */
  Mono<Integer> sendDue() {
    return batch(20).expand(r -> r.claimed() > 0 ? batch(20) : Mono.empty()).map(Result::sent).reduce(0, Integer::sum);
  }

  private record Result(int claimed, int sent) {
  }

  private record Due(long id, long accountId, String kind, String messageKey, List<String> args, int attempts) {
  }

  private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

  private Mono<Result> batch(int size) {
    Instant now = clock.instant();
    return db.sql("""
            SELECT id, account_id, kind, message_key, args::text AS args, mail_attempts FROM notification
            WHERE mail_state = 'PENDING' AND mail_next_at <= :now ORDER BY mail_next_at, id LIMIT :n FOR UPDATE SKIP LOCKED""")
        .bind("now", now).bind("n", size)
        .map((r, m) -> new Due(r.get("id", Long.class), r.get("account_id", Long.class), r.get("kind", String.class),
            r.get("message_key", String.class), List.of(JSON.readValue(r.get("args", String.class), String[].class)),
            r.get("mail_attempts", Integer.class)))
        .all().collectList()
        .flatMap(due -> due.isEmpty() ? Mono.just(new Result(0, 0)) : send(due, now))
        .as(tx::transactional);
  }

  private Mono<Result> send(List<Due> due, Instant now) {
    var accounts = due.stream().map(Due::accountId).distinct().toList();
    Mono<Map<Long, Set<String>>> off = db.sql("SELECT account_id, kind FROM notice_mail_off WHERE account_id = ANY(:a)")
        .bind("a", accounts.toArray(Long[]::new))
        .map((r, m) -> Map.entry(r.get("account_id", Long.class), r.get("kind", String.class))).all()
        .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toSet())));
    return Mono.zip(off, people.byIds(accounts).collectMap(People.Facts::id, Function.identity()))
        .flatMap(t -> Flux.fromIterable(due).concatMap(d -> {
          var person = t.getT2().get(d.accountId());
          if (!NoticeMail.sends(d.kind(), t.getT1().getOrDefault(d.accountId(), Set.of()))) {
            return mark(d, "OFF", now).thenReturn(0);
          }
          if (person == null || person.email() == null || person.email().isBlank()) {
            return mark(d, "NO_EMAIL", now).thenReturn(0);
          }
          var message = new SimpleMailMessage();
          message.setFrom(from);
          message.setTo(person.email());
          Locale recipient = person.language();
          message.setSubject(texts.subject(recipient, "community.notices.kind." + d.kind()));
          message.setText(texts.body("notice", recipient, Map.of("name", person.fullName(),
              "message", messages.getMessage(d.messageKey(), d.args().toArray(), d.messageKey(), recipient),
              "link", publicUrl + "/notifications/" + d.id())));
          return Mono.fromRunnable(() -> mail.send(message)).subscribeOn(Schedulers.boundedElastic())
              .then(mark(d, "SENT", now)).thenReturn(1)
              .onErrorResume(x -> failed(d, x, now).thenReturn(0));
        }).reduce(0, Integer::sum))
        .map(sent -> new Result(due.size(), sent));
  }

  private Mono<Void> mark(Due d, String state, Instant now) {
    return db.sql("UPDATE notification SET mail_state = :s, mail_attempts = mail_attempts + 1, mail_error = NULL WHERE id = :id")
        .bind("s", state).bind("id", d.id()).then();
  }

  private Mono<Void> failed(Due d, Throwable x, Instant now) {
    Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(d.attempts(), 6));
    wait = wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    String error = x.toString();
    log.warn("Notice {} not e-mailed (attempt {}: {}); next try in {} min", d.id(), d.attempts() + 1, error, wait.toMinutes());
    return db.sql("""
            UPDATE notification SET mail_attempts = mail_attempts + 1, mail_next_at = :next, mail_error = :e WHERE id = :id""")
        .bind("next", now.plus(wait)).bind("e", error.length() > 500 ? error.substring(0, 500) : error).bind("id", d.id())
        .then();
  }
}
