package vn.bdtx.cohorts;

import java.util.Collection;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Each learner's attendance at their group's professional meeting, for the class
 * page's learners table: provided by the community context (which owns the
 * meetings) so that cohorts does not depend on it.
 */
public interface MeetingAttendance {

  /** Recorded attendance by enrollment id: true present, false absent; absent from the map when not recorded. */
  Mono<Map<Long, Boolean>> attended(Collection<Long> enrollmentIds);

  MeetingAttendance NONE = ids -> Mono.just(Map.of());
}
