package vn.bdtx.cohorts;

import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Criterion (i) for the cohort pages, provided by the learning context (which
 * knows lectures, quizzes and the survey) so that cohorts does not depend on it.
 */
public interface SelfStudyReport {

  /** One enrollment's self-study: items done of all, whether lectures and quizzes are done, whether (i) is passed. */
  record Summary(long done, long total, boolean studyDone, boolean passed) {
  }

  /** Summaries of enrollments that all run on one content version, by enrollment id. */
  Mono<Map<Long, Summary>> summaries(long versionId, List<Cohorts.Enrollment> enrollments);

  /**
   * The enrollments that have studied any lecture (even in part) or attempted any quiz: with a final assignment
   * handed in ({@link HandedIn}), what "started" means to the domain's BehindToday.
   */
  default Mono<java.util.Set<Long>> studiedOrAttempted(java.util.Collection<Long> enrollmentIds) {
    return Mono.just(java.util.Set.of());
  }

  SelfStudyReport NONE = (versionId, enrollments) -> Mono.just(Map.of());
}
