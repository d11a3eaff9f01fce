package vn.bdtx.community.notices;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.assignments.Grades;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.cohorts.ReminderJob;
import vn.bdtx.community.Notifications;
import vn.bdtx.community.Notifications.Kind;
import vn.bdtx.community.Notifications.Notice;
import vn.bdtx.completion.Certificates;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.OutboxConsumer;
import vn.bdtx.platform.events.Topics;
import vn.bdtx.platform.web.VietnameseFormats;
import vn.bdtx.platform.jobs.Jobs;

/**
 * Turns other contexts' changes into notices, through the outbox: a grade or a return for revision (assignments),
 * a certificate issued (completion), a reminder recorded (cohorts' ReminderJob, the schedule's or an official's
 * one-click one), and an announcement posted (fanned out to its recipients in batches). Every node runs it: events
 * are claimed with SKIP LOCKED in the transaction that writes the notices, and each notice names its occasion
 * (dedup key), so whatever the nodes, retries or replays, each person gets each notice once. Reads the owners only
 * through their public methods.
 */
@Component
class NoticeSources implements OutboxConsumer {

  static final String CONSUMER = "notices";
  private static final Logger log = LoggerFactory.getLogger(NoticeSources.class);
  /** Recipients written per statement when an announcement fans out. */
  static final int FAN_OUT_BATCH = 1000;

  private final Outbox outbox;
  private final TransactionalOperator tx;
  private final Notifications notifications;
  private final Grades grades;
  private final Certificates certificates;
  private final Cohorts cohorts;
  private final ReminderJob reminders;
  private final Announcements announcements;
  private final Clock clock;
  private final int batch;
  private final boolean enabled;

  private final Jobs jobs;

  NoticeSources(Jobs jobs, Outbox outbox, TransactionalOperator tx, Notifications notifications, Grades grades,
                Certificates certificates, Cohorts cohorts, ReminderJob reminders, Announcements announcements, Clock clock,
                @Value("${bdtx.notices.batch:100}") int batch, @Value("${bdtx.notices.job-enabled:true}") boolean enabled) {
    this.jobs = jobs;
    this.outbox = outbox;
    this.tx = tx;
    this.notifications = notifications;
    this.grades = grades;
    this.certificates = certificates;
    this.cohorts = cohorts;
    this.reminders = reminders;
    this.announcements = announcements;
    this.clock = clock;
    this.batch = batch;
    this.enabled = enabled;
  }

  @Override
  public String name() {
    return CONSUMER;
  }

  @Override
  public Set<String> topics() {
    return Set.of(Topics.GRADE, Topics.CERTIFICATE, Topics.REMINDER, Topics.ANNOUNCEMENT);
  }

  @Scheduled(initialDelayString = "${bdtx.notices.initial-delay:PT15S}", fixedDelayString = "${bdtx.notices.interval:PT5S}")
  void scheduled() {
    if (!enabled) {
      return;
    }
    try {
      Integer n = jobs.run("notices", this::drain).block(Duration.ofMinutes(5));
      if (n != null && n > 0) {
        log.info("Notices: {} events turned into notices", n);
      }
    } catch (RuntimeException e) {
      log.warn("Notices not written this time ({}); the events wait for the next run", e.toString());
      isolate();
    }
  }

  /**
   * After a failed batch: takes the oldest event alone; if it fails on its own it goes back to the end of the queue
   * (as reporting's refresher does), so that one bad event does not hold up every notice behind it. When the
   * database itself fails nothing here succeeds and every event stays where it was.
   */
  private void isolate() {
    try {
      once(1).block(Duration.ofMinutes(1));
    } catch (RuntimeException e) {
      try {
        outbox.claim(CONSUMER, 1)
            .flatMap(claimed -> claimed.isEmpty() ? Mono.<Outbox.Event>empty()
                : outbox.putBack(CONSUMER, claimed.get(0)).thenReturn(claimed.get(0)))
            .as(tx::transactional)
            .doOnNext(moved -> log.warn("Notices: event {} fails on its own ({}); put back at the end of the queue", moved,
                e.toString()))
            .block(Duration.ofMinutes(1));
      } catch (RuntimeException again) {
        log.warn("Notices: events not handled this time ({})", again.toString());
      }
    }
  }

  /** Handles batches until none is left; returns how many events were handled. */
  Mono<Integer> drain() {
    return once().expand(n -> n > 0 ? once() : Mono.empty()).reduce(0, Integer::sum);
  }

  /** One batch: claimed, turned into notices and committed together (a failure gives the events back). */
  Mono<Integer> once() {
    return once(batch);
  }

