package vn.bdtx.reporting;

import java.util.Collection;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Each learner's recorded attendance at their group's professional meeting, for
 * the read model's {@code report_enrollment.meeting_attended}. Provided by the
 * community context (which owns the meetings and publishes the enrollments'
 * topic when attendance is recorded).
 */
public interface MeetingAttendanceQuery {

  /** By enrollment id: true present, false absent; absent from the map when nothing is recorded. */
  Mono<Map<Long, Boolean>> attended(Collection<Long> enrollmentIds);

  MeetingAttendanceQuery NONE = ids -> Mono.just(Map.of());
}
