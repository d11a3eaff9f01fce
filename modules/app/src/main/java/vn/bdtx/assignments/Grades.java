package vn.bdtx.assignments;

import vn.bdtx.accounts.People;

import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.assignments.Marking;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;
import vn.bdtx.platform.security.Caller;

/**
 * The core teacher's decision on each enrollment's final assignment — graded
 * with a score, or returned for revision — and the history of every change
 * (who, when, old and new score, why), which is never rewritten. A decision is
 * taken on the version the grader saw: if the learner has handed in a newer one
 * meanwhile, nothing changes and the grader is told.
 */
@Service
public class Grades implements vn.bdtx.cohorts.WaitingSubmissions, vn.bdtx.cohorts.HandedIn {

  /** The current decision on an enrollment's final assignment. */
  public record Grade(long enrollmentId, long submissionId, int version, String state, BigDecimal score,
                      List<BigDecimal> marks, String comment, String feedbackName, String feedbackKey, String feedbackType,
                      String gradedBy, Instant gradedAt) {
    Grade gradedBy(String name) {
      return new Grade(enrollmentId, submissionId, version, state, score, marks, comment, feedbackName, feedbackKey,
          feedbackType, name, gradedAt);
    }

    public boolean graded() {
      return "GRADED".equals(state);
    }

    public boolean returned() {
      return "RETURNED".equals(state);
    }
  }

  /** One change of a grade, for the history. */
  public record Change(Instant at, String by, String oldState, BigDecimal oldScore, String newState, BigDecimal newScore,
                       int version, String reason) {
    Change by(String name) {
      return new Change(at, name, oldState, oldScore, newState, newScore, version, reason);
    }
  }

  /** An enrollment's latest version and the decision on it, for queues and reports. */
  public record Standing(long enrollmentId, Long submissionId, Integer version, Instant submittedAt, String state,
                         BigDecimal score, Long gradedSubmissionId, String grader) {
    Standing grader(String name) {
      return new Standing(enrollmentId, submissionId, version, submittedAt, state, score, gradedSubmissionId, name);
    }

    /** The statuses {@link #status} names, in the order the queue counts them; each has a text {@code assignments.grading.status.<status>}. */
    public static final List<String> STATUSES = List.of("WAITING", "GRADED", "RETURNED", "NOT_SUBMITTED");
    /** The queue's filter for versions handed in late (any status); it has a text {@code assignments.grading.status.LATE} too. */
    public static final String LATE = "LATE";

    /** NOT_SUBMITTED, WAITING (a version nobody has decided on), GRADED or RETURNED. */
    public String status() {
      if (submissionId == null) {
        return "NOT_SUBMITTED";
      }
      if (state == null || !submissionId.equals(gradedSubmissionId)) {
        return "WAITING";
      }
      return state;
    }
  }

  /** A feedback file the grader attaches, already in the store. */
  public record Feedback(String name, String key, String contentType) {
  }

  public enum Decided { DONE, STALE, REASON_NEEDED, COMMENT_NEEDED, NOTHING_SUBMITTED }

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final io.micrometer.core.instrument.Counter changes;

  private final org.springframework.beans.factory.ObjectProvider<AfterGrading> after;

  private final Outbox outbox;
  private final Cohorts cohorts;
  private final People people;

  Grades(DatabaseClient db, Outbox outbox, TransactionalOperator tx, MeterRegistry meters, Cohorts cohorts,
         org.springframework.beans.factory.ObjectProvider<AfterGrading> after, People people) {
    this.people = people;
    this.outbox = outbox;
    this.cohorts = cohorts;
    this.after = after;
    this.db = db;
    this.tx = tx;
    this.changes = io.micrometer.core.instrument.Counter.builder("bdtx_grades_changed")
        .description("Final-assignment grades given, changed or returned for revision").register(meters);
  }

