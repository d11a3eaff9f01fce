package vn.bdtx.platform.storage;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.bdtx.platform.jobs.Jobs;

/**
 * Creates the buckets at start-up. An external store that is down at that moment
 * does not stop the application (lectures and logins still work); creation is
 * retried every 30 s and health shows the store as DOWN until it succeeds.
 */
@Component
class BucketCreation {

  private static final Logger log = LoggerFactory.getLogger(BucketCreation.class);
  private final Jobs jobs;
  private final ObjectStore store;
  private final AtomicBoolean done = new AtomicBoolean();

  BucketCreation(Jobs jobs, ObjectStore store) {
    this.jobs = jobs;
    this.store = store;
  }

  @EventListener(ApplicationReadyEvent.class)
  @org.springframework.core.annotation.Order(0)
  void atStartUp() {
    tryCreate();
  }

  @Scheduled(initialDelay = 30_000, fixedDelay = 30_000)
  void retryUntilCreated() {
    if (!done.get()) {
      tryCreate();
    }
  }

  /** A run of the job, so that a store still refusing counts as a failed run in the metrics. */
  private void tryCreate() {
    try {
      jobs.run("bucket-creation", () -> store.ensureBuckets().doOnSuccess(created -> done.set(true)))
          .block(Duration.ofSeconds(20));
    } catch (RuntimeException e) {
      log.warn("Object store not ready, buckets not created yet (retrying in 30 s): {}", e.getMessage());
    }
  }
}
