package vn.bdtx.cohorts;

import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * How many submissions wait for a grade in the groups a core teacher leads, per cohort id.
 * Implemented by the assignments context (which depends on this one), found at run time.
 */
public interface WaitingSubmissions {

  Mono<Map<Long, Long>> forCoreTeacher(long accountId);
}
