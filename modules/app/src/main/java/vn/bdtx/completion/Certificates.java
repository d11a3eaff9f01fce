package vn.bdtx.completion;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.accounts.People;
import vn.bdtx.catalog.Catalogue;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.completion.CertificateNumber;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;
import vn.bdtx.platform.storage.Bucket;
import vn.bdtx.platform.storage.ObjectStore;

/**
 * Certificates for a cohort's completed main enrollments, issued as a batch in
 * two steps: numbers first (one statement; an enrollment that has one never
 * gets another, whoever runs the batch and however often), then each PDF
 * rendered and stored, its key written last. A batch stopped halfway — a node
 * killed, the store down — leaves certificates without a PDF, which the next
 * run (or the periodic resume) renders; nothing is issued twice. A batch of PDFs
 * is claimed before it is rendered (a lease of {@link #CLAIM_LEASE}), so the
 * resume on every node, the issuing page and the next resume on the same node
 * render each PDF once; a batch that fails is given back at once, and one whose
 * node was killed is taken up when its lease ends.
 */
@Service
public class Certificates {

  private static final Logger log = LoggerFactory.getLogger(Certificates.class);
  /** PDFs rendered at once: rendering uses a core, storing waits on the store; two per core keeps both busy. */
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
  private static final int RENDERERS = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
  /** How long a claimed batch is left to the node that claimed it: 100 PDFs take seconds, a killed node forever. */
  static final String CLAIM_LEASE = "5 minutes";

  /** A certificate as the verification page shows it. */
  public record Certificate(long id, String number, long enrollmentId, String fullName, String moduleCode, String moduleTitle,
                            int periods, LocalDate from, LocalDate to, Instant issuedAt, String objectKey, Instant revokedAt,
                            String revokedReason) {
    public boolean revoked() {
      return revokedAt != null;
    }

    /** The date printed and shown: the day it was issued, never before the last day of its period. */
    public LocalDate issuedOn() {
      return vn.bdtx.domain.completion.CertificateDate.of(issuedAt, to);
    }
  }

  private final DatabaseClient db;
  private final ObjectStore store;
  private final String issuer;
  private final String publicUrl;
  private final Counter issued;

  private final Outbox outbox;

  private final org.springframework.transaction.reactive.TransactionalOperator tx;

  private final Cohorts cohorts;
  private final People people;
  private final Courses courses;
  private final Catalogue catalogue;

  Certificates(DatabaseClient db, Outbox outbox, ObjectStore store, MeterRegistry meters,
               org.springframework.transaction.reactive.TransactionalOperator tx,
               @Value("${bdtx.certificates.issuer}") String issuer, @Value("${bdtx.public-url}") String publicUrl,
               Cohorts cohorts, People people, Courses courses, Catalogue catalogue) {
    this.cohorts = cohorts;
    this.people = people;
    this.courses = courses;
    this.catalogue = catalogue;
    this.tx = tx;
    this.outbox = outbox;
    this.db = db;
    this.store = store;
    this.issuer = issuer;
    this.publicUrl = publicUrl;
    this.issued = Counter.builder("bdtx_certificates_issued").description("Certificate PDFs rendered and stored").register(meters);
  }

  /** Numbers every completed main enrollment of the cohort that has none; returns how many were numbered now. */
  public Mono<Long> number(long cohortId, Instant now) {
    return number(cohorts.endedMainOfCohort(cohortId, now), now);
  }

  /** As {@link #number(long, Instant)} for every cohort of a module run. */
  public Mono<Long> numberRun(long runId, Instant now) {
    return number(cohorts.endedMainOfRun(runId, now), now);
  }

  /** A whole run's batch: numbers for every cohort, then every PDF still missing, in the background of the caller. */
  public Mono<Long> issueRun(long runId, Instant now) {
    return numberRun(runId, now).then(render(null));
  }

  /** What a certificate prints, gathered from the owners before it is numbered. */
  private record Particulars(long enrollmentId, String fullName, String moduleCode, String moduleTitle, int periods,
                             LocalDate from, LocalDate to) {
  }

