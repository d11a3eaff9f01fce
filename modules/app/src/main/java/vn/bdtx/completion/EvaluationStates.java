package vn.bdtx.completion;

import java.util.Collection;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import vn.bdtx.cohorts.EvaluationReport;

/** The evaluation state of cohorts for the cohorts context's class lists: one query for all of them. */
@Component
class EvaluationStates implements EvaluationReport {

  private final DatabaseClient db;

  EvaluationStates(DatabaseClient db) {
    this.db = db;
  }

  @Override
  public Mono<Map<Long, State>> states(Collection<Long> cohortIds) {
    if (cohortIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql("""
            SELECT e.cohort_id, count(v.enrollment_id) AS evaluated,
                   count(*) FILTER (WHERE x.outcome = 'COMPLETED') AS completed, count(c.id) AS certificates
            FROM enrollment e
            LEFT JOIN institution_evaluation v ON v.enrollment_id = e.id
            LEFT JOIN enrollment_completion x ON x.enrollment_id = e.id
            LEFT JOIN certificate c ON c.enrollment_id = e.id
            WHERE e.cohort_id = ANY(:ids) AND e.kind = 'MAIN'
            GROUP BY e.cohort_id""")
        .bind("ids", cohortIds.toArray(Long[]::new))
        .map((r, m) -> Map.entry(r.get("cohort_id", Long.class), new State(r.get("evaluated", Long.class),
            r.get("completed", Long.class), r.get("certificates", Long.class))))
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }
}
