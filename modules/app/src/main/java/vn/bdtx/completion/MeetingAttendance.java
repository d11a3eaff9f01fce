package vn.bdtx.completion;

import java.util.Collection;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Each learner's recorded attendance at their group's professional meeting, for
 * the optional meeting criterion of completion (a run's setting, off by default).
 * Provided by the community context, which owns the meetings.
 */
public interface MeetingAttendance {

  /** By enrollment id: true present, false absent; absent from the map when nothing is recorded. */
  Mono<Map<Long, Boolean>> attended(Collection<Long> enrollmentIds);

  MeetingAttendance NONE = ids -> Mono.just(Map.of());
}