  /**
   * The main enrollments whose period has ended (cohorts says which, with the class's dates) that are completed and
   * have no certificate (this context's own rows) are numbered in one statement, with what the owners publish: the
   * learner's name (accounts), the course's module (catalog's titles) and the module's title and periods (the
   * catalogue); one query each per batch, whatever its size. Each gets a check code made here from a SecureRandom
   * (CertificateNumber: 80 bits, where the database's md5(random()) gave 16); an enrollment numbered meanwhile by
   * another batch is skipped by the unique enrollment_id, and one whose outcome changed meanwhile by the join.
   */
  private Mono<Long> number(Mono<List<Cohorts.EndedMain>> ended, Instant now) {
    return ended.flatMap(all -> all.isEmpty() ? Mono.just(List.<Cohorts.EndedMain>of()) : db.sql("""
                SELECT x.enrollment_id FROM enrollment_completion x
                WHERE x.enrollment_id = ANY(:ids) AND x.outcome = 'COMPLETED'
                  AND NOT EXISTS (SELECT 1 FROM certificate k WHERE k.enrollment_id = x.enrollment_id)""")
            .bind("ids", all.stream().map(Cohorts.EndedMain::enrollmentId).toArray(Long[]::new))
            .map((r, m) -> r.get(0, Long.class)).all().collect(java.util.stream.Collectors.toSet())
            .map(due -> all.stream().filter(e -> due.contains(e.enrollmentId())).toList()))
        .flatMap(due -> due.isEmpty() ? Mono.just(List.<Particulars>of()) : particulars(due))
        .flatMap(due -> due.isEmpty() ? Mono.just(List.<Long>of()) : db.sql("""
                INSERT INTO certificate (number, enrollment_id, full_name, module_code, module_title, periods, from_date,
                                         to_date, issued_at)
                SELECT replace(t.module_code, '-', '') || '-' || to_char(:now AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY') || '-'
                         || lpad(nextval('certificate_serial')::text, 6, '0') || '-' || t.code,
                       t.enrollment_id, t.full_name, t.module_code, t.module_title, t.periods, t.from_date, t.to_date, :now
                FROM unnest(CAST(:ids AS bigint[]), CAST(:codes AS text[]), CAST(:names AS text[]), CAST(:modules AS text[]),
                            CAST(:titles AS text[]), CAST(:periods AS int[]), CAST(:froms AS date[]), CAST(:tos AS date[]))
                       AS t(enrollment_id, code, full_name, module_code, module_title, periods, from_date, to_date)
                JOIN enrollment_completion x ON x.enrollment_id = t.enrollment_id AND x.outcome = 'COMPLETED'
                ORDER BY t.enrollment_id
                ON CONFLICT (enrollment_id) DO NOTHING
                RETURNING enrollment_id""")
            .bind("now", now)
            .bind("ids", due.stream().map(Particulars::enrollmentId).toArray(Long[]::new))
            .bind("codes", due.stream().map(p -> CertificateNumber.checkCode(RANDOM)).toArray(String[]::new))
            .bind("names", due.stream().map(Particulars::fullName).toArray(String[]::new))
            .bind("modules", due.stream().map(Particulars::moduleCode).toArray(String[]::new))
            .bind("titles", due.stream().map(Particulars::moduleTitle).toArray(String[]::new))
            .bind("periods", due.stream().map(Particulars::periods).toArray(Integer[]::new))
            .bind("froms", due.stream().map(p -> p.from().toString()).toArray(String[]::new))
            .bind("tos", due.stream().map(p -> p.to().toString()).toArray(String[]::new))
            .map((r, m) -> r.get(0, Long.class)).all().collectList())
        .flatMap(ids -> outbox.publish(Topics.ENROLLMENT, ids).then(outbox.publish(Topics.CERTIFICATE, ids))
            .thenReturn((long) ids.size()))
        .as(tx::transactional);
  }

  /**
   * The particulars of these enrollments, in their order; one whose person, course or module is unknown is left out
   * (as the join that read them in one statement left it out).
   */
  private Mono<List<Particulars>> particulars(List<Cohorts.EndedMain> due) {
    return Mono.zip(people.fullNames(due.stream().map(Cohorts.EndedMain::accountId).toList()),
            courses.titles(due.stream().map(Cohorts.EndedMain::courseId).toList()),
            catalogue.all())
        .map(t -> {
          var modules = t.getT3().stream()
              .collect(java.util.stream.Collectors.toMap(vn.bdtx.domain.catalog.TrainingModule::code, m -> m));
          var found = new java.util.ArrayList<Particulars>();
          for (var e : due) {
            String name = t.getT1().get(e.accountId());
            var course = t.getT2().get(e.courseId());
            var module = course == null ? null : modules.get(course.moduleCode());
            if (name != null && module != null) {
              found.add(new Particulars(e.enrollmentId(), name, module.code(), module.title(), module.periods(), e.from(),
                  e.to()));
            }
          }
          return List.copyOf(found);
        });
  }

  private static final String SELECT = """
      SELECT c.id, c.number, c.enrollment_id, c.full_name, c.module_code, c.module_title, c.periods, c.from_date, c.to_date,
             c.issued_at, c.object_key, c.revoked_at, c.revoked_reason
      FROM certificate c""";

