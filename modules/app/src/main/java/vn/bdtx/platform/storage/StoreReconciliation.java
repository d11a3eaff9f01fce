package vn.bdtx.platform.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.storage.Orphans;
import vn.bdtx.domain.storage.Orphans.StoredObject;
import vn.bdtx.platform.jobs.Jobs;

/**
 * Removes objects of the store that no row names (issue 18 item 6): an upload
 * stores its object and then writes its row, so a process killed between the two
 * leaves an object nobody can reach. Each run lists every bucket, asks the
 * database which of the listed keys some declared {@link ObjectReference} names,
 * and removes the others once they are older than the grace period (domain
 * {@link Orphans}: a younger object may belong to an upload whose row is not
 * committed yet). Just before removing one, it reads the object's time again and
 * asks the rows again, so a file uploaded anew since the listing is kept. (Keys
 * are content-addressed: only the same file, uploaded again by the same owner in
 * the milliseconds between that second look and the removal, could lose its
 * object, and only if an earlier copy had been left an orphan for the whole grace
 * period.)
 *
 * <p>Once across nodes: a run takes a transaction-scoped PostgreSQL advisory
 * lock, and a node that does not get it skips the run. The buckets must be this
 * deployment's alone: another database's objects under the same bucket prefix
 * would look like orphans here.
 *
 * <p>Metrics: {@code bdtx_storage_objects_checked_total} and
 * {@code bdtx_storage_orphans_removed_total}, by bucket.
 */
@Component
public class StoreReconciliation {

  static final String LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('bdtx-store-reconciliation')) AS locked";
  private static final Logger log = LoggerFactory.getLogger(StoreReconciliation.class);
  /** Keys asked about at once. */
  private static final int BATCH = 500;

  /** What one run did, or that it was skipped because another node held the lock. */
  public record Run(boolean skipped, long checked, long removed) {
    static final Run NONE = new Run(false, 0, 0);

    Run plus(Run other) {
      return new Run(skipped || other.skipped, checked + other.checked, removed + other.removed);
    }
  }

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final ObjectStore store;
  private final List<ObjectReference> references;
  private final Orphans rule;
  /**
   * The real time, not the application's clock: it is compared with times the store and the file system wrote
   * (a test that moves the application's clock ahead must not make every young object look old).
   */
  private final Clock clock = Clock.systemUTC();
  private final boolean enabled;
  private final MeterRegistry meters;

  private final Jobs jobs;

  StoreReconciliation(Jobs jobs, DatabaseClient db, TransactionalOperator tx, ObjectStore store, List<ObjectReference> references,
                      MeterRegistry meters,
                      @Value("${bdtx.storage.reconciliation.grace:PT24H}") Duration grace,
                      @Value("${bdtx.storage.reconciliation.enabled:true}") boolean enabled) {
    this.jobs = jobs;
    this.db = db;
    this.tx = tx;
    this.store = store;
    this.references = List.copyOf(references);
    this.rule = new Orphans(grace);
    this.enabled = enabled;
    this.meters = meters;
    for (Bucket bucket : Bucket.values()) {
      checked(bucket);
      removed(bucket);
    }
  }

  @Scheduled(initialDelayString = "${bdtx.storage.reconciliation.initial-delay:PT15M}",
      fixedDelayString = "${bdtx.storage.reconciliation.interval:PT6H}")
  void scheduled() {
    if (!enabled) {
      return;
    }
    try {
      Run run = jobs.run("store-reconciliation", () -> runOnce(clock.instant())).block(Duration.ofHours(1));
      if (run != null && !run.skipped()) {
        log.info("Store reconciliation: {} objects checked, {} orphans removed", run.checked(), run.removed());
      }
    } catch (RuntimeException e) {
      log.warn("Store reconciliation not done this time ({}); the next run tries again", e.toString());
    }
  }

  /** The references declared for every bucket (for the check that none of the schema's key columns is missing). */
  public List<ObjectReference> references() {
    return references;
  }

  /** One run at {@code now}, under the lock; skipped when another node holds it. */
  public Mono<Run> runOnce(Instant now) {
    Mono<Run> work = db.sql(LOCK).map((r, m) -> Boolean.TRUE.equals(r.get("locked", Boolean.class))).one()
        .flatMap(got -> !got ? Mono.just(new Run(true, 0, 0))
            : Flux.fromArray(Bucket.values()).concatMap(b -> reconcile(b, now)).reduce(Run.NONE, Run::plus));
    return work.as(tx::transactional);
  }

  private Mono<Run> reconcile(Bucket bucket, Instant now) {
    List<ObjectReference> named = references.stream().filter(r -> r.bucket() == bucket).toList();
    if (named.isEmpty()) {
      // Nothing declares what this bucket's keys are: every object would look like an orphan.
      return Mono.just(Run.NONE);
    }
    return store.list(bucket)
        .buffer(BATCH)
        .concatMap(batch -> referenced(named, batch.stream().map(StoredObject::key).toList())
            .flatMap(keys -> {
              checked(bucket).increment(batch.size());
              return Flux.fromIterable(rule.among(batch, keys, now))
                  .concatMap(orphan -> removeIfStillOrphan(bucket, named, orphan, now))
                  .reduce(0L, Long::sum)
                  .map(removed -> new Run(false, batch.size(), removed));
            }))
        .reduce(Run.NONE, Run::plus);
  }

  /** Removes the object unless, read again now, it has been written anew or some row names it by now. */
  private Mono<Long> removeIfStillOrphan(Bucket bucket, List<ObjectReference> named, StoredObject orphan, Instant now) {
    return store.lastModified(bucket, orphan.key())
        .flatMap(written -> referenced(named, List.of(orphan.key()))
            .flatMap(keys -> {
              if (!rule.stillOrphan(written, !keys.isEmpty(), now)) {
                return Mono.just(0L);
              }
              return store.remove(bucket, orphan.key())
                  .then(Mono.fromRunnable(() -> {
                    removed(bucket).increment();
                    log.info("Store reconciliation: removed {}/{} (last written {}, no row names it)",
                        store.bucketName(bucket), orphan.key(), written);
                  }))
                  .thenReturn(1L);
            }))
        .defaultIfEmpty(0L);
  }

  /** The keys among {@code keys} that some row names. */
  private Mono<Set<String>> referenced(List<ObjectReference> named, List<String> keys) {
    String sql = "SELECT k FROM unnest(CAST(:keys AS text[])) AS k WHERE "
        + named.stream().map(r -> r.exists("k")).collect(Collectors.joining(" OR "));
    return db.sql(sql).bind("keys", keys.toArray(String[]::new))
        .map((r, m) -> r.get("k", String.class)).all()
        .collect(Collectors.toSet());
  }

  private Counter checked(Bucket bucket) {
    return Counter.builder("bdtx_storage_objects_checked").description("Objects of the store the reconciliation listed")
        .tag("bucket", bucket.name().toLowerCase()).register(meters);
  }

  private Counter removed(Bucket bucket) {
    return Counter.builder("bdtx_storage_orphans_removed").description("Objects no row named, removed after the grace period")
        .tag("bucket", bucket.name().toLowerCase()).register(meters);
  }
}
