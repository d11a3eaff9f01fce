package vn.bdtx.domain.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a lesson quiz runs: how many questions an attempt draws from the lecture's
 * bank category (0: all), how many attempts a learner has (0: no limit), the
 * time limit in minutes (0: none), whether questions and choices are shuffled
 * per attempt, which attempt counts, and what the learner sees after submitting.
 */
public record QuizSettings(int questions, int attempts, int timeLimitMinutes, boolean shuffle, Policy policy,
                           Review review) {

  /** Which finished attempt gives the quiz's score. */
  public enum Policy { BEST, LAST }

  /** What the learner sees once an attempt is submitted. */
  public enum Review {
    /** The score only. */
    SCORE,
    /** The score, each answer right or wrong, the right answers and the feedback. */
    FULL
  }

  /** Why a setting is refused. */
  public enum Problem { QUESTIONS_OUT_OF_RANGE, ATTEMPTS_OUT_OF_RANGE, TIME_LIMIT_OUT_OF_RANGE }

  public static final int MAX_QUESTIONS = 200;
  public static final int MAX_ATTEMPTS = 20;
  public static final int MAX_MINUTES = 300;

  public static final QuizSettings DEFAULT = new QuizSettings(0, 3, 0, true, Policy.BEST, Review.FULL);

  public QuizSettings {
    policy = policy == null ? Policy.BEST : policy;
    review = review == null ? Review.FULL : review;
  }

  public List<Problem> problems() {
    var problems = new ArrayList<Problem>();
    if (questions < 0 || questions > MAX_QUESTIONS) {
      problems.add(Problem.QUESTIONS_OUT_OF_RANGE);
    }
    if (attempts < 0 || attempts > MAX_ATTEMPTS) {
      problems.add(Problem.ATTEMPTS_OUT_OF_RANGE);
    }
    if (timeLimitMinutes < 0 || timeLimitMinutes > MAX_MINUTES) {
      problems.add(Problem.TIME_LIMIT_OUT_OF_RANGE);
    }
    return problems;
  }

  public Optional<Duration> timeLimit() {
    return timeLimitMinutes == 0 ? Optional.empty() : Optional.of(Duration.ofMinutes(timeLimitMinutes));
  }

  /** Whether a learner who has finished {@code finished} attempts may start another. */
  public boolean mayStart(int finished) {
    return attempts == 0 || finished < attempts;
  }
}