  private static Certificate certificate(io.r2dbc.spi.Readable r) {
    return new Certificate(r.get("id", Long.class), r.get("number", String.class), r.get("enrollment_id", Long.class),
        r.get("full_name", String.class), r.get("module_code", String.class), r.get("module_title", String.class),
        r.get("periods", Integer.class), r.get("from_date", LocalDate.class), r.get("to_date", LocalDate.class),
        r.get("issued_at", Instant.class), r.get("object_key", String.class), r.get("revoked_at", Instant.class),
        r.get("revoked_reason", String.class));
  }

  /**
   * Renders and stores every numbered certificate without a PDF (of one cohort, or all when null), 100 at a time,
   * each batch claimed first: the certificates another run has claimed are left to it.
   */
  public Mono<Long> render(Long cohortId) {
    if (cohortId == null) {
      return renderOf(null);
    }
    return cohorts.enrollmentIdsOf(cohortId).flatMap(ids -> ids.isEmpty() ? Mono.just(0L) : renderOf(ids.toArray(Long[]::new)));
  }

  /** Renders the certificates of these enrollments (of every enrollment when null) still without a PDF. */
  private Mono<Long> renderOf(Long[] enrollmentIds) {
    String scope = enrollmentIds == null ? "" : " AND p.enrollment_id = ANY(:ids)";
    var batch = db.sql("""
        UPDATE certificate c SET render_claimed_until = now() + CAST(:lease AS interval)
        FROM (SELECT p.id FROM certificate p
              WHERE p.object_key IS NULL AND (p.render_claimed_until IS NULL OR p.render_claimed_until < now())%s
              ORDER BY p.id LIMIT 100 FOR UPDATE SKIP LOCKED) due
        WHERE c.id = due.id
        RETURNING c.id, c.number, c.enrollment_id, c.full_name, c.module_code, c.module_title, c.periods, c.from_date,
                  c.to_date, c.issued_at, c.object_key, c.revoked_at, c.revoked_reason""".formatted(scope))
        .bind("lease", CLAIM_LEASE);
    if (enrollmentIds != null) {
      batch = batch.bind("ids", enrollmentIds);
    }
    var query = batch;
    return query.map((r, m) -> certificate(r)).all().collectList()
        .flatMap(list -> list.isEmpty() ? Mono.just(0L)
            : Flux.fromIterable(list).flatMap(this::renderOne, RENDERERS).reduce(0L, Long::sum)
                // The store refused (or rendering failed): give the batch back for the next run, not in five minutes.
                .onErrorResume(e -> release(list).then(Mono.error(e)))
                .flatMap(done -> renderOf(enrollmentIds).map(rest -> done + rest)));
  }

  private Mono<Void> release(List<Certificate> claimed) {
    return db.sql("UPDATE certificate SET render_claimed_until = NULL WHERE id = ANY(:ids) AND object_key IS NULL")
        .bind("ids", claimed.stream().map(Certificate::id).toArray(Long[]::new))
        .then()
        .onErrorResume(e -> Mono.empty());
  }

  /** 1 when this call stored the PDF, 0 when another got there first. */
  private Mono<Long> renderOne(Certificate c) {
    String key = "certificates/" + c.number() + ".pdf";
    return Mono.fromCallable(() -> CertificatePdf.render(new CertificatePdf.Content(c.number(), c.fullName(), c.moduleCode(),
            c.moduleTitle(), c.periods(), c.from(), c.to(), c.issuedOn(), issuer,
            verifyUrl(c.number()))))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(pdf -> store.put(Bucket.CERTIFICATES, key, pdf, "application/pdf"))
        .then(db.sql("UPDATE certificate SET object_key = :k WHERE id = :id AND object_key IS NULL")
            .bind("k", key).bind("id", c.id()).fetch().rowsUpdated())
        .doOnNext(n -> issued.increment(n));
  }

  public String verifyUrl(String number) {
    return publicUrl + "/verify/" + number;
  }

  /** The whole batch for a cohort: numbers, then PDFs; logs its throughput. */
  public Mono<Long> issue(long cohortId, Instant now) {
    long started = System.nanoTime();
    return number(cohortId, now).then(render(cohortId)).doOnNext(n -> {
      double seconds = (System.nanoTime() - started) / 1e9;
      log.info("Cohort {}: {} certificates rendered in {} s ({} per second)", cohortId, n, String.format("%.1f", seconds),
          seconds > 0 ? String.format("%.0f", n / seconds) : "-");
    });
  }

  public Mono<Certificate> byNumber(String number) {
    return db.sql(SELECT + " WHERE c.number = :n").bind("n", number).map((r, m) -> certificate(r)).one();
  }

