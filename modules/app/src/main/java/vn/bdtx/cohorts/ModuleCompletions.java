package vn.bdtx.cohorts;

import java.time.Instant;
import java.util.Collection;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The modules a person has completed ({@code module_completion}, owned here): through BDTX, recorded by the
 * institution's evaluation, or before BDTX, recorded by a run's class list. Cohorts is the table's one writer
 * (DESIGN §5); completion records through {@link #recordCompleted} inside its evaluation's transaction and reads
 * through {@link #of}.
 */
@Service
public class ModuleCompletions {

  /** One completed module: its code, when it was recorded, and how ({@code BDTX} or {@code RECORDED}). */
  public record Completed(String moduleCode, Instant recordedAt, String source) {
  }

  private final DatabaseClient db;

  ModuleCompletions(DatabaseClient db) {
    this.db = db;
  }

  /**
   * Records the module of each of these main enrollments' class as completed through BDTX at {@code now}, never
   * removing or doubling one (a module already recorded keeps its first record). Runs on the caller's
   * transaction when called inside it, so the completions commit or roll back with the evaluation.
   */
  public Mono<Void> recordCompleted(Collection<Long> enrollmentIds, Instant now) {
    if (enrollmentIds.isEmpty()) {
      return Mono.empty();
    }
    return db.sql("""
            INSERT INTO module_completion (account_id, module_code, source, recorded_at)
            SELECT e.account_id, h.module_code, 'BDTX', :now
            FROM enrollment e JOIN cohort h ON h.id = e.cohort_id
            WHERE e.id = ANY(:ids) AND e.kind = 'MAIN'
            ON CONFLICT (account_id, module_code) DO NOTHING""")
        .bind("now", now).bind("ids", enrollmentIds.toArray(Long[]::new))
        .fetch().rowsUpdated().then();
  }

  /** A person's completed modules, newest first. */
  public Flux<Completed> of(long accountId) {
    return db.sql("SELECT module_code, recorded_at, source FROM module_completion WHERE account_id = :a ORDER BY recorded_at DESC")
        .bind("a", accountId)
        .map((r, m) -> new Completed(r.get("module_code", String.class), r.get("recorded_at", Instant.class),
            r.get("source", String.class)))
        .all();
  }
}
