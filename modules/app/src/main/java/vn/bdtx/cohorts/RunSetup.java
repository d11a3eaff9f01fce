package vn.bdtx.cohorts;

import java.util.Collection;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;

/**
 * A module run and its classes set up outright, without the run's file: how the demo province (BDTX_DEMO=true,
 * never in production) opens its run, staffs the classes it opened with {@link Cohorts#open}, makes their groups
 * and places its learners, through this context's own statements rather than its tables. Each change is announced
 * (Topics.COHORT, Topics.ENROLLMENT) as the pages' changes are. No page reaches it.
 */
@Service
public class RunSetup {

  private final DatabaseClient db;
  private final Outbox outbox;

  RunSetup(DatabaseClient db, Outbox outbox) {
    this.db = db;
    this.outbox = outbox;
  }

  /** How many classes there are. */
  public Mono<Long> classes() {
    return db.sql("SELECT count(*) FROM cohort").map((r, m) -> r.get(0, Long.class)).one();
  }

  /** Opens an empty run of the module; returns its id. */
  public Mono<Long> openRun(String moduleCode, String name) {
    return db.sql("INSERT INTO module_run (module_code, name) VALUES (:m, :n) RETURNING id").bind("m", moduleCode)
        .bind("n", name).map((r, m) -> r.get("id", Long.class)).one();
  }

  /** Puts the class in the run, with its lecturer and assistants. */
  public Mono<Void> staff(long cohortId, long runId, long lecturerId, Collection<Long> assistantIds) {
    return db.sql("UPDATE cohort SET run_id = :run, lecturer_id = :lecturer WHERE id = :c").bind("run", runId)
        .bind("lecturer", lecturerId).bind("c", cohortId).then()
        .thenMany(Flux.fromIterable(assistantIds).concatMap(a -> db.sql(
                "INSERT INTO cohort_assistant (cohort_id, account_id) VALUES (:c, :a)").bind("c", cohortId).bind("a", a).then()))
        .then(outbox.publish(Topics.COHORT, cohortId));
  }

  /** A group of the class for a cluster, led by a core teacher; returns its id. */
  public Mono<Long> group(long cohortId, long clusterId, long coreTeacherId) {
    return db.sql("INSERT INTO cohort_group (cohort_id, cluster_id, core_teacher_id) VALUES (:c, :cl, :t) RETURNING id")
        .bind("c", cohortId).bind("cl", clusterId).bind("t", coreTeacherId)
        .map((r, m) -> r.get("id", Long.class)).one()
        .flatMap(id -> outbox.publish(Topics.COHORT, cohortId).thenReturn(id));
  }

  /** Places the enrollment in the group, its subject registered now. */
  public Mono<Void> placeRegistered(long enrollmentId, long groupId) {
    return db.sql("UPDATE enrollment SET group_id = :g, registered_at = now() WHERE id = :e").bind("g", groupId)
        .bind("e", enrollmentId).then()
        .then(outbox.publish(Topics.ENROLLMENT, enrollmentId));
  }
}
