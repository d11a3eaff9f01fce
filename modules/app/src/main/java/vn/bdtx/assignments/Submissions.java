package vn.bdtx.assignments;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.assignments.SubmissionRules;
import vn.bdtx.domain.cohorts.Activity;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;
import vn.bdtx.platform.storage.Bucket;
import vn.bdtx.platform.storage.ObjectStore;

/**
 * Final-assignment submissions. A submission is stored in two steps: the files
 * go to the object store under content-addressed keys (storing one twice is
 * harmless), then one transaction under the enrollment's row lock writes the
 * version and its files. So an upload cut off halfway leaves no version, and a
 * retried upload (the same form key) finds the version it already made.
 */
@Service
public class Submissions {

  /** One file of a version. */
  public record StoredFile(int position, String name, String contentType, long size, String sha256, String objectKey) {
    public boolean inline() {
      return SubmissionRules.showsInline(contentType);
    }
  }

  /** A version as handed in. */
  public record Version(long id, long enrollmentId, int version, UUID uploadKey, Instant submittedAt, List<StoredFile> files) {
  }

  /** A file received and checked, on the server's disk until the request ends. */
  public record Received(Path path, String name, String contentType, long size, String sha256) {
  }

  public sealed interface Outcome {
    /** Stored; {@code again} when the same upload had already been stored (a retry). */
    record Stored(Version version, boolean again) implements Outcome {
    }

    record Refused(SubmissionRules.Decision decision) implements Outcome {
    }
  }

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final ObjectStore store;
  private final SubmissionRules rules;
  private final Counter stored;

  private final Outbox outbox;
  private final Cohorts cohorts;

  Submissions(DatabaseClient db, Outbox outbox, TransactionalOperator tx, ObjectStore store, MeterRegistry meters, Cohorts cohorts,
              @Value("${bdtx.assignments.max-files}") int maxFiles,
              @Value("${bdtx.assignments.max-document-size}") DataSize maxDocument,
              @Value("${bdtx.assignments.max-image-size}") DataSize maxImage,
              @Value("${bdtx.assignments.max-video-size}") DataSize maxVideo,
              @Value("${bdtx.assignments.max-total-size}") DataSize maxTotal) {
    this.outbox = outbox;
    this.cohorts = cohorts;
    this.db = db;
    this.tx = tx;
    this.store = store;
    this.rules = new SubmissionRules(maxFiles, maxDocument.toBytes(), maxImage.toBytes(), maxVideo.toBytes(), maxTotal.toBytes());
    this.stored = Counter.builder("bdtx_submissions_stored").description("Final-assignment versions stored").register(meters);
  }

  public SubmissionRules rules() {
    return rules;
  }

  static String key(long enrollmentId, String sha256) {
    return "enrollments/" + enrollmentId + "/" + sha256;
  }

  /** Every version of the enrollment, newest first. */
  public Mono<List<Version>> versions(long enrollmentId) {
    return db.sql("""
            SELECT s.id, s.enrollment_id, s.version, s.upload_key, s.submitted_at,
                   f.position, f.name, f.content_type, f.size, f.sha256, f.object_key
            FROM submission s JOIN submission_file f ON f.submission_id = s.id
            WHERE s.enrollment_id = :e ORDER BY s.version DESC, f.position""")
        .bind("e", enrollmentId)
        .map((r, m) -> new Object[] {
            new Version(r.get("id", Long.class), r.get("enrollment_id", Long.class), r.get("version", Integer.class),
                r.get("upload_key", UUID.class), r.get("submitted_at", Instant.class), List.of()),
            new StoredFile(r.get("position", Short.class), r.get("name", String.class), r.get("content_type", String.class),
                r.get("size", Long.class), r.get("sha256", String.class), r.get("object_key", String.class))})
        .all().collectList().map(Submissions::group);
  }

  private static List<Version> group(List<Object[]> rows) {
    var byId = new LinkedHashMap<Long, Version>();
    var files = new LinkedHashMap<Long, List<StoredFile>>();
    for (Object[] row : rows) {
      Version v = (Version) row[0];
      byId.putIfAbsent(v.id(), v);
      files.computeIfAbsent(v.id(), k -> new ArrayList<>()).add((StoredFile) row[1]);
    }
    return byId.values().stream().map(v -> new Version(v.id(), v.enrollmentId(), v.version(), v.uploadKey(), v.submittedAt(),
        List.copyOf(files.get(v.id())))).toList();
  }

  /** File {@code position} of version {@code version}, if the enrollment has it. */
  public Mono<StoredFile> file(long enrollmentId, int version, int position) {
    return versions(enrollmentId).flatMap(all -> Mono.justOrEmpty(all.stream().filter(v -> v.version() == version)
        .flatMap(v -> v.files().stream()).filter(f -> f.position() == position).findFirst()));
  }

