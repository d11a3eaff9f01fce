package vn.bdtx.platform.admission;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.domain.admission.WaitingLine;

/**
 * A first-come, first-served line in front of work of which this node does at most {@code workers} pieces at once.
 * A newcomer is admitted at once when a worker is free and nobody waits; otherwise it waits its turn, and its
 * {@link Entry#place()} says how many are before it. Each piece runs to its end once admitted, whether or not
 * anyone still waits for its result (a learner who closed the page still gets the attempt, nobody gets two).
 *
 * <p>A piece may keep its worker for a while after its work is done ({@code hold}): a quiz start keeps it until
 * the attempt page it leads to has been served ({@link #release(Object)}), so that at most {@code workers} starts
 * and their first pages are in progress together; the hold ends by itself after its time.
 *
 * <p>In memory only, per node: nothing of a piece (a password, an account) is written anywhere.
 */
public final class Line {

  private final String name;
  private final int workers;
  private final ConcurrentLinkedQueue<Entry<?>> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waitingCount = new AtomicInteger();
  private final AtomicInteger busy = new AtomicInteger();
  private final AtomicLong issued = new AtomicLong();
  private final AtomicLong lastAdmitted = new AtomicLong();
  private final Map<Object, Entry<?>> held = new ConcurrentHashMap<>();
  /** Mean time a piece keeps its worker, smoothed; starts at the guess given. */
  private volatile double meanNanos;

  public Line(String name, int workers, Duration firstGuess) {
    if (workers < 1) {
      throw new IllegalArgumentException(name + ": a line needs at least one worker, not " + workers);
    }
    this.name = name;
    this.workers = workers;
    this.meanNanos = firstGuess.toNanos();
  }

  public String name() {
    return name;
  }

  public int workers() {
    return workers;
  }

  /** Pieces waiting for a worker. */
  public int waiting() {
    return waitingCount.get();
  }

  /** Pieces being done (or holding their worker). */
  public int busy() {
    return busy.get();
  }

  /** The time a piece keeps a worker, on average lately. */
  public Duration meanService() {
    return Duration.ofNanos((long) meanNanos);
  }

  /** Pieces admitted a second at the current pace. */
  public double perSecond() {
    return workers * 1e9 / Math.max(1, meanNanos);
  }

  /** Whether a newcomer now would be admitted at once: nobody waits and a worker is free. */
  public boolean free() {
    return waitingCount.get() == 0 && busy.get() < workers;
  }

  /** Whether a newcomer now would wait longer than {@code patience} for its work to be done. */
  public boolean crowded(Duration patience) {
    return WaitingLine.waitingPage(waitingCount.get() + (long) busy.get(), workers, meanService(), patience);
  }

  /** Queues {@code work}; it starts when a worker is free and its turn has come. */
  public <T> Entry<T> enter(Supplier<Mono<T>> work) {
    return enter(work, null, Duration.ZERO);
  }

  /**
   * Queues {@code work}; once it has succeeded, its worker stays taken until {@link #release(Object) release(key)}
   * or for {@code hold}, whichever comes first.
   */
  public <T> Entry<T> enter(Supplier<Mono<T>> work, Object key, Duration hold) {
    return enter(work, key, hold, value -> true);
  }

  /** As {@link #enter(Supplier, Object, Duration)}, holding the worker only for a result that {@code keepIf} accepts. */
  public <T> Entry<T> enter(Supplier<Mono<T>> work, Object key, Duration hold, java.util.function.Predicate<? super T> keepIf) {
    var entry = new Entry<T>(issued.incrementAndGet(), work, key, hold, keepIf);
    waitingCount.incrementAndGet();
    waiting.offer(entry);
    drain();
    return entry;
  }

  /** Ends the hold of the piece entered under {@code key}, if any: its worker takes the next in line. */
  public void release(Object key) {
    if (key == null) {
      return;
    }
    Entry<?> entry = held.remove(key);
    if (entry != null) {
      entry.free();
    }
  }

  private void drain() {
    while (!waiting.isEmpty()) {
      int b = busy.get();
      if (b >= workers) {
        return;
      }
      if (!busy.compareAndSet(b, b + 1)) {
        continue;
      }
      Entry<?> next = waiting.poll();
      if (next == null) {
        busy.decrementAndGet();
        continue;
      }
      waitingCount.decrementAndGet();
      next.start();
    }
  }

  /** One piece of work in the line. */
  public final class Entry<T> {

    private final long seq;
    /** Dropped once started: a queued login's password lives in it, and nowhere after its check. */
    private volatile Supplier<Mono<T>> work;
    private final Object key;
    private final Duration hold;
    private final java.util.function.Predicate<? super T> keepIf;
    private final Sinks.One<T> result = Sinks.one();
    private final Mono<T> shared = result.asMono();
    private final AtomicBoolean freed = new AtomicBoolean();
    private volatile boolean admitted;
    private volatile boolean done;
    private long admittedAt;

    private Entry(long seq, Supplier<Mono<T>> work, Object key, Duration hold, java.util.function.Predicate<? super T> keepIf) {
      this.seq = seq;
      this.work = work;
      this.key = key;
      this.hold = hold;
      this.keepIf = keepIf;
    }

    /** 0 once admitted; otherwise its place in the line, 1 being the next to be admitted. */
    public long place() {
      return admitted ? 0 : Math.max(1, seq - lastAdmitted.get());
    }

    /** Whether its work has ended (with a value, nothing or an error). */
    public boolean done() {
      return done;
    }

    /** The work's result, when it comes; the work runs whether or not this is subscribed to. */
    public Mono<T> result() {
      return shared;
    }

    /**
     * Completes when its work has ended, or after {@code atMost} (a waiting page's look waits here, so that it
     * learns at once when the turn has come instead of at its next look).
     */
    public Mono<Boolean> doneWithin(Duration atMost) {
      if (done) {
        return Mono.just(true);
      }
      return shared.then(Mono.just(true)).onErrorResume(e -> Mono.just(true))
          .timeout(atMost, Mono.fromSupplier(() -> done));
    }

    /** When its page should ask again for its place (WaitingLine.pollAfter). */
    public Duration pollAfter() {
      return WaitingLine.pollAfter(place(), perSecond());
    }

    private void start() {
      admittedAt = System.nanoTime();
      lastAdmitted.accumulateAndGet(seq, Math::max);
      admitted = true;
      Mono<T> mono;
      try {
        mono = work.get();
      } catch (RuntimeException e) {
        mono = Mono.error(e);
      } finally {
        work = null;
      }
      mono.subscribe(
          value -> {
            done = true;
            result.tryEmitValue(value);
            if (keepIf.test(value)) {
              keepOrFree();
            } else {
              free();
            }
          },
          error -> {
            done = true;
            result.tryEmitError(error);
            free();
          },
          () -> {
            if (!done) {
              done = true;
              result.tryEmitEmpty();
              free();
            }
          });
    }

    private void keepOrFree() {
      if (key == null || hold.isZero() || hold.isNegative()) {
        free();
        return;
      }
      Entry<?> before = held.put(key, this);
      if (before != null && before != this) {
        before.free();
      }
      Schedulers.parallel().schedule(() -> {
        held.remove(key, this);
        free();
      }, hold.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void free() {
      if (!freed.compareAndSet(false, true)) {
        return;
      }
      long took = System.nanoTime() - admittedAt;
      meanNanos = meanNanos * 0.9 + took * 0.1;
      busy.decrementAndGet();
      drain();
    }
  }
}
