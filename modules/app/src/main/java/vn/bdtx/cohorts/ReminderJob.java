package vn.bdtx.cohorts;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
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
import vn.bdtx.domain.cohorts.Reminder;
import vn.bdtx.platform.jobs.Jobs;
import vn.bdtx.platform.mail.MailTexts;

/**
 * Sends the schedule's reminders (domain {@link Reminder}) in the app and by
 * e-mail. Any number of nodes may run it: each run takes a PostgreSQL
 * transaction-scoped advisory lock, so only one node works at a time, and each
 * reminder is a row unique by (kind, enrollment, day) that is claimed before its
 * e-mail goes out, so no reminder is sent twice. An e-mail that fails is given
 * back and tried again on the next run.
 */
@Component
public class ReminderJob {

  /** The advisory lock's key: hashtext('bdtx-reminders') computed by PostgreSQL. */
  static final String LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('bdtx-reminders')) AS locked";
  private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  /** What one run did: reminders recorded, e-mails sent, or skipped because another node held the lock. */
  public record Run(boolean skipped, int recorded, int emailed) {
  }

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final JavaMailSender mail;
  private final People people;
  private final Clock clock;
  private final String from;
  private final boolean enabled;
  private final vn.bdtx.platform.events.Outbox outbox;

  private final Jobs jobs;
  private final MailTexts texts;
  private final MessageSource messages;
  private final vn.bdtx.catalog.Courses courses;

  ReminderJob(Jobs jobs, MailTexts texts, MessageSource messages, DatabaseClient db, TransactionalOperator tx, JavaMailSender mail, People people, Clock clock,
              vn.bdtx.platform.events.Outbox outbox, vn.bdtx.catalog.Courses courses,
              @Value("${bdtx.mail.from}") String from, @Value("${bdtx.reminders.enabled:true}") boolean enabled) {
    this.jobs = jobs;
    this.courses = courses;
    this.texts = texts;
    this.messages = messages;
    this.outbox = outbox;
    this.db = db;
    this.tx = tx;
    this.mail = mail;
    this.people = people;
    this.clock = clock;
    this.from = from;
    this.enabled = enabled;
  }

  @Scheduled(initialDelayString = "${bdtx.reminders.initial-delay:PT2M}", fixedDelayString = "${bdtx.reminders.interval:PT10M}")
  void scheduled() {
    if (!enabled) {
      return;
    }
    try {
      Run run = jobs.run("reminders", () -> runOnce(clock.instant())).block(java.time.Duration.ofMinutes(5));
      if (run != null && !run.skipped() && (run.recorded() > 0 || run.emailed() > 0)) {
        log.info("Reminders: {} recorded, {} e-mailed", run.recorded(), run.emailed());
      }
    } catch (RuntimeException e) {
      log.warn("Reminders not sent this time ({}); the next run tries again", e.toString());
    }
  }

  private record Claimed(long id, long accountId, Text text) {
  }

  /**
   * A reminder's words: a message key ({@code reminder.<kind>}) with its arguments, rendered in the language of
   * whoever reads it; rows recorded before keys were stored have only their Vietnamese sentence.
   */
  public record Text(String key, List<String> args, String sentence) {

    public Text {
      args = List.copyOf(args);
    }

    static Text of(String kind, List<String> args) {
      return new Text("cohorts.reminder." + kind, args, null);
    }

    /** The words in {@code language}. */
    public String render(MessageSource messages, Locale language) {
      return key == null ? sentence : messages.getMessage(key, args.toArray(), language);
    }

    static Text read(io.r2dbc.spi.Readable r) {
      String key = r.get("message_key", String.class);
      return new Text(key, key == null ? List.of() : List.of(JSON.readValue(r.get("args", String.class), String[].class)),
          r.get("message", String.class));
    }
  }

  private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

  private record Locked(boolean skipped, int recorded, List<Claimed> claimed) {
  }

  /** One run at {@code now}: record what is due and claim what is unsent under the lock, then e-mail after the commit. */
  public Mono<Run> runOnce(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, vn.bdtx.domain.cohorts.CohortSchedule.ZONE);
    Mono<Locked> locked = db.sql(LOCK).map((r, m) -> Boolean.TRUE.equals(r.get("locked", Boolean.class))).one()
        .flatMap(got -> !got ? Mono.just(new Locked(true, 0, List.of()))
            : record(now, today).flatMap(recorded -> claim().map(claimed -> new Locked(false, recorded, claimed))));
    return locked.as(tx::transactional)
        .flatMap(l -> l.skipped() ? Mono.just(new Run(true, 0, 0))
            : send(l.claimed()).map(sent -> new Run(false, l.recorded(), sent)));
  }

  /**
   * Records every reminder due today for enrollments of classes that are running; returns how many are new.
   * One class at a time: a province has classes of a few hundred learners but some 185,000 enrollments in the
   * window, which read at once ran a 512 MB heap out of memory in the national benchmark.
   */
  private Mono<Integer> record(Instant now, LocalDate today) {
    return db.sql("""
            SELECT h.id FROM cohort h WHERE h.start_date <= :today
              AND h.start_date + (h.self_study_days + h.meeting_days + h.finishing_days + h.reference_extra_days + 60) >= :today
            ORDER BY h.id""")
        .bind("today", today)
        .map((r, m) -> r.get(0, Long.class)).all()
        .collectList()
        .flatMapMany(Flux::fromIterable)
        .concatMap(cohortId -> db.sql(Cohorts.ENROLLMENT + " WHERE h.id = :cohort").bind("cohort", cohortId)
            .map((r, m) -> Cohorts.enrollment(r)).all()
            // Read the class before writing: a statement on the same connection waits for the open result, and the
            // result waits for its rows to be taken, so streaming more rows than the prefetch deadlocked (6,000 learners).
            .collectList()
            .flatMap(list -> Cohorts.titled(courses, list))
            .flatMapMany(Flux::fromIterable)
            .concatMap(e -> Flux.fromIterable(Reminder.due(e.schedule(), e.registered(), false, now))
                .concatMap(due -> db.sql("""
                        INSERT INTO reminder (kind, enrollment_id, occasion, message_key, args)
                        VALUES (:k, :e, :o, :key, CAST(:args AS jsonb))
                        ON CONFLICT (kind, enrollment_id, occasion) DO NOTHING RETURNING id""")
                    .bind("k", due.kind().name()).bind("e", e.id()).bind("o", due.occasion())
                    .bind("key", text(due, e).key()).bind("args", JSON.writeValueAsString(text(due, e).args()))
                    .map((r, m) -> r.get(0, Long.class)).all())))
        .collectList()
        // The notification centre hears of each new reminder (it shows it; the e-mail stays this job's).
        .flatMap(ids -> outbox.publish(vn.bdtx.platform.events.Topics.REMINDER, ids).thenReturn(ids.size()));
  }

  /** Takes every reminder not yet e-mailed (new ones and ones whose e-mail failed) for this run. */
  private Mono<List<Claimed>> claim() {
    return db.sql("""
            UPDATE reminder r SET emailed = TRUE FROM enrollment e
            WHERE e.id = r.enrollment_id AND NOT r.emailed AND r.created_at > now() - interval '3 days'
            RETURNING r.id, e.account_id, r.message, r.message_key, r.args""")
        .map((r, m) -> new Claimed(r.get("id", Long.class), r.get("account_id", Long.class), Text.read(r)))
        .all()
        .collectList();
  }

  private Mono<Integer> send(List<Claimed> claimed) {
    if (claimed.isEmpty()) {
      return Mono.just(0);
    }
    return people.byIds(claimed.stream().map(Claimed::accountId).distinct().toList())
        .collectMap(People.Facts::id)
        .flatMapMany(byId -> Flux.fromIterable(claimed).concatMap(c -> {
          People.Facts person = byId.get(c.accountId());
          if (person == null || person.email() == null) {
            return Mono.just(0);
          }
          var message = new SimpleMailMessage();
          message.setFrom(from);
          message.setTo(person.email());
          Locale language = person.language();
          message.setSubject(texts.subject(language, "cohorts.reminders.mail.subject"));
          message.setText(texts.body("reminder", language,
              java.util.Map.of("name", person.fullName(), "message", c.text().render(messages, language))));
          return Mono.fromRunnable(() -> mail.send(message)).subscribeOn(Schedulers.boundedElastic()).thenReturn(1)
              .onErrorResume(e -> {
                log.warn("Reminder {} not e-mailed ({}); it is tried again on the next run", c.id(), e.toString());
                return db.sql("UPDATE reminder SET emailed = FALSE WHERE id = :id").bind("id", c.id()).then().thenReturn(0);
              });
        }))
        .reduce(0, Integer::sum);
  }

  private static Text text(Reminder due, Cohorts.Enrollment e) {
    return switch (due.kind()) {
      case REGISTER_SUBJECT -> Text.of(due.kind().name(), List.of(e.cohortName(), e.courseTitle(), DAY.format(due.deadline())));
      case SUBMIT_ASSIGNMENT -> Text.of(due.kind().name(), List.of(String.valueOf(Reminder.DAYS_BEFORE_SUBMISSION_DEADLINE),
          e.cohortName(), e.courseTitle(), DAY.format(due.deadline())));
    };
  }

  /** Why an official reminds a learner who is behind today (reporting's dashboards decide who is). */
  public enum Behind { NOT_STARTED, NO_SUBMISSION }

  /**
   * Records reminders an official sent from a report to learners behind today,
   * one per enrollment and day whatever the clicks (the same unique row as the
   * schedule's reminders, kind {@code BEHIND_*}), shown on the learner's home and
   * e-mailed by the next run. The caller has checked scope; enrollments that do
   * not exist are skipped. Returns how many reminders are new.
   */
  public Mono<Integer> remindBehind(java.util.Map<Long, Behind> enrollments, Instant now) {
    if (enrollments.isEmpty()) {
      return Mono.just(0);
    }
    LocalDate today = LocalDate.ofInstant(now, vn.bdtx.domain.cohorts.CohortSchedule.ZONE);
    return db.sql(Cohorts.ENROLLMENT + " WHERE e.id = ANY(:ids)")
        .bind("ids", enrollments.keySet().toArray(Long[]::new))
        .map((r, m) -> Cohorts.enrollment(r)).all()
        .collectList()
        .flatMap(list -> Cohorts.titled(courses, list))
        .flatMapMany(Flux::fromIterable)
        .concatMap(e -> {
          Behind why = enrollments.get(e.id());
          return db.sql("""
                  INSERT INTO reminder (kind, enrollment_id, occasion, message_key, args)
                  VALUES (:k, :e, :o, :key, CAST(:args AS jsonb))
                  ON CONFLICT (kind, enrollment_id, occasion) DO NOTHING RETURNING id""")
              .bind("k", "BEHIND_" + why.name()).bind("e", e.id()).bind("o", today)
              .bind("key", behindText(why, e, now).key()).bind("args", JSON.writeValueAsString(behindText(why, e, now).args()))
              .map((r, m) -> r.get(0, Long.class)).all();
        })
        .collectList()
        .flatMap(ids -> outbox.publish(vn.bdtx.platform.events.Topics.REMINDER, ids).thenReturn(ids.size()))
        .as(tx::transactional);
  }

  private static Text behindText(Behind why, Cohorts.Enrollment e, Instant now) {
    String lastDay = DAY.format(e.schedule().lastDay());
    return switch (why) {
      case NOT_STARTED -> Text.of("BEHIND_" + why.name(),
          List.of(e.cohortName(), e.courseTitle(), String.valueOf(e.schedule().cohort().dayAt(now)), lastDay));
      case NO_SUBMISSION -> Text.of("BEHIND_" + why.name(), List.of(e.cohortName(), e.courseTitle(), lastDay));
    };
  }

  /** A recorded reminder as another context (the notification centre) reads it. */
  public record Recorded(long id, long accountId, long cohortId, Text text) {
  }

  /** These reminders, for the notification centre (published on {@code Topics.REMINDER}). */
  public Flux<Recorded> recorded(java.util.Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Flux.empty();
    }
    return db.sql("""
            SELECT r.id, e.account_id, e.cohort_id, r.message, r.message_key, r.args
            FROM reminder r JOIN enrollment e ON e.id = r.enrollment_id
            WHERE r.id = ANY(:ids)""")
        .bind("ids", ids.toArray(Long[]::new))
        .map((r, m) -> new Recorded(r.get("id", Long.class), r.get("account_id", Long.class), r.get("cohort_id", Long.class),
            Text.read(r))).all();
  }

  /** The learner's reminders, newest first, for the home page, in {@code language}. */
  public Flux<String> messagesFor(long accountId, int limit, Locale language) {
    return db.sql("""
            SELECT r.message, r.message_key, r.args FROM reminder r JOIN enrollment e ON e.id = r.enrollment_id
            WHERE e.account_id = :a ORDER BY r.created_at DESC, r.id DESC LIMIT :n""")
        .bind("a", accountId).bind("n", limit).map((r, m) -> Text.read(r).render(messages, language)).all();
  }
}