  /**
   * An uploaded file written to a server temp file (added to {@code temps}, which
   * the caller deletes when the request ends), with its name made safe, the type
   * read from its bytes, its size and SHA-256.
   */
  public static Mono<Received> receive(org.springframework.http.codec.multipart.FilePart part, List<Path> temps) {
    String name = SubmissionRules.safeName(part.filename());
    return Mono.fromCallable(() -> {
          Path tmp = vn.bdtx.platform.storage.TempUploadFiles.create();
          synchronized (temps) {
            temps.add(tmp);
          }
          return tmp;
        }).subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
        .flatMap(tmp -> part.transferTo(tmp).then(Mono.fromCallable(() -> new Received(tmp, name,
                vn.bdtx.platform.storage.FileTypes.detect(tmp), java.nio.file.Files.size(tmp),
                vn.bdtx.platform.storage.FileTypes.sha256(tmp)))
            .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())));
  }

  /** Deletes the temp files of a request, off the event loop. */
  public static void delete(List<Path> temps) {
    reactor.core.scheduler.Schedulers.boundedElastic().schedule(() -> temps.forEach(p -> p.toFile().delete()));
  }

  /** The version made by this upload key, if it was stored. */
  public Mono<Version> byKey(long enrollmentId, UUID key) {
    return versions(enrollmentId).flatMap(all -> Mono.justOrEmpty(all.stream().filter(v -> v.uploadKey().equals(key)).findFirst()));
  }

  /** True when the latest version is graded and was not returned: a new one would not be graded. */
  public Mono<Boolean> graded(long enrollmentId) {
    return db.sql("SELECT state FROM assignment_grade WHERE enrollment_id = :e").bind("e", enrollmentId)
        .map((r, m) -> "GRADED".equals(r.get(0, String.class))).one().defaultIfEmpty(false);
  }

  /**
   * Decides and, when accepted, stores the files and the version. Judged at
   * {@code now}, the instant the request arrived (a slow phone upload begun
   * before the deadline is not refused for its slowness).
   */
  public Mono<Outcome> submit(Cohorts.Enrollment e, UUID key, List<Received> files, Instant now) {
    return submit(e, key, files, now, true);
  }

  /**
   * As {@link #submit(Cohorts.Enrollment, UUID, List, Instant)}; {@code receipt} false stores no receipt to
   * e-mail (work seeded for the demo province, which nobody handed in).
   */
  public Mono<Outcome> submit(Cohorts.Enrollment e, UUID key, List<Received> files, Instant now, boolean receipt) {
    return byKey(e.id(), key).<Outcome>map(v -> new Outcome.Stored(v, true))
        .switchIfEmpty(Mono.defer(() -> graded(e.id()).flatMap(graded -> {
          var incoming = files.stream().map(f -> new SubmissionRules.Incoming(f.name(), f.contentType(), f.size())).toList();
          var decision = rules.decide(e.schedule().window(Activity.SUBMISSION), graded, incoming, now);
          if (!decision.accepted()) {
            return Mono.just(new Outcome.Refused(decision));
          }
          return Flux.fromIterable(files)
              .concatMap(f -> store.put(Bucket.SUBMISSIONS, key(e.id(), f.sha256()), f.path(), f.contentType()))
              .then(write(e, key, files, now, receipt));
        })));
  }

  private Mono<Outcome> write(Cohorts.Enrollment e, UUID key, List<Received> files, Instant now, boolean receipt) {
    Mono<Boolean> work = cohorts.lockEnrollment(e.id())
        .then(db.sql("SELECT id FROM submission WHERE enrollment_id = :e AND upload_key = :k")
            .bind("e", e.id()).bind("k", key).map((r, m) -> r.get(0, Long.class)).one().map(Optional::of)
            .defaultIfEmpty(Optional.empty()))
        .flatMap(existing -> existing.isPresent() ? Mono.just(false) : graded(e.id()).flatMap(graded -> {
          if (graded) {
            return Mono.error(new GradedMeanwhile());
          }
          return db.sql("""
                  INSERT INTO submission (enrollment_id, version, upload_key, submitted_at)
                  SELECT :e, COALESCE(max(version), 0) + 1, :k, :now FROM submission WHERE enrollment_id = :e
                  RETURNING id""")
              .bind("e", e.id()).bind("k", key).bind("now", now).map((r, m) -> r.get(0, Long.class)).one()
              .flatMap(id -> Flux.range(0, files.size()).concatMap(i -> {
                Received f = files.get(i);
                return db.sql("""
                        INSERT INTO submission_file (submission_id, position, name, content_type, size, sha256, object_key)
                        VALUES (:s, :p, :n, :t, :z, :h, :o)""")
                    .bind("s", id).bind("p", (short) (i + 1)).bind("n", f.name()).bind("t", f.contentType())
                    .bind("z", f.size()).bind("h", f.sha256()).bind("o", key(e.id(), f.sha256())).then();
              }).then(receipt ? SubmissionReceipts.pending(db, id, e, now) : Mono.<Void>empty())
                  .then(outbox.publish(Topics.ENROLLMENT, e.id()))
                  .then(Mono.just(true)));
        }))
        .as(tx::transactional);
    return work
        .flatMap(created -> {
          if (created) {
            stored.increment();
          }
          return byKey(e.id(), key).<Outcome>map(v -> new Outcome.Stored(v, !created));
        })
        .onErrorResume(GradedMeanwhile.class, x -> Mono.just(new Outcome.Refused(
            new SubmissionRules.Decision(List.of(SubmissionRules.Refusal.GRADED), List.of()))))
        // Two requests with the same key at once: the loser's insert hits the unique key; the winner's version is the answer.
        .onErrorResume(org.springframework.dao.DataIntegrityViolationException.class,
            x -> byKey(e.id(), key).<Outcome>map(v -> new Outcome.Stored(v, true)).switchIfEmpty(Mono.error(x)));
  }

  private static final class GradedMeanwhile extends RuntimeException {
    GradedMeanwhile() {
      super(null, null, false, false);
    }
  }

  /** A presigned URL for one stored file, shown in the browser when it can be (PDF, images), else downloaded. */
  public Mono<String> url(StoredFile file) {
    return store.presignedDownload(Bucket.SUBMISSIONS, file.objectKey(), java.time.Duration.ofMinutes(5), file.contentType(),
        file.name(), "private, no-store");
  }
}
