package vn.bdtx.assignments;

import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * What must follow a grade given or a submission returned, inside the same
 * transaction: the completion context settles the class's stored outcomes again
 * when the institution's evaluation was already recorded, so the certificate
 * figures never disagree with a learner's result computed from the new grade.
 * Implemented outside this context; {@link Grades} calls it if one exists.
 */
public interface AfterGrading {

  Mono<Void> decided(long enrollmentId, Instant now);
}
