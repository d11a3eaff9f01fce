package vn.bdtx.learning;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.catalog.Lecture;
import vn.bdtx.domain.learning.Studied;
import vn.bdtx.domain.learning.Watched;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;
import vn.bdtx.platform.jobs.Jobs;

/**
 * How far each learner got with each lecture. A playing video reports every few
 * seconds; those reports are merged in memory and written every two seconds as
 * one batch (three statements, whatever the number of viewers), so 5,000
 * viewers do not become 5,000 writes. A report lost in a crash costs nothing:
 * the player sends everything it has played in the page with every report.
 * Batches from several nodes merge under row locks taken in key order.
 */
@Service
public class LectureProgress {

  private static final Logger log = LoggerFactory.getLogger(LectureProgress.class);

  /** What one report says: stretches played (seconds), where the player is, and whether the page's end was reached. */
  public record Report(int duration, List<double[]> played, int position, boolean reachedEnd) {
  }

  /** A lecture's progress as the pages show it. */
  public record Progress(int duration, int watchedSeconds, int position, boolean done) {
    public int percent() {
      return duration <= 0 ? 0 : Math.min(100, (int) Math.floor(100.0 * watchedSeconds / duration));
    }
  }

  private record Key(long enrollmentId, String lectureId) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = Long.compare(enrollmentId, o.enrollmentId);
      return c != 0 ? c : lectureId.compareTo(o.lectureId);
    }
  }

  /** A report waiting for the batch, with the video share its cohort's regulation asks for. */
  private record Pending(Lecture lecture, Watched watched, int position, boolean reachedEnd, double threshold) {
    Pending merge(Pending later) {
      Watched w = watched == null ? later.watched
          : later.watched == null ? watched
          : later.watched.duration() == watched.duration() ? watched.union(later.watched) : later.watched;
      return new Pending(later.lecture, w, later.position, reachedEnd || later.reachedEnd, later.threshold);
    }
  }

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final Clock clock;
  private final Map<Key, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong reports = new AtomicLong();
  private final AtomicLong rowsWritten = new AtomicLong();

  private final Outbox outbox;

  private final Jobs jobs;

  LectureProgress(Jobs jobs, DatabaseClient db, Outbox outbox, TransactionalOperator tx, Clock clock,
                  io.micrometer.core.instrument.MeterRegistry meters) {
    this.jobs = jobs;
    this.outbox = outbox;
    // Reports in versus rows written: the batching at work (RELIABILITY: far fewer writes than heartbeats).
    io.micrometer.core.instrument.FunctionCounter.builder("bdtx_lecture_progress_reports", reports, AtomicLong::get)
        .description("progress reports received from players").register(meters);
    io.micrometer.core.instrument.FunctionCounter.builder("bdtx_lecture_progress_rows_written", rowsWritten, AtomicLong::get)
        .description("lecture progress rows written by the batches").register(meters);
    this.db = db;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Takes a report in; it reaches the database with the next batch. A video
   * lecture is studied once {@code threshold} (0 to 1) of it was played: the
   * video threshold of the regulation the learner's cohort keeps.
   */
  public void report(long enrollmentId, Lecture lecture, Report r, double threshold) {
    if (!Studied.validThreshold(threshold)) {
      throw new IllegalArgumentException("a video threshold is more than 0 and at most 1, not " + threshold);
    }
    Watched w = null;
    if (lecture.media() != null && lecture.media().video() && r.duration() > 0) {
      w = Watched.none(r.duration());
      for (double[] span : r.played()) {
        w = w.add(span[0], span[1]);
      }
    }
    var p = new Pending(lecture, w, Math.max(0, Math.min(Watched.MAX_SECONDS, r.position())), r.reachedEnd(), threshold);
    pending.merge(new Key(enrollmentId, lecture.id()), p, Pending::merge);
    reports.incrementAndGet();
  }

  @Scheduled(fixedDelayString = "${bdtx.learning.flush-interval:PT2S}")
  void scheduledFlush() {
    try {
      jobs.run("lecture-progress-flush", this::flush).block(Duration.ofSeconds(30));
    } catch (RuntimeException e) {
      log.warn("Lecture progress not written this time ({}); the players send it again", e.toString());
    }
  }

  @PreDestroy
  void flushAtShutdown() {
    // Not through the job guard: a scheduled flush still going must not make this one skip what came in since.
    try {
      flush().block(Duration.ofSeconds(30));
    } catch (RuntimeException e) {
      log.warn("Lecture progress not written at shutdown ({})", e.toString());
    }
  }

  /** Writes what has come in since the last batch; returns how many lecture rows were written. */
  public Mono<Integer> flush() {
    if (pending.isEmpty()) {
      return Mono.just(0);
    }
    Map<Key, Pending> batch = new java.util.TreeMap<>();
    for (Key k : new ArrayList<>(pending.keySet())) {
      Pending p = pending.remove(k);
      if (p != null) {
        batch.put(k, p);
      }
    }
    if (batch.isEmpty()) {
      return Mono.just(0);
    }
    Instant now = clock.instant();
    Long[] enrollments = batch.keySet().stream().map(Key::enrollmentId).toArray(Long[]::new);
    String[] lectures = batch.keySet().stream().map(Key::lectureId).toArray(String[]::new);
    // The enrollments whose first progress row this batch writes (the outer query sees the rows as they were):
    // they have started, which the reports count.
    Mono<List<Long>> ensure = db.sql("""
            WITH fresh AS (
              INSERT INTO lecture_progress (enrollment_id, lecture_id, updated_at)
              SELECT t.e, t.l, :now FROM unnest(CAST(:e AS bigint[]), CAST(:l AS varchar[])) AS t(e, l)
              ORDER BY t.e, t.l
              ON CONFLICT (enrollment_id, lecture_id) DO NOTHING
              RETURNING enrollment_id)
            SELECT DISTINCT f.enrollment_id FROM fresh f
            WHERE NOT EXISTS (SELECT 1 FROM lecture_progress p WHERE p.enrollment_id = f.enrollment_id)""")
        .bind("e", enrollments).bind("l", lectures).bind("now", now)
        .map((r, m) -> r.get(0, Long.class)).all().collectList();
    Flux<Map.Entry<Key, Stored>> current = db.sql("""
            SELECT p.enrollment_id, p.lecture_id, p.duration_s, p.watched, p.done_at FROM lecture_progress p
            JOIN unnest(CAST(:e AS bigint[]), CAST(:l AS varchar[])) AS t(e, l) ON p.enrollment_id = t.e AND p.lecture_id = t.l
            ORDER BY p.enrollment_id, p.lecture_id
            FOR UPDATE OF p""")
        .bind("e", enrollments).bind("l", lectures)
        .map((r, m) -> Map.entry(new Key(r.get("enrollment_id", Long.class), r.get("lecture_id", String.class)),
            new Stored(r.get("duration_s", Integer.class), bytes(r.get("watched", java.nio.ByteBuffer.class)),
                r.get("done_at", Instant.class) != null)))
        .all();
    return ensure.flatMap(first -> current.collectMap(Map.Entry::getKey, Map.Entry::getValue)
            .flatMap(stored -> write(batch, stored, now, first)))
        .as(tx::transactional)
        .doOnNext(n -> rowsWritten.addAndGet(n))
        .onErrorResume(e -> {
          // Put the batch back: the next flush tries again, merged with what came in meanwhile.
          batch.forEach((k, p) -> pending.merge(k, p, (mine, newer) -> mine.merge(newer)));
          return Mono.error(e);
        });
  }

  private record Stored(Integer duration, byte[] watched, boolean done) {
  }

  /**
   * Writes the batch and, in its transaction, announces the enrollments whose figures moved: a first progress
   * row ({@code first}) or a lecture done for the first time. Other heartbeats move no report figure.
   */
  private Mono<Integer> write(Map<Key, Pending> batch, Map<Key, Stored> stored, Instant now, List<Long> first) {
    java.util.Set<Long> moved = new java.util.HashSet<>(first);
    int n = batch.size();
    Long[] e = new Long[n];
    String[] l = new String[n];
    Integer[] d = new Integer[n];
    String[] w = new String[n];
    Integer[] p = new Integer[n];
    Boolean[] done = new Boolean[n];
    int i = 0;
    for (var entry : batch.entrySet()) {
      Pending mine = entry.getValue();
      Stored was = stored.get(entry.getKey());
      Watched watched = mine.watched();
      if (watched != null && was != null && was.duration() != null && was.duration() == watched.duration()) {
        watched = watched.union(Watched.fromBytes(was.duration(), was.watched()));
      }
      e[i] = entry.getKey().enrollmentId();
      l[i] = entry.getKey().lectureId();
      d[i] = watched == null ? (was == null || was.duration() == null ? 0 : was.duration()) : watched.duration();
      w[i] = watched == null ? (was == null || was.watched() == null ? "" : HexFormat.of().formatHex(was.watched()))
          : HexFormat.of().formatHex(watched.toBytes());
      p[i] = mine.position();
      done[i] = Studied.isStudied(mine.lecture(), Optional.ofNullable(watched), mine.reachedEnd(), mine.threshold());
      if (done[i] && (was == null || !was.done())) {
        moved.add(e[i]);
      }
      i++;
    }
    return db.sql("""
            UPDATE lecture_progress p SET duration_s = NULLIF(t.d, 0), watched = NULLIF(decode(t.w, 'hex'), ''::bytea),
                   position_s = t.p, done_at = COALESCE(p.done_at, CASE WHEN t.done THEN CAST(:now AS timestamptz) END),
                   updated_at = :now
            FROM unnest(CAST(:e AS bigint[]), CAST(:l AS varchar[]), CAST(:d AS int[]), CAST(:w AS text[]),
                        CAST(:p AS int[]), CAST(:done AS boolean[])) AS t(e, l, d, w, p, done)
            WHERE p.enrollment_id = t.e AND p.lecture_id = t.l""")
        .bind("e", e).bind("l", l).bind("d", d).bind("w", w).bind("p", p).bind("done", done).bind("now", now)
        .fetch().rowsUpdated().map(Long::intValue)
        .flatMap(rows -> outbox.publish(Topics.ENROLLMENT, moved).thenReturn(rows));
  }

  private static byte[] bytes(java.nio.ByteBuffer b) {
    if (b == null) {
      return null;
    }
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  /** The enrollment's progress per lecture id (what has been written; at most one batch behind). */
  public Mono<Map<String, Progress>> of(long enrollmentId) {
    return db.sql("SELECT lecture_id, duration_s, watched, position_s, done_at FROM lecture_progress WHERE enrollment_id = :e")
        .bind("e", enrollmentId)
        .map((r, m) -> {
          Integer duration = r.get("duration_s", Integer.class);
          byte[] watched = bytes(r.get("watched", java.nio.ByteBuffer.class));
          int seconds = duration == null ? 0 : Watched.fromBytes(duration, watched).watchedSeconds();
          return Map.entry(r.get("lecture_id", String.class), new Progress(duration == null ? 0 : duration, seconds,
              r.get("position_s", Integer.class), r.get("done_at", Instant.class) != null));
        })
        .all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
  }

  /** The lectures each of these enrollments has studied: enrollment id → lecture ids. */
  public Mono<Map<Long, java.util.Set<String>>> studied(java.util.Collection<Long> enrollmentIds) {
    return db.sql("SELECT enrollment_id, lecture_id FROM lecture_progress WHERE enrollment_id = ANY(:e) AND done_at IS NOT NULL")
        .bind("e", enrollmentIds.toArray(Long[]::new))
        .map((r, m) -> Map.entry(r.get("enrollment_id", Long.class), r.get("lecture_id", String.class)))
        .all()
        .collect(java.util.stream.Collectors.groupingBy(Map.Entry::getKey,
            java.util.stream.Collectors.mapping(Map.Entry::getValue, java.util.stream.Collectors.toSet())));
  }

  /** Which of these enrollments have any lecture progress at all (opened a lecture). */
  public Mono<java.util.Set<Long>> started(java.util.Collection<Long> enrollmentIds) {
    if (enrollmentIds.isEmpty()) {
      return Mono.just(java.util.Set.of());
    }
    return db.sql("SELECT DISTINCT enrollment_id FROM lecture_progress WHERE enrollment_id = ANY(:e)")
        .bind("e", enrollmentIds.toArray(Long[]::new)).map((r, m) -> r.get(0, Long.class)).all()
        .collect(java.util.stream.Collectors.toSet());
  }

  /** Reports taken in and lecture rows written since start, for the metrics. */
  public long reports() {
    return reports.get();
  }

  public long rowsWritten() {
    return rowsWritten.get();
  }
}
