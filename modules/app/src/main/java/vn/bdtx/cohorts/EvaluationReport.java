package vn.bdtx.cohorts;

import java.util.Collection;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Where the institution's evaluation of each cohort stands, for the class lists,
 * provided by the completion context (which owns evaluations and certificates)
 * so that cohorts does not depend on it.
 */
public interface EvaluationReport {

  /** Main enrollments evaluated (iii) and completed, and certificates numbered. */
  record State(long evaluated, long completed, long certificates) {
  }

  /** By cohort id; a cohort nobody evaluated yet may be missing. */
  Mono<Map<Long, State>> states(Collection<Long> cohortIds);

  EvaluationReport NONE = ids -> Mono.just(Map.of());
}