  public Mono<Certificate> ofEnrollment(long enrollmentId) {
    return db.sql(SELECT + " WHERE c.enrollment_id = :e").bind("e", enrollmentId).map((r, m) -> certificate(r)).one();
  }

  /** The certificates of these enrollments (the learner's home), by enrollment. */
  public Mono<java.util.Map<Long, Certificate>> ofEnrollments(java.util.Collection<Long> enrollmentIds) {
    if (enrollmentIds.isEmpty()) {
      return Mono.just(java.util.Map.of());
    }
    return db.sql(SELECT + " WHERE c.enrollment_id = ANY(:ids)").bind("ids", enrollmentIds.toArray(Long[]::new))
        .map((r, m) -> certificate(r)).all().collectMap(Certificate::enrollmentId);
  }

  /** The cohort's certificates by enrollment, for the evaluation page. */
  public Mono<java.util.Map<Long, Certificate>> ofCohort(long cohortId) {
    return cohorts.enrollmentIdsOf(cohortId).flatMap(this::ofEnrollments);
  }

  /**
   * The valid certificates (not revoked, PDF stored) of these enrollments, by number: how another context (reporting's
   * ZIP of a run) learns which PDFs to hand out, one batch of enrollments at a time.
   */
  public Flux<Certificate> validWithPdf(java.util.Collection<Long> enrollmentIds) {
    if (enrollmentIds.isEmpty()) {
      return Flux.empty();
    }
    return db.sql(SELECT + " WHERE c.enrollment_id = ANY(:ids) AND c.object_key IS NOT NULL AND c.revoked_at IS NULL"
            + " ORDER BY c.number")
        .bind("ids", enrollmentIds.toArray(Long[]::new)).map((r, m) -> certificate(r)).all();
  }

  /**
   * A certificate's PDF as a stream from the store, for copying it on without holding it in memory. Blocking: call it
   * from a thread that may block, and close the stream.
   */
  public java.io.InputStream openPdfBlocking(Certificate c) throws Exception {
    if (c.objectKey() == null) {
      throw new IllegalStateException("certificate " + c.number() + " has no PDF yet");
    }
    return store.openBlocking(Bucket.CERTIFICATES, c.objectKey());
  }

  /** Revokes a certificate of the cohort once, with a reason; true when this call revoked it. */
  public Mono<Boolean> revoke(long cohortId, String number, String reason, Instant now) {
    return cohorts.enrollmentIdsOf(cohortId).flatMap(enrollments -> db.sql("""
                UPDATE certificate c SET revoked_at = :now, revoked_reason = :reason
                WHERE c.enrollment_id = ANY(:enrollments) AND c.number = :n AND c.revoked_at IS NULL
                RETURNING c.enrollment_id""")
            .bind("now", now).bind("reason", reason).bind("enrollments", enrollments.toArray(Long[]::new)).bind("n", number)
            .map((r, m) -> r.get(0, Long.class)).all().collectList())
        .flatMap(ids -> outbox.publish(Topics.ENROLLMENT, ids).thenReturn(!ids.isEmpty()))
        .as(tx::transactional);
  }

  /** Main enrollments of the cohort whose stored outcome is completed and that have no certificate yet. */
  public Mono<Long> completedWithout(long cohortId) {
    return cohorts.mainEnrollmentsOf(List.of(cohortId)).flatMap(main -> db.sql("""
            SELECT count(*) FROM enrollment_completion x
            WHERE x.enrollment_id = ANY(:main) AND x.outcome = 'COMPLETED'
              AND NOT EXISTS (SELECT 1 FROM certificate c WHERE c.enrollment_id = x.enrollment_id)""")
        .bind("main", main.keySet().toArray(Long[]::new)).map((r, m) -> r.get(0, Long.class)).one());
  }

  /** The cohort's certificates with a PDF stored, and all of them. */
  public Mono<long[]> counts(long cohortId) {
    return cohorts.enrollmentIdsOf(cohortId).flatMap(enrollments -> db.sql("""
            SELECT count(*) FILTER (WHERE c.object_key IS NOT NULL), count(*) FROM certificate c
            WHERE c.enrollment_id = ANY(:enrollments)""")
        .bind("enrollments", enrollments.toArray(Long[]::new)).map((r, m) -> new long[] {r.get(0, Long.class), r.get(1, Long.class)})
        .one());
  }

  public Mono<String> url(Certificate c) {
    // Downloaded, as before: a certificate is a file to keep and print.
    return store.presignedDownload(Bucket.CERTIFICATES, c.objectKey(), java.time.Duration.ofMinutes(5),
        vn.bdtx.domain.text.Downloads.attachment("application/pdf", "giay-chung-nhan-" + c.number() + ".pdf"),
        "private, no-store");
  }

}
