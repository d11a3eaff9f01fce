package vn.bdtx.domain.assessment;

import vn.bdtx.domain.catalog.QuizSettings;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A finished attempt as the quiz's score needs it. */
public record AttemptResult(int number, BigDecimal score, Instant finishedAt) {

  /** The score that counts: the best finished attempt's, or the last one's, as the quiz says. */
  public static Optional<BigDecimal> kept(List<AttemptResult> finished, QuizSettings.Policy policy) {
    if (finished.isEmpty()) {
      return Optional.empty();
    }
    if (policy == QuizSettings.Policy.LAST) {
      return finished.stream().max(Comparator.comparingInt(AttemptResult::number)).map(AttemptResult::score);
    }
    return finished.stream().map(AttemptResult::score).max(Comparator.naturalOrder());
  }
}