  private Mono<Integer> once(int size) {
    Instant now = clock.instant();
    return outbox.claim(CONSUMER, size)
        .flatMap(events -> {
          Map<String, List<Long>> byTopic = events.stream().collect(Collectors.groupingBy(Outbox.Event::topic,
              Collectors.mapping(Outbox.Event::subjectId, Collectors.toList())));
          return grades(byTopic.getOrDefault(Topics.GRADE, List.of()), now)
              .then(certificates(byTopic.getOrDefault(Topics.CERTIFICATE, List.of()), now))
              .then(reminders(byTopic.getOrDefault(Topics.REMINDER, List.of()), now))
              .then(Flux.fromIterable(byTopic.getOrDefault(Topics.ANNOUNCEMENT, List.of())).distinct()
                  .concatMap(id -> fanOut(id, now)).then())
              .thenReturn(events.size());
        })
        .as(tx::transactional)
        .doOnNext(n -> {
          if (n > 0) {
            outbox.handled(CONSUMER, n);
          }
        });
  }

  private Mono<Void> write(List<Notice> notices, Instant now) {
    return Flux.fromIterable(notices).concatMap(n -> notifications.notify(n, now)).then();
  }

  private Mono<Map<Long, Cohorts.Enrollment>> enrollments(List<Long> ids) {
    return cohorts.enrollmentsById(ids).collectMap(Cohorts.Enrollment::id, Function.identity());
  }

  private Mono<Void> grades(List<Long> enrollmentIds, Instant now) {
    if (enrollmentIds.isEmpty()) {
      return Mono.empty();
    }
    var ids = enrollmentIds.stream().distinct().toList();
    return enrollments(ids).zipWith(grades.current(ids)).flatMap(t -> {
      var notices = new ArrayList<Notice>();
      t.getT2().forEach((id, g) -> {
        var e = t.getT1().get(id);
        if (e == null || !(g.graded() || g.returned())) {
          return;
        }
        String link = "/learn/" + e.cohortId() + "/submission";
        String occasion = "grade:" + id + ":" + g.gradedAt().toEpochMilli();
        notices.add(g.graded()
            ? new Notice(e.accountId(), Kind.GRADE, "community.notice.grade",
                List.of(e.courseTitle(), e.cohortName(), VietnameseFormats.FORMATS.score(g.score())), link, occasion)
            : new Notice(e.accountId(), Kind.RETURNED, "community.notice.returned", List.of(e.courseTitle(), e.cohortName()), link,
                occasion));
      });
      return write(notices, now);
    });
  }

  private Mono<Void> certificates(List<Long> enrollmentIds, Instant now) {
    if (enrollmentIds.isEmpty()) {
      return Mono.empty();
    }
    var ids = enrollmentIds.stream().distinct().toList();
    return enrollments(ids).zipWith(certificates.ofEnrollments(ids)).flatMap(t -> {
      var notices = new ArrayList<Notice>();
      t.getT2().forEach((id, c) -> {
        var e = t.getT1().get(id);
        if (e != null && !c.revoked()) {
          notices.add(new Notice(e.accountId(), Kind.CERTIFICATE, "community.notice.certificate",
              List.of(c.moduleCode(), c.moduleTitle(), c.number()), "/learn/" + e.cohortId() + "/certificate",
              "certificate:" + c.number()));
        }
      });
      return write(notices, now);
    });
  }

  private Mono<Void> reminders(List<Long> reminderIds, Instant now) {
    if (reminderIds.isEmpty()) {
      return Mono.empty();
    }
    return reminders.recorded(reminderIds.stream().distinct().toList()).collectList()
        // The reminder's own key and arguments, so the notice reads in its reader's language; an old row's sentence as is.
        .flatMap(list -> write(list.stream().map(r -> new Notice(r.accountId(), Kind.REMINDER,
            r.text().key() != null ? r.text().key() : "community.notice.reminder",
            r.text().key() != null ? r.text().args() : List.of(r.text().sentence()), "/learn", "reminder:" + r.id())).toList(), now));
  }

  /** Writes an announcement's notices to all its recipients, a batch per statement; done once (dedup key). */
  Mono<Void> fanOut(long announcementId, Instant now) {
    return announcements.find(announcementId).flatMap(a -> announcements.recipients(a).flatMap(people -> {
      var ids = people.stream().filter(id -> id != a.senderId()).distinct().toList();
      var batches = new ArrayList<List<Long>>();
      for (int i = 0; i < ids.size(); i += FAN_OUT_BATCH) {
        batches.add(ids.subList(i, Math.min(ids.size(), i + FAN_OUT_BATCH)));
      }
      return Flux.fromIterable(batches)
          .concatMap(b -> notifications.notifyAll(b, Kind.ANNOUNCEMENT, "community.notice.announcement",
              List.of(a.senderName(), a.title()), "/announcements/" + a.id(), "announcement:" + a.id(), now))
          .then(announcements.delivered(a.id(), ids.size(), now));
    }));
  }
}