  public Mono<Grade> current(long enrollmentId) {
    return db.sql("""
            SELECT g.enrollment_id, g.submission_id, s.version, g.state, g.score, g.marks, g.comment, g.feedback_name,
                   g.feedback_key, g.feedback_type, g.graded_by, g.graded_at
            FROM assignment_grade g JOIN submission s ON s.id = g.submission_id
            WHERE g.enrollment_id = :e""")
        .bind("e", enrollmentId).map((r, m) -> grade(r)).all().collectList()
        .flatMap(rows -> people.named(rows, Grade::gradedBy)).flatMapIterable(rows -> rows).next();
  }

  /** The current decision on each of these enrollments that has one (the learner's home). */
  public Mono<Map<Long, Grade>> current(Collection<Long> enrollmentIds) {
    if (enrollmentIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql("""
            SELECT g.enrollment_id, g.submission_id, s.version, g.state, g.score, g.marks, g.comment, g.feedback_name,
                   g.feedback_key, g.feedback_type, g.graded_by, g.graded_at
            FROM assignment_grade g JOIN submission s ON s.id = g.submission_id
            WHERE g.enrollment_id = ANY(:ids)""")
        .bind("ids", enrollmentIds.toArray(Long[]::new)).map((r, m) -> grade(r)).all().collectList()
        .flatMap(rows -> people.named(rows, Grade::gradedBy))
        .map(grades -> grades.stream().collect(java.util.stream.Collectors.toMap(Grade::enrollmentId, g -> g)));
  }

  /** A grade row, with the grader's account id (the name comes from accounts). */
  static People.WithPerson<Grade> grade(io.r2dbc.spi.Readable r) {
    BigDecimal[] marks = r.get("marks", BigDecimal[].class);
    return new People.WithPerson<>(new Grade(r.get("enrollment_id", Long.class), r.get("submission_id", Long.class), r.get("version", Integer.class),
        r.get("state", String.class), r.get("score", BigDecimal.class), marks == null ? List.of() : Arrays.asList(marks),
        r.get("comment", String.class), r.get("feedback_name", String.class), r.get("feedback_key", String.class),
        r.get("feedback_type", String.class), null, r.get("graded_at", Instant.class)), r.get("graded_by", Long.class));
  }

  public Flux<Change> history(long enrollmentId) {
    return db.sql("""
            SELECT c.changed_at, c.changed_by, c.old_state, c.old_score, c.new_state, c.new_score, s.version, c.reason
            FROM grade_change c JOIN submission s ON s.id = c.submission_id
            WHERE c.enrollment_id = :e ORDER BY c.changed_at DESC, c.id DESC""")
        .bind("e", enrollmentId)
        .map((r, m) -> new People.WithPerson<>(new Change(r.get("changed_at", Instant.class), null,
            r.get("old_state", String.class), r.get("old_score", BigDecimal.class), r.get("new_state", String.class),
            r.get("new_score", BigDecimal.class), r.get("version", Integer.class), r.get("reason", String.class)),
            r.get("changed_by", Long.class)))
        .all().collectList().flatMap(rows -> people.named(rows, Change::by)).flatMapIterable(rows -> rows);
  }

  /** Per cohort, the enrollments of the groups this core teacher leads whose latest version nobody has decided on (WAITING). */
  @Override
  public Mono<Map<Long, Long>> forCoreTeacher(long accountId) {
    // The groups' enrollments from cohorts, their owner (DESIGN §5); the versions and decisions are ours.
    return cohorts.ledBy(accountId).flatMap(led -> led.isEmpty() ? Mono.just(Map.<Long, Long>of()) : db.sql("""
            SELECT t.cohort_id, count(*) AS waiting
            FROM unnest(CAST(:es AS bigint[]), CAST(:cs AS bigint[])) AS t(enrollment_id, cohort_id)
            JOIN LATERAL (SELECT id FROM submission x WHERE x.enrollment_id = t.enrollment_id ORDER BY version DESC LIMIT 1) s ON TRUE
            LEFT JOIN assignment_grade a ON a.enrollment_id = t.enrollment_id
            WHERE a.enrollment_id IS NULL OR a.submission_id <> s.id
            GROUP BY t.cohort_id""")
        .bind("es", led.keySet().toArray(Long[]::new)).bind("cs", led.keySet().stream().map(led::get).toArray(Long[]::new))
        .map((r, m) -> Map.entry(r.get("cohort_id", Long.class), r.get("waiting", Long.class)))
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** Where each of these enrollments stands. */
  /** The enrollments with a final assignment handed in (any version), for the cohort pages' "behind". */
  @Override
  public Mono<java.util.Set<Long>> submitted(Collection<Long> enrollmentIds) {
    if (enrollmentIds.isEmpty()) {
      return Mono.just(java.util.Set.of());
    }
    return db.sql("SELECT DISTINCT enrollment_id FROM submission WHERE enrollment_id = ANY(:e)")
        .bind("e", enrollmentIds.stream().distinct().toArray(Long[]::new)).map((r, m) -> r.get(0, Long.class)).all()
        .collect(java.util.stream.Collectors.toSet());
  }

  public Mono<Map<Long, Standing>> standings(Collection<Long> enrollmentIds) {
    if (enrollmentIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql("""
            SELECT e.id, s.id AS sid, s.version, s.submitted_at, g.state, g.score, g.submission_id AS gsid, g.graded_by
            FROM unnest(CAST(:ids AS bigint[])) AS e(id)
            LEFT JOIN LATERAL (SELECT id, version, submitted_at FROM submission x WHERE x.enrollment_id = e.id
                               ORDER BY version DESC LIMIT 1) s ON TRUE
            LEFT JOIN assignment_grade g ON g.enrollment_id = e.id
            """)
        .bind("ids", enrollmentIds.stream().distinct().toArray(Long[]::new))
        .map((r, m) -> new People.WithPerson<>(new Standing(r.get("id", Long.class), r.get("sid", Long.class),
            r.get("version", Integer.class), r.get("submitted_at", Instant.class), r.get("state", String.class),
            r.get("score", BigDecimal.class), r.get("gsid", Long.class), null), r.get("graded_by", Long.class)))
        .all().collectList().flatMap(rows -> people.named(rows, Standing::grader))
        .map(rows -> rows.stream().collect(java.util.stream.Collectors.toMap(Standing::enrollmentId, x -> x)));
  }

  /**
   * Grades version {@code submissionId} with {@code marked}. Changing a grade
   * already given needs a reason; the latest version must be the one graded.
   */
  public Mono<Decided> grade(Caller by, long enrollmentId, long submissionId, Marking.Marked marked, String comment,
                             Feedback feedback, String reason, Instant now) {
    return decide(by, enrollmentId, submissionId, "GRADED", marked.score(), marked.marks().toArray(BigDecimal[]::new),
        comment, feedback, reason, now);
  }

  /** Returns version {@code submissionId} for revision, with a comment saying what to revise. */
  public Mono<Decided> returnForRevision(Caller by, long enrollmentId, long submissionId, String comment, Feedback feedback,
                                         String reason, Instant now) {
    if (comment == null || comment.isBlank()) {
      return Mono.just(Decided.COMMENT_NEEDED);
    }
    return decide(by, enrollmentId, submissionId, "RETURNED", null, null, comment, feedback, reason, now);
  }

  private record Current(String state, BigDecimal score, Long submissionId) {
  }

  private Mono<Decided> decide(Caller by, long enrollmentId, long submissionId, String state, BigDecimal score,
                               BigDecimal[] marks, String comment, Feedback feedback, String reason, Instant now) {
    String why = reason == null ? "" : reason.strip();
    String note = comment == null ? "" : comment.strip();
    Mono<Decided> work = cohorts.lockEnrollment(enrollmentId).then(
            db.sql("SELECT id FROM submission WHERE enrollment_id = :e ORDER BY version DESC LIMIT 1").bind("e", enrollmentId)
                .map((r, m) -> Optional.of(r.get(0, Long.class))).one().defaultIfEmpty(Optional.empty()))
        .flatMap(latest -> {
          if (latest.isEmpty()) {
            return Mono.just(Decided.NOTHING_SUBMITTED);
          }
          if (latest.get() != submissionId) {
            return Mono.just(Decided.STALE);
          }
          return db.sql("SELECT state, score, submission_id FROM assignment_grade WHERE enrollment_id = :e").bind("e", enrollmentId)
              .map((r, m) -> new Current(r.get("state", String.class), r.get("score", BigDecimal.class),
                  r.get("submission_id", Long.class)))
              .one().map(Optional::of).defaultIfEmpty(Optional.empty())
              .flatMap(current -> {
                boolean changesAGrade = current.isPresent() && "GRADED".equals(current.get().state());
                if (changesAGrade && why.isEmpty()) {
                  return Mono.just(Decided.REASON_NEEDED);
                }
                return write(by, enrollmentId, submissionId, state, score, marks, note, feedback, why, current.orElse(null), now)
                    .then(Mono.defer(() -> {
                      AfterGrading next = after.getIfAvailable();
                      return next == null ? Mono.<Void>empty() : next.decided(enrollmentId, now);
                    }))
                    .thenReturn(Decided.DONE);
              });
        })
        .as(tx::transactional);
    return work.doOnNext(d -> {
      if (d == Decided.DONE) {
        changes.increment();
      }
    });
  }

  private Mono<Void> write(Caller by, long enrollmentId, long submissionId, String state, BigDecimal score, BigDecimal[] marks,
                           String comment, Feedback feedback, String reason, Current old, Instant now) {
    var upsert = db.sql("""
            INSERT INTO assignment_grade (enrollment_id, submission_id, state, score, marks, comment, feedback_name,
                                          feedback_key, feedback_type, graded_by, graded_at)
            VALUES (:e, :s, :state, :score, :marks, :comment, :fname, :fkey, :ftype, :by, :now)
            ON CONFLICT (enrollment_id) DO UPDATE SET submission_id = EXCLUDED.submission_id, state = EXCLUDED.state,
              score = EXCLUDED.score, marks = EXCLUDED.marks, comment = EXCLUDED.comment,
              feedback_name = COALESCE(EXCLUDED.feedback_name, CASE WHEN assignment_grade.submission_id = EXCLUDED.submission_id
                                                                 THEN assignment_grade.feedback_name END),
              feedback_key = COALESCE(EXCLUDED.feedback_key, CASE WHEN assignment_grade.submission_id = EXCLUDED.submission_id
                                                               THEN assignment_grade.feedback_key END),
              feedback_type = COALESCE(EXCLUDED.feedback_type, CASE WHEN assignment_grade.submission_id = EXCLUDED.submission_id
                                                                 THEN assignment_grade.feedback_type END),
              graded_by = EXCLUDED.graded_by, graded_at = EXCLUDED.graded_at""")
        .bind("e", enrollmentId).bind("s", submissionId).bind("state", state).bind("comment", comment)
        .bind("by", by.accountId()).bind("now", now);
    upsert = score == null ? upsert.bindNull("score", BigDecimal.class) : upsert.bind("score", score);
    upsert = marks == null ? upsert.bindNull("marks", BigDecimal[].class) : upsert.bind("marks", marks);
    upsert = feedback == null ? upsert.bindNull("fname", String.class).bindNull("fkey", String.class).bindNull("ftype", String.class)
        : upsert.bind("fname", feedback.name()).bind("fkey", feedback.key()).bind("ftype", feedback.contentType());
    var change = db.sql("""
            INSERT INTO grade_change (enrollment_id, submission_id, old_state, old_score, new_state, new_score, changed_by,
                                      changed_at, reason)
            VALUES (:e, :s, :os, :oscore, :ns, :nscore, :by, :now, :reason)""")
        .bind("e", enrollmentId).bind("s", submissionId).bind("ns", state).bind("by", by.accountId()).bind("now", now)
        .bind("reason", reason);
    change = old == null ? change.bindNull("os", String.class) : change.bind("os", old.state());
    change = old == null || old.score() == null ? change.bindNull("oscore", BigDecimal.class) : change.bind("oscore", old.score());
    change = score == null ? change.bindNull("nscore", BigDecimal.class) : change.bind("nscore", score);
    return upsert.then().then(change.then()).then(outbox.publish(Topics.ENROLLMENT, enrollmentId))
        .then(outbox.publish(Topics.GRADE, enrollmentId));
  }
}
