package vn.bdtx.learning;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The learner's professional meeting (days 6–8) for their to-do list, provided by
 * the community context (which owns the meetings) so that learning does not
 * depend on it. Without a provider nobody has a meeting.
 */
public interface MeetingAgenda {

  /**
   * A group's meeting as its learners see it: when, at which level, where or the online link,
   * whether it has been recorded, and the learner's own attendance (null until recorded).
   */
  record Meeting(long id, Instant startsAt, String level, String place, String link, boolean recorded, Boolean present) {
    public boolean online() {
      return link != null && !link.isBlank();
    }
  }

  /** The meeting of each of these enrollments' groups, by enrollment id (absent: none scheduled). */
  Mono<Map<Long, Meeting>> of(Collection<Long> enrollmentIds);

  MeetingAgenda NONE = ids -> Mono.just(Map.of());
}
