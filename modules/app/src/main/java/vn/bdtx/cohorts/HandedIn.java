package vn.bdtx.cohorts;

import java.util.Collection;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Which enrollments have handed in their final assignment, for the cohort pages' "behind" (the domain's
 * BehindToday). Implemented by the assignments context (which depends on this one), found at run time.
 */
public interface HandedIn {

  Mono<Set<Long>> submitted(Collection<Long> enrollmentIds);

  HandedIn NONE = ids -> Mono.just(Set.of());
}
