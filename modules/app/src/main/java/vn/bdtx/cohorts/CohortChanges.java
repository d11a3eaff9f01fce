package vn.bdtx.cohorts;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.cohorts.CohortSchedule;
import vn.bdtx.domain.cohorts.EnrollmentKind;
import vn.bdtx.domain.cohorts.Extension;
import vn.bdtx.domain.cohorts.ScheduleTemplate;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;
import vn.bdtx.platform.security.Caller;

/**
 * What the IT team and supervisors change in a running cohort, each with its
 * reason in the audit log: a later deadline for named learners or a whole group,
 * a learner moved to another group, a subject's kind after registration closed.
 * A refused change returns the message key of why, and writes nothing.
 */
@Service
public class CohortChanges {

  public static final int MAX_REASON = Extension.MAX_REASON_LENGTH;

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final AuditLog audit;

  private final Outbox outbox;

  CohortChanges(DatabaseClient db, Outbox outbox, TransactionalOperator tx, AuditLog audit) {
    this.outbox = outbox;
    this.db = db;
    this.tx = tx;
    this.audit = audit;
  }

  Mono<CohortSchedule> schedule(long cohortId) {
    return db.sql("""
            SELECT start_date, self_study_days, meeting_days, finishing_days, registration_days, reference_extra_days
            FROM cohort WHERE id = :id""").bind("id", cohortId)
        .map((r, m) -> new CohortSchedule(r.get("start_date", LocalDate.class), new ScheduleTemplate(
            r.get("self_study_days", Integer.class), r.get("meeting_days", Integer.class), r.get("finishing_days", Integer.class),
            r.get("registration_days", Integer.class), r.get("reference_extra_days", Integer.class)))).one();
  }

  private static Optional<String> reasonProblem(String reason) {
    if (reason == null || reason.isBlank()) {
      return Optional.of("cohorts.cohort.problem.reason");
    }
    if (reason.strip().length() > MAX_REASON) {
      return Optional.of("cohorts.cohort.problem.reasonLong");
    }
    return Optional.empty();
  }

  /** The enrollments of this cohort among {@code ids}, plus every learner of {@code groupId} if given. */
  private Mono<List<Long>> members(long cohortId, List<Long> ids, Long groupId) {
    return db.sql("""
            SELECT id FROM enrollment WHERE cohort_id = :c AND (id = ANY(:ids) OR group_id = :g)""")
        .bind("c", cohortId).bind("ids", ids.toArray(Long[]::new))
        .bind("g", groupId == null ? -1L : groupId)
        .map((r, m) -> r.get("id", Long.class)).all().collectList();
  }

  public Mono<Optional<String>> extend(Caller by, long cohortId, List<Long> enrollmentIds, Long groupId, LocalDate lastDay,
                                       String reason) {
    return schedule(cohortId).flatMap(schedule -> {
      var problem = Extension.check(schedule, lastDay, reason);
      if (problem.isPresent()) {
        return Mono.just(Optional.of("cohorts.cohort.problem.extension." + problem.get().name()));
      }
      return members(cohortId, enrollmentIds, groupId).flatMap(members -> {
        if (members.isEmpty()) {
          return Mono.just(Optional.of("cohorts.cohort.problem.noLearners"));
        }
        return db.sql("""
                INSERT INTO extension (cohort_id, last_day, reason, granted_by) VALUES (:c, :d, :r, :by) RETURNING id""")
            .bind("c", cohortId).bind("d", lastDay).bind("r", reason.strip()).bind("by", by.accountId())
            .map((r, m) -> r.get("id", Long.class)).one()
            .flatMap(id -> Flux.fromIterable(members)
                .concatMap(e -> db.sql("INSERT INTO extension_member (extension_id, enrollment_id) VALUES (:x, :e)")
                    .bind("x", id).bind("e", e).then())
                .then(outbox.publish(Topics.ENROLLMENT, members))
                .then(audit.record(by, "EXTENSION_GRANTED", "cohort", cohortId, Map.of("lastDay", lastDay.toString(),
                    "reason", reason.strip(), "learners", members.size(), "group", groupId == null ? "" : groupId.toString()))))
            .as(tx::transactional)
            .thenReturn(Optional.<String>empty());
      });
    });
  }

  public Mono<Optional<String>> moveToGroup(Caller by, long cohortId, long enrollmentId, Long groupId, String reason) {
    var problem = reasonProblem(reason);
    if (problem.isPresent()) {
      return Mono.just(problem);
    }
    if (groupId == null) {
      return Mono.just(Optional.of("cohorts.cohort.problem.group"));
    }
    return db.sql("""
            UPDATE enrollment e SET group_id = :g
            WHERE e.id = :e AND e.cohort_id = :c AND EXISTS (SELECT 1 FROM cohort_group g WHERE g.id = :g AND g.cohort_id = :c)
            RETURNING e.id""")
        .bind("g", groupId).bind("e", enrollmentId).bind("c", cohortId)
        .map((r, m) -> r.get("id", Long.class)).one()
        .flatMap(id -> outbox.publish(Topics.ENROLLMENT, id)
            .then(audit.record(by, "LEARNER_MOVED", "enrollment", id, Map.of("group", groupId, "reason", reason.strip())))
            .thenReturn(Optional.<String>empty()))
        .as(tx::transactional)
        .defaultIfEmpty(Optional.of("cohorts.cohort.problem.group"));
  }

  /** After registration closed: the IT team sets the kind; a second main subject in the same run is refused. */
  public Mono<Optional<String>> changeKind(Caller by, long cohortId, long enrollmentId, EnrollmentKind kind, String reason) {
    var problem = reasonProblem(reason);
    if (problem.isPresent()) {
      return Mono.just(problem);
    }
    if (kind == null) {
      return Mono.just(Optional.of("cohorts.cohort.problem.kind"));
    }
    Mono<Long> otherMain = kind != EnrollmentKind.MAIN ? Mono.just(0L) : db.sql("""
            SELECT count(*) FROM enrollment o JOIN cohort h ON h.id = o.cohort_id, enrollment e JOIN cohort eh ON eh.id = e.cohort_id
            WHERE e.id = :e AND o.account_id = e.account_id AND o.id <> e.id AND o.kind = 'MAIN'
              AND h.run_id IS NOT DISTINCT FROM eh.run_id AND eh.run_id IS NOT NULL""")
        .bind("e", enrollmentId).map((r, m) -> r.get(0, Long.class)).one();
    return otherMain.flatMap(n -> n > 0 ? Mono.just(Optional.of("cohorts.cohort.problem.twoMain"))
        : db.sql("UPDATE enrollment SET kind = :k, registered_at = COALESCE(registered_at, now()) WHERE id = :e AND cohort_id = :c RETURNING id")
            .bind("k", kind.name()).bind("e", enrollmentId).bind("c", cohortId)
            .map((r, m) -> r.get("id", Long.class)).one()
            .flatMap(id -> outbox.publish(Topics.ENROLLMENT, id).then(audit.record(by, "ENROLLMENT_KIND_CHANGED", "enrollment", id,
                Map.of("kind", kind.name(), "reason", reason.strip()))).thenReturn(Optional.<String>empty()))
            .as(tx::transactional)
            .defaultIfEmpty(Optional.of("cohorts.cohort.problem.notInCohort")));
  }
}
