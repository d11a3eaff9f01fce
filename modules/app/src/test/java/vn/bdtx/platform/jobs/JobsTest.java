package vn.bdtx.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The guard and the metrics every scheduled job runs through. */
class JobsTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final Jobs jobs = new Jobs(meters);

  private double runs(String job, String outcome) {
    var c = meters.find("bdtx_job_runs").tag("job", job).tag("outcome", outcome).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void aJobIsNotStartedAgainWhileItsPreviousRunIsStillGoing() {
    Sinks.One<Integer> first = Sinks.one();
    AtomicInteger made = new AtomicInteger();
    Disposable going = jobs.run("flush", () -> {
      made.incrementAndGet();
      return first.asMono();
    }).subscribe();
    assertThat(jobs.running("flush")).isTrue();

    Integer second = jobs.run("flush", () -> {
      made.incrementAndGet();
      return Mono.just(2);
    }).block(Duration.ofSeconds(5));
    assertThat(second).as("skipped while the first run goes on").isNull();
    assertThat(made).as("the skipped run's work is not even made").hasValue(1);
    assertThat(runs("flush", "skipped")).isEqualTo(1);

    first.tryEmitValue(1);
    assertThat(going.isDisposed()).isTrue();
    assertThat(jobs.running("flush")).isFalse();
    assertThat(jobs.run("flush", () -> Mono.just(3)).block(Duration.ofSeconds(5))).as("runs again once it ended").isEqualTo(3);
  }

  @Test
  void anotherJobRunsWhileOneIsGoing() {
    jobs.run("reminders", () -> Mono.never()).subscribe();
    assertThat(jobs.run("quiz-close", () -> Mono.just(1)).block(Duration.ofSeconds(5))).isEqualTo(1);
  }

  /**
   * Counted before the caller sees the end: the 50 ms run ends on a timer thread while the test's thread reads the
   * count as soon as {@code block} returns. Repeated, because the count once trailed the value (CI, session 9).
   */
  @org.junit.jupiter.api.RepeatedTest(20)
  void countsRunsFailuresAndTheirDuration() {
    jobs.run("receipts", () -> Mono.just(1)).block(Duration.ofSeconds(5));
    jobs.run("receipts", () -> Mono.delay(Duration.ofMillis(50)).thenReturn(2)).block(Duration.ofSeconds(5));
    assertThat(runs("receipts", "success")).as("counted when the caller gets the value").isEqualTo(2);
    assertThatThrownBy(() -> jobs.run("receipts", () -> Mono.error(new IllegalStateException("mail server down")))
        .block(Duration.ofSeconds(5))).hasMessageContaining("mail server down");
    assertThatThrownBy(() -> jobs.<Integer>run("receipts", () -> {
      throw new IllegalStateException("not even made");
    }).block(Duration.ofSeconds(5))).hasMessageContaining("not even made");

    assertThat(runs("receipts", "success")).isEqualTo(2);
    assertThat(runs("receipts", "failure")).isEqualTo(2);
    assertThat(runs("receipts", "skipped")).isZero();
    var duration = meters.find("bdtx_job_duration").tag("job", "receipts").timer();
    assertThat(duration.count()).isEqualTo(4);
    assertThat(duration.max(java.util.concurrent.TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(50);
    assertThat(jobs.running("receipts")).as("a failed run frees the job").isFalse();
  }

  @Test
  void aRunItsCallerStoppedWaitingForCountsAsCancelledAndFreesTheJob() {
    assertThatThrownBy(() -> jobs.run("slow", () -> Mono.never()).block(Duration.ofMillis(100)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(runs("slow", "cancelled")).isEqualTo(1);
    assertThat(jobs.running("slow")).isFalse();
  }
}
