package vn.bdtx.catalog;

import java.time.LocalDate;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * Which cohorts run on which version of a course. Implemented by the cohorts
 * context (it owns the cohorts), so the catalogue shows it without reading
 * another context's tables.
 */
public interface VersionUsage {

  record CohortOnVersion(long versionId, long cohortId, String name, LocalDate startDate, long learners) {
  }

  Flux<CohortOnVersion> cohortsOf(long courseId);

  /** For ids-in-order lookups where no cohort context is present. */
  VersionUsage NONE = courseId -> Flux.fromIterable(List.of());
}
