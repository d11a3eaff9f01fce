package vn.bdtx.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import vn.bdtx.support.BdtxIntegrationTest;

/**
 * The application's real scheduler with the real jobs and three test jobs: one that blocks its thread for seconds,
 * one that must still run on time meanwhile, and one that subscribes and returns while its work goes on.
 * Dirtied: the test jobs must not keep running in a context other classes share.
 */
@BdtxIntegrationTest
@Import(JobSchedulingTest.TestJobs.class)
@DirtiesContext
class JobSchedulingTest {

  @Autowired TestJobs test;
  @Autowired ThreadPoolTaskScheduler taskScheduler;
  @Autowired ScheduledTaskHolder tasks;
  @Autowired WebTestClient web;

  @TestConfiguration(proxyBeanMethods = false)
  static class TestJobs {
    final CountDownLatch blocked = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean blockNow;
    final AtomicInteger quickRuns = new AtomicInteger();
    final AtomicInteger asyncStarts = new AtomicInteger();
    final AtomicInteger asyncGoing = new AtomicInteger();
    final AtomicInteger asyncMostAtOnce = new AtomicInteger();
    volatile boolean asyncOn;
    @Autowired Jobs jobs;

    /** Holds its thread until the test releases it, as the reminder job does for minutes. */
    @Scheduled(fixedDelay = 100)
    void slow() throws InterruptedException {
      if (blockNow) {
        blockNow = false;
        blocked.countDown();
        release.await(60, TimeUnit.SECONDS);
      }
    }

    @Scheduled(fixedDelay = 100)
    void quick() {
      quickRuns.incrementAndGet();
    }

    /** Subscribes and returns at once; each run's work takes a second, ten ticks. */
    @Scheduled(fixedDelay = 100)
    void async() {
      if (!asyncOn) {
        return;
      }
      jobs.run("test-async", () -> Mono.delay(Duration.ofSeconds(1))
              .doOnSubscribe(s -> {
                asyncStarts.incrementAndGet();
                asyncMostAtOnce.accumulateAndGet(asyncGoing.incrementAndGet(), Math::max);
              })
              .doFinally(s -> asyncGoing.decrementAndGet()))
          .subscribe();
    }
  }

  @Test
  void aJobBlockedForSecondsDoesNotDelayAnother() throws InterruptedException {
    test.blockNow = true;
    try {
      assertThat(test.blocked.await(60, TimeUnit.SECONDS)).as("the slow job started").isTrue();
      int before = test.quickRuns.get();
      Thread.sleep(3_000);
      assertThat(test.quickRuns.get() - before).as("runs of the quick job (every 100 ms) while the slow one holds its thread")
          .isGreaterThanOrEqualTo(5);
    } finally {
      test.release.countDown();
    }
  }

  @Test
  void anAsynchronousJobIsNotStartedAgainWhileItsPreviousRunIsGoing() throws InterruptedException {
    test.asyncOn = true;
    try {
      long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (test.asyncStarts.get() < 2 && System.nanoTime() < until) {
        Thread.sleep(100);
      }
    } finally {
      test.asyncOn = false;
    }
    assertThat(test.asyncStarts.get()).as("runs started").isGreaterThanOrEqualTo(2);
    assertThat(test.asyncMostAtOnce.get()).as("runs going at once").isEqualTo(1);
    String scrape = web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
        .expectBody(String.class).returnResult().getResponseBody();
    assertThat(scrape).containsPattern("bdtx_job_runs_total\\{[^}]*job=\"test-async\",outcome=\"skipped\"[^}]*\\} [1-9]");
  }

  @Test
  void thePoolHasAThreadForEveryJob() {
    int jobs = tasks.getScheduledTasks().size();
    assertThat(jobs).as("the application's 12 jobs and the test's 3").isGreaterThanOrEqualTo(15);
    assertThat(taskScheduler.getScheduledThreadPoolExecutor().getCorePoolSize()).isEqualTo(jobs);
  }

  @Test
  void theRealJobsReportTheirRunsAndDurations() throws InterruptedException {
    String pattern = "bdtx_job_runs_total\\{[^}]*job=\"lecture-progress-flush\",outcome=\"success\"[^}]*\\} [1-9]";
    String scrape = "";
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < until) {
      scrape = web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
          .expectBody(String.class).returnResult().getResponseBody();
      if (scrape.matches("(?s).*" + pattern + ".*")) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(scrape).containsPattern(pattern)
        .containsPattern("bdtx_job_duration_seconds_count\\{[^}]*job=\"lecture-progress-flush\"[^}]*\\} [1-9]");
  }
}
