package vn.bdtx.community.meetings;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.learning.MeetingAgenda;

/**
 * The meetings as other contexts read them, through the interfaces they define
 * (as learning implements cohorts' SelfStudyReport): the learner's to-do list
 * (learning), the class page's attendance column (cohorts), the read model's
 * column (reporting) and the optional completion criterion (completion).
 */
@Component
class MeetingAttendanceQueries implements MeetingAgenda, vn.bdtx.cohorts.MeetingAttendance,
    vn.bdtx.completion.MeetingAttendance, vn.bdtx.reporting.MeetingAttendanceQuery {

  private final Meetings meetings;
  private final Cohorts cohorts;

  MeetingAttendanceQueries(Meetings meetings, Cohorts cohorts) {
    this.meetings = meetings;
    this.cohorts = cohorts;
  }

  @Override
  public Mono<Map<Long, Boolean>> attended(Collection<Long> enrollmentIds) {
    return meetings.attended(enrollmentIds);
  }

  @Override
  public Mono<Map<Long, Meeting>> of(Collection<Long> enrollmentIds) {
    if (enrollmentIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return cohorts.groupsOf(enrollmentIds).flatMap(groups -> meetings.ofGroups(groups.values())
        .zipWith(meetings.attended(enrollmentIds))
        .map(t -> {
          var out = new HashMap<Long, Meeting>();
          groups.forEach((enrollment, group) -> {
            var m = t.getT1().get(group);
            if (m != null) {
              out.put(enrollment, new Meeting(m.id(), m.startsAt(), m.level().name(), m.place(), m.link(), m.recorded(),
                  m.recorded() ? t.getT2().get(enrollment) : null));
            }
          });
          return Map.copyOf(out);
        }));
  }
}
