package vn.bdtx.assessment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import vn.bdtx.catalog.ContentAccess;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.platform.jobs.Jobs;

/**
 * Grades attempts still open at their closing time (the time limit, or the
 * study deadline for a learner who never pressed "Nộp bài"), with the answers
 * saved before it. Every node may run it: attempts are claimed with
 * {@code FOR UPDATE SKIP LOCKED} and finished only from OPEN, so none is graded
 * twice. A learner who opens the attempt first sees it graded on the spot.
 */
@Component
public class QuizCloseJob {

  private static final Logger log = LoggerFactory.getLogger(QuizCloseJob.class);

  private final Quizzes quizzes;
  private final ContentAccess content;
  private final Cohorts cohorts;
  private final Clock clock;
  private final boolean enabled;

  private final Jobs jobs;

  QuizCloseJob(Jobs jobs, Quizzes quizzes, ContentAccess content, Cohorts cohorts, Clock clock,
               @Value("${bdtx.quizzes.close-job.enabled:true}") boolean enabled) {
    this.jobs = jobs;
    this.quizzes = quizzes;
    this.content = content;
    this.cohorts = cohorts;
    this.clock = clock;
    this.enabled = enabled;
  }

  @Scheduled(initialDelayString = "${bdtx.quizzes.close-job.initial-delay:PT30S}",
      fixedDelayString = "${bdtx.quizzes.close-job.interval:PT30S}")
  void scheduled() {
    if (!enabled) {
      return;
    }
    try {
      Integer closed = jobs.run("quiz-close", () -> runOnce(clock.instant())).block(Duration.ofMinutes(2));
      if (closed != null && closed > 0) {
        log.info("Quiz attempts closed at their time and graded: {}", closed);
      }
    } catch (RuntimeException e) {
      log.warn("Expired quiz attempts not closed this time ({}); the next run tries again", e.toString());
    }
  }

  /** Closes and grades up to 500 expired attempts per batch until none is left; returns how many. */
  public Mono<Integer> runOnce(Instant now) {
    return quizzes.closeExpired(now, this::contentOf)
        .expand(n -> n == 0 ? Mono.empty() : quizzes.closeExpired(now, this::contentOf))
        .reduce(0, Integer::sum);
  }

  private Mono<CourseContent> contentOf(long enrollmentId) {
    return cohorts.contentVersionOf(enrollmentId)
        .flatMap(content::version)
        .map(v -> v.content());
  }
}
