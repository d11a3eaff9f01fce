package vn.bdtx.reporting;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.accounts.People;
import vn.bdtx.cohorts.Cohorts;

/**
 * Recreates every row of the read model from the owners' query interfaces:
 * units and people a page at a time, then class by class (each class in one
 * transaction under the refresher's lock), so memory stays bounded whatever the
 * province's size. Rows of enrollments that no longer exist are removed at the
 * end. Runs by itself at start-up when the read model is empty but enrollments
 * exist (an upgraded database, the demo province seeded just before).
 */
@Component
public class ReportRebuild {

  private static final Logger log = LoggerFactory.getLogger(ReportRebuild.class);
  private static final int PAGE = 1000;
  private static final int COHORTS = 100;

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final ReportModel model;
  private final People people;
  private final Cohorts cohorts;

  ReportRebuild(DatabaseClient db, TransactionalOperator tx, ReportModel model, People people, Cohorts cohorts) {
    this.db = db;
    this.tx = tx;
    this.model = model;
    this.people = people;
    this.cohorts = cohorts;
  }

  /**
   * After the demo province is seeded (order 20): rebuilds in the background when the read model is empty
   * but enrollments exist, so that start-up is not held up by a province's worth of rows.
   */
  @EventListener(ApplicationReadyEvent.class)
  @Order(30)
  public void atStart() {
    long started = System.nanoTime();
    rebuildIfEmpty().subscribe(
        done -> {
          if (done) {
            log.info("Reports: read model rebuilt in {} s", String.format("%.1f", (System.nanoTime() - started) / 1e9));
          }
        },
        e -> log.warn("Reports: read model not rebuilt at start ({}); the next start tries again", e.toString()));
  }

  /** Rebuilds when the read model holds no enrollment but the owners do; true when it rebuilt. */
  public Mono<Boolean> rebuildIfEmpty() {
    return db.sql("SELECT NOT EXISTS (SELECT 1 FROM report_enrollment) AS empty").map((r, m) -> r.get("empty", Boolean.class))
        .one().filter(Boolean.TRUE::equals)
        .flatMap(empty -> cohorts.anyEnrollment()).filter(Boolean.TRUE::equals)
        .flatMap(needed -> rebuild().thenReturn(true))
        .defaultIfEmpty(false);
  }

  /** Recreates every report row. */
  public Mono<Void> rebuild() {
    return db.sql("SELECT clock_timestamp() AS t").map((r, m) -> r.get("t", Instant.class)).one()
        .flatMap(start -> units(0).then(persons(0)).then(cohortsAfter(0))
            // An enrollment that no longer exists was not rewritten: its row is older than the rebuild.
            .then(locked(db.sql("DELETE FROM report_enrollment WHERE refreshed_at < :t").bind("t", start).then())));
  }

  private <T> Mono<T> locked(Mono<T> work) {
    return db.sql(ReportRefresher.LOCK).then().then(work).as(tx::transactional);
  }

  private Mono<Void> units(long after) {
    return people.placedAfter(after, PAGE).flatMap(page -> page.isEmpty() ? Mono.empty()
        : locked(model.units(page)).then(page.size() < PAGE ? Mono.empty() : units(page.get(page.size() - 1).id())));
  }

  private Mono<Void> persons(long after) {
    return people.listedAfter(after, PAGE).flatMap(page -> page.isEmpty() ? Mono.empty()
        : locked(model.persons(page)).then(page.size() < PAGE ? Mono.empty() : persons(page.get(page.size() - 1).id())));
  }

  private Mono<Void> cohortsAfter(long after) {
    return cohorts.idsAfter(after, COHORTS).flatMap((List<Long> page) -> page.isEmpty() ? Mono.empty()
        : Flux.fromIterable(page).concatMap(c -> locked(model.cohort(c, null))).then()
            .then(page.size() < COHORTS ? Mono.empty() : cohortsAfter(page.get(page.size() - 1))));
  }
}
