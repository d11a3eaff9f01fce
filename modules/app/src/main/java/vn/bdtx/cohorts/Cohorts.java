package vn.bdtx.cohorts;

import java.time.LocalDate;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.catalog.Courses;
import vn.bdtx.catalog.VersionUsage;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.security.Caller;

/** Opens cohorts on a course's newest published version and enrolls learners in them. */
@Service
public class Cohorts implements VersionUsage {

  /** A learner's place in a cohort, with the version they study. */
  public record Enrollment(long cohortId, String cohortName, LocalDate startDate, long courseId, String courseTitle,
                           long versionId, String kind) {
  }

  /** Why a cohort could not be opened. */
  public enum Refusal { NO_SUCH_COURSE, NOT_PUBLISHED }

  public sealed interface Opened {
    record Ok(long cohortId, long versionId) implements Opened {
    }

    record Refused(Refusal reason) implements Opened {
    }
  }

  private final DatabaseClient db;
  private final Courses courses;
  private final AuditLog audit;

  Cohorts(DatabaseClient db, Courses courses, AuditLog audit) {
    this.db = db;
    this.courses = courses;
    this.audit = audit;
  }

  /** Opens a cohort pinned to the course's newest published version. */
  public Mono<Opened> open(Caller by, long courseId, String name, LocalDate start) {
    return courses.find(courseId).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
        .flatMap(course -> course.isEmpty() ? Mono.just((Opened) new Opened.Refused(Refusal.NO_SUCH_COURSE))
            : courses.latestVersion(courseId)
            .flatMap(v -> db.sql("""
                    INSERT INTO cohort (course_id, content_version_id, name, start_date, created_by)
                    VALUES (:c, :v, :n, :s, :by) RETURNING id""")
                .bind("c", courseId).bind("v", v.id()).bind("n", name).bind("s", start).bind("by", by.accountId())
                .map((r, m) -> r.get("id", Long.class)).one()
                .flatMap(id -> audit.record(by, "COHORT_OPENED", "cohort", id,
                        Map.of("course", String.valueOf(courseId), "version", String.valueOf(v.number())))
                    .thenReturn((Opened) new Opened.Ok(id, v.id()))))
            .defaultIfEmpty(new Opened.Refused(Refusal.NOT_PUBLISHED)));
  }

  public Mono<Void> enroll(long cohortId, long accountId, String kind) {
    return db.sql("""
            INSERT INTO enrollment (cohort_id, account_id, kind) VALUES (:c, :a, :k)
            ON CONFLICT (cohort_id, account_id) DO NOTHING""")
        .bind("c", cohortId).bind("a", accountId).bind("k", kind).then();
  }

  /** The caller's enrollment in the cohort; empty if they are not in it. */
  public Mono<Enrollment> enrollment(long cohortId, long accountId) {
    return db.sql(ENROLLMENT + " WHERE e.cohort_id = :c AND e.account_id = :a")
        .bind("c", cohortId).bind("a", accountId).map((r, m) -> enrollment(r)).one();
  }

  public Flux<Enrollment> enrollments(long accountId) {
    return db.sql(ENROLLMENT + " WHERE e.account_id = :a ORDER BY h.start_date DESC, h.id")
        .bind("a", accountId).map((r, m) -> enrollment(r)).all();
  }

  private static final String ENROLLMENT = """
      SELECT h.id AS cohort_id, h.name, h.start_date, h.course_id, c.title, h.content_version_id, e.kind
      FROM enrollment e JOIN cohort h ON h.id = e.cohort_id JOIN course c ON c.id = h.course_id""";

  private static Enrollment enrollment(io.r2dbc.spi.Row r) {
    return new Enrollment(r.get("cohort_id", Long.class), r.get("name", String.class), r.get("start_date", LocalDate.class),
        r.get("course_id", Long.class), r.get("title", String.class), r.get("content_version_id", Long.class),
        r.get("kind", String.class));
  }

  @Override
  public Flux<CohortOnVersion> cohortsOf(long courseId) {
    return db.sql("""
            SELECT h.content_version_id, h.id, h.name, h.start_date,
                   (SELECT count(*) FROM enrollment e WHERE e.cohort_id = h.id) AS learners
            FROM cohort h WHERE h.course_id = :c ORDER BY h.start_date DESC, h.id""")
        .bind("c", courseId)
        .map((r, m) -> new CohortOnVersion(r.get("content_version_id", Long.class), r.get("id", Long.class),
            r.get("name", String.class), r.get("start_date", LocalDate.class), r.get("learners", Long.class)))
        .all();
  }
}
