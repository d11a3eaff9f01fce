package vn.bdtx.completion;

import java.util.Collection;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.cohorts.EvaluationReport;

/** The evaluation state of cohorts for the cohorts context's class lists: one query for all of them. */
@Component
class EvaluationStates implements EvaluationReport {

  private final DatabaseClient db;
  private final Cohorts cohorts;

  EvaluationStates(DatabaseClient db, Cohorts cohorts) {
    this.db = db;
    this.cohorts = cohorts;
  }

  /** The classes' main enrollments from cohorts (their owner), then completion's own rows counted per class. */
  @Override
  public Mono<Map<Long, State>> states(Collection<Long> cohortIds) {
    if (cohortIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return cohorts.mainEnrollmentsOf(cohortIds).flatMap(main -> main.isEmpty() ? Mono.just(Map.<Long, State>of()) : db.sql("""
            SELECT t.cohort_id, count(v.enrollment_id) AS evaluated,
                   count(*) FILTER (WHERE x.outcome = 'COMPLETED') AS completed, count(c.id) AS certificates
            FROM unnest(CAST(:es AS bigint[]), CAST(:cs AS bigint[])) AS t(enrollment_id, cohort_id)
            LEFT JOIN institution_evaluation v ON v.enrollment_id = t.enrollment_id
            LEFT JOIN enrollment_completion x ON x.enrollment_id = t.enrollment_id
            LEFT JOIN certificate c ON c.enrollment_id = t.enrollment_id
            GROUP BY t.cohort_id""")
        .bind("es", main.keySet().toArray(Long[]::new))
        .bind("cs", main.keySet().stream().map(main::get).toArray(Long[]::new))
        .map((r, m) -> Map.entry(r.get("cohort_id", Long.class), new State(r.get("evaluated", Long.class),
            r.get("completed", Long.class), r.get("certificates", Long.class))))
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
