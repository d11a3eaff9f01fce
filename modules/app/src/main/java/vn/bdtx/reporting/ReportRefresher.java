package vn.bdtx.reporting;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.accounts.People;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;
import vn.bdtx.platform.jobs.Jobs;

/**
 * Keeps the read model current from the owners' outbox events. Every few
 * seconds, on any node, it claims a batch of reporting's events, recomputes the
 * rows they touch from the owners' query interfaces, writes them and deletes the
 * events, all in one transaction: a failure leaves the events for the next run.
 * A transaction-scoped PostgreSQL advisory lock lets one node work at a time, so
 * an older computation never overwrites a newer one; the scheduled run skips
 * when another holds it, {@link #refreshNow} waits for it.
 */
@Component
public class ReportRefresher {

  private static final Logger log = LoggerFactory.getLogger(ReportRefresher.class);
  /** The same lock {@link ReportRebuild} takes for each of its steps. */
  static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('bdtx-report-model'))";
  static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('bdtx-report-model')) AS locked";

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final Outbox outbox;
  private final ReportModel model;
  private final People people;
  private final Cohorts cohorts;
  private final int batch;
  private final boolean enabled;

  private final Jobs jobs;

  ReportRefresher(Jobs jobs, DatabaseClient db, TransactionalOperator tx, Outbox outbox, ReportModel model, People people, Cohorts cohorts,
                  @Value("${bdtx.reports.batch:500}") int batch, @Value("${bdtx.reports.refresh-enabled:true}") boolean enabled) {
    this.jobs = jobs;
    this.db = db;
    this.tx = tx;
    this.outbox = outbox;
    this.model = model;
    this.people = people;
    this.cohorts = cohorts;
    this.batch = batch;
    this.enabled = enabled;
  }

  @Scheduled(initialDelayString = "${bdtx.reports.initial-delay:PT10S}", fixedDelayString = "${bdtx.reports.refresh-interval:PT3S}")
  void scheduled() {
    if (enabled) {
      runOnce();
    }
  }

  /** One scheduled run: every pending event, skipped when another node is at work. */
  void runOnce() {
    try {
      Integer n = jobs.run("reports-refresh", () -> drain(false, batch)).block(Duration.ofMinutes(5));
      if (n != null && n > 0) {
        log.debug("Reports: {} events handled", n);
      }
    } catch (RuntimeException e) {
      log.warn("Reports not refreshed this time ({}); the events wait for the next run", e.toString());
      isolate();
    }
  }

  /** Events handled one at a time after a failed batch, at most this many, to find one that fails on its own. */
  private static final int ISOLATED = 50;

  /**
   * After a failed batch: handles events one at a time; one that fails on its own goes back to the end of the
   * queue, with a warning naming it, so that it does not hold up every report behind it. (When the database
   * itself is failing, nothing here succeeds and every event stays where it was.)
   */
  private void isolate() {
    Set<Outbox.Event> putBack = new HashSet<>();
    for (int i = 0; i < ISOLATED; i++) {
      try {
        Integer n = once(false, 1).block(Duration.ofMinutes(1));
        if (n == null || n == 0) {
          return;
        }
      } catch (RuntimeException e) {
        Outbox.Event moved;
        try {
          moved = outbox.claim(ReportEvents.CONSUMER, 1)
              .flatMap(claimed -> claimed.isEmpty() ? Mono.<Outbox.Event>empty()
                  : outbox.putBack(ReportEvents.CONSUMER, claimed.get(0)).thenReturn(claimed.get(0)))
              .as(tx::transactional).block(Duration.ofMinutes(1));
        } catch (RuntimeException again) {
          log.warn("Reports: events not handled this time ({})", again.toString());
          return;
        }
        if (moved == null || !putBack.add(moved)) {
          return;
        }
        log.warn("Reports: event {} fails on its own ({}); put back at the end of the queue", moved, e.toString());
      }
    }
  }

  /** Handles every pending event (waiting for another node's run to finish first); returns how many. */
  public Mono<Integer> refreshNow() {
    return drain(true, batch);
  }

  private Mono<Integer> drain(boolean wait, int size) {
    return once(wait, size).expand(n -> n > 0 ? once(wait, size) : Mono.empty()).reduce(0, Integer::sum)
        // What is left (events published meanwhile) is the gauge bdtx_outbox_pending.
        .flatMap(n -> outbox.pending(ReportEvents.CONSUMER).thenReturn(n));
  }

  /** One batch in one transaction; 0 when there was nothing (or the lock was taken and {@code wait} is false). */
  private Mono<Integer> once(boolean wait, int size) {
    Mono<Boolean> locked = wait ? db.sql(LOCK).then().thenReturn(true)
        : db.sql(TRY_LOCK).map((r, m) -> Boolean.TRUE.equals(r.get("locked", Boolean.class))).one();
    return locked
        .flatMap(got -> !got ? Mono.just(0) : outbox.claim(ReportEvents.CONSUMER, size)
            .flatMap(events -> events.isEmpty() ? Mono.just(0) : apply(events).thenReturn(events.size())))
        .as(tx::transactional)
        .doOnNext(n -> {
          if (n > 0) {
            outbox.handled(ReportEvents.CONSUMER, n);
          }
        });
  }

  /**
   * Recomputes what the events touch: units (and, when a unit moved, the units below it and their people),
   * people (and their enrollments when their school, district or province changed, or their exemptions did),
   * whole classes, and enrollments grouped by class so that a class costs a few queries whatever its size.
   */
  Mono<Void> apply(List<Outbox.Event> events) {
    Set<Long> units = new HashSet<>();
    Set<Long> accounts = new HashSet<>();
    Set<Long> exempted = new HashSet<>();
    Set<Long> wholeCohorts = new HashSet<>();
    Set<Long> enrollments = new HashSet<>();
    for (Outbox.Event e : events) {
      switch (e.topic()) {
        case Topics.ORG_UNIT -> units.add(e.subjectId());
        case Topics.ACCOUNT -> accounts.add(e.subjectId());
        case Topics.EXEMPTION -> exempted.add(e.subjectId());
        case Topics.COHORT -> wholeCohorts.add(e.subjectId());
        case Topics.ENROLLMENT -> enrollments.add(e.subjectId());
        default -> log.warn("Reports: unknown topic {} ignored", e.topic());
      }
    }
    Mono<Void> unitStep = units.isEmpty() ? Mono.empty() : people.placed(units).flatMap(placed ->
        placements("SELECT id, parent_id, province_id, district_id FROM report_unit WHERE id = ANY(:ids)", units)
            .flatMap(before -> {
              // A renamed unit changes its own row only; a moved one changes the units below it and their people.
              Set<Long> moved = new HashSet<>();
              placed.forEach(u -> {
                if (!List.of(nz(u.parentId()), nz(u.provinceId()), nz(u.districtId())).equals(before.get(u.id()))) {
                  moved.add(u.id());
                }
              });
              return model.units(placed).then(moved.isEmpty() ? Mono.<Void>empty() : people.unitsUnder(moved)
                  .flatMap(under -> people.placed(under).flatMap(model::units)
                      .then(people.listedInSchools(under))
                      .doOnNext(listed -> listed.forEach(p -> accounts.add(p.id())))
                      .then()));
            }));
    Mono<Void> personStep = Mono.defer(() -> {
      Set<Long> all = new HashSet<>(accounts);
      all.addAll(exempted);
      if (all.isEmpty()) {
        return Mono.empty();
      }
      return people.listed(all).flatMap(listed ->
          placements("SELECT account_id AS id, school_id, province_id, district_id FROM report_person WHERE account_id = ANY(:ids)", all)
              .flatMap(before -> {
                // Enrollments copy the person's units and exemption: recompute them only when one of those changed.
                Set<Long> recompute = new HashSet<>(exempted);
                listed.forEach(p -> {
                  if (!List.of(nz(p.schoolId()), nz(p.provinceId()), nz(p.districtId())).equals(before.get(p.id()))) {
                    recompute.add(p.id());
                  }
                });
                return model.persons(listed).then(cohorts.enrollmentsOf(recompute))
                    .doOnNext(mine -> enrollments.addAll(mine.keySet())).then();
              }));
    });
    Mono<Void> cohortStep = Mono.defer(() -> cohorts.cohortOf(enrollments).flatMap(cohortOf -> {
      Map<Long, Set<Long>> byCohort = new HashMap<>();
      cohortOf.forEach((enrollment, cohort) -> {
        if (!wholeCohorts.contains(cohort)) {
          byCohort.computeIfAbsent(cohort, c -> new HashSet<>()).add(enrollment);
        }
      });
      Set<Long> gone = new HashSet<>(enrollments);
      gone.removeAll(cohortOf.keySet());
      return model.forgetEnrollments(gone)
          .then(Flux.fromIterable(wholeCohorts).concatMap(c -> model.cohort(c, null)).then())
          .then(Flux.fromIterable(byCohort.entrySet()).concatMap(c -> model.cohort(c.getKey(), c.getValue())).then());
    }));
    return unitStep.then(personStep).then(cohortStep);
  }

  private static long nz(Long v) {
    return v == null ? 0 : v;
  }

  /** Reporting's own copy of where units or people were placed: id → [three placement ids, 0 for none]. */
  private Mono<Map<Long, List<Long>>> placements(String sql, Set<Long> ids) {
    return db.sql(sql).bind("ids", ids.toArray(Long[]::new))
        .map((r, m) -> Map.entry(r.get(0, Long.class), List.of(nz(r.get(1, Long.class)), nz(r.get(2, Long.class)),
            nz(r.get(3, Long.class)))))
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }
}
