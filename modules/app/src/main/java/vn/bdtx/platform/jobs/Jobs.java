package vn.bdtx.platform.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Every scheduled job runs through here. A run of a job does not start while its previous run on this node is
 * still going: a job that subscribes and returns (its work goes on after the scheduler's call) would otherwise
 * start again at each tick and overlap with itself. (Overlap across nodes is each job's own affair: an advisory
 * lock or {@code SKIP LOCKED}.)
 * <p>
 * Metrics: {@code bdtx_job_runs_total{job,outcome}} with outcome {@code success}, {@code failure},
 * {@code cancelled} (a caller that stopped waiting) or {@code skipped} (the previous run was still going), and
 * {@code bdtx_job_duration_seconds{job}} for the runs that started.
 */
@Component
public class Jobs {

  private static final Logger log = LoggerFactory.getLogger(Jobs.class);

  private final MeterRegistry meters;
  private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();

  public Jobs(MeterRegistry meters) {
    this.meters = meters;
  }

  /**
   * A run of {@code job}: subscribing to the answer starts {@code work} (made only then), unless the previous run
   * is still going, in which case the answer is empty and the run counts as skipped.
   */
  public <T> Mono<T> run(String job, Supplier<? extends Mono<T>> work) {
    return Mono.defer(() -> {
      AtomicBoolean busy = running.computeIfAbsent(job, j -> new AtomicBoolean());
      if (!busy.compareAndSet(false, true)) {
        log.debug("Job {} skipped: its previous run is still going", job);
        count(job, "skipped");
        return Mono.<T>empty();
      }
      Timer.Sample started = Timer.start(meters);
      Mono<T> made;
      try {
        made = work.get();
      } catch (RuntimeException e) {
        made = Mono.error(e);
      }
      // The run is counted before its end reaches the caller (doOnSuccess and doOnError run ahead of the
      // downstream signal; doFinally would run after it, so a caller that saw the value could read the old count).
      AtomicBoolean ended = new AtomicBoolean();
      Consumer<String> end = outcome -> {
        if (!ended.compareAndSet(false, true)) {
          return;
        }
        busy.set(false);
        started.stop(Timer.builder("bdtx_job_duration").description("Duration of a scheduled job's run")
            .tag("job", job).register(meters));
        count(job, outcome);
      };
      return made.doOnSuccess(value -> end.accept("success"))
          .doOnError(e -> end.accept("failure"))
          .doOnCancel(() -> end.accept("cancelled"));
    });
  }

  /** Whether a run of {@code job} is going on this node. */
  public boolean running(String job) {
    AtomicBoolean busy = running.get(job);
    return busy != null && busy.get();
  }

  private void count(String job, String outcome) {
    Counter.builder("bdtx_job_runs").description("Runs of a scheduled job, by outcome")
        .tag("job", job).tag("outcome", outcome).register(meters).increment();
  }
}
