package vn.bdtx.domain.community;

import java.time.Duration;
import java.time.Instant;

/**
 * The target time to answer: {@code first} from asking for the class's first line, {@code afterEscalation}
 * from escalating for its target (settings; 24 h and 48 h by default). Time is an argument.
 */
public record AnswerTime(Duration first, Duration afterEscalation) {

  public static final AnswerTime DEFAULT = new AnswerTime(Duration.ofHours(24), Duration.ofHours(48));

  /** When an answer is due: from the escalation when there was one, else from the question. */
  public Instant due(Instant askedAt, Instant escalatedAt) {
    return escalatedAt == null ? askedAt.plus(first) : escalatedAt.plus(afterEscalation);
  }

  /** Overdue: still open after its due time (the due instant itself is still in time). */
  public boolean overdue(QuestionState state, Instant askedAt, Instant escalatedAt, Instant now) {
    return state.open() && now.isAfter(due(askedAt, escalatedAt));
  }

  /** How long it has waited, from the moment that started its current clock. */
  public static Duration age(Instant askedAt, Instant escalatedAt, Instant now) {
    Duration d = Duration.between(escalatedAt == null ? askedAt : escalatedAt, now);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
