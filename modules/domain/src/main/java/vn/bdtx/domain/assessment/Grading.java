package vn.bdtx.domain.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.bdtx.domain.content.Question;

/**
 * Grades answers on the 10-point scale (Circular 19/2019: pass at 5.0).
 *
 * <p>Each question is worth the same. Single-answer and true/false: the chosen
 * choice's weight (100% right, 0% wrong; a negative weight counts as 0); more
 * than one choice ticked gets 0. Multiple-answer: the weights of the ticked
 * choices add up (right ones share 100%, wrong ones may carry a penalty), and the
 * sum is held between 0% and 100% — ticking everything earns nothing when wrong
 * choices carry penalties that cancel the right ones. An unanswered question gets
 * 0. The score is 10 × (sum of the questions' fractions) / (number of
 * questions), rounded half up to one decimal, as marks are recorded.
 */
public final class Grading {

  public static final BigDecimal PASS = new BigDecimal("5.0");

  private Grading() {
  }

  /** A question's result: the fraction of its marks earned, 0 to 1 (per type: {@link Answers}). */
  public static double fraction(Question q, Set<Integer> chosen) {
    return fraction(q, chosen, null);
  }

  /** A question's result from the choices ticked and the text typed (short answer, numerical, matching). */
  public static double fraction(Question q, Set<Integer> chosen, String response) {
    return Answers.fraction(q, chosen, response).doubleValue();
  }

  /** The score of a paper, 0.0 to 10.0, from the answers given (question id → choice indexes). */
  public static BigDecimal score(List<Question> questions, Map<String, Set<Integer>> answers) {
    return score(questions, answers, Map.of());
  }

  /**
   * The score of a paper from the choices ticked and the responses typed
   * (question id → text). Descriptions are not questions: they do not count.
   */
  public static BigDecimal score(List<Question> questions, Map<String, Set<Integer>> answers, Map<String, String> responses) {
    List<Question> graded = questions.stream().filter(q -> q.kind().graded()).toList();
    if (graded.isEmpty()) {
      return BigDecimal.ZERO.setScale(1);
    }
    double marks = 0;
    for (Question q : graded) {
      marks += fraction(q, answers.get(q.id()), responses.get(q.id()));
    }
    return BigDecimal.valueOf(10 * marks / graded.size()).setScale(1, RoundingMode.HALF_UP);
  }

  public static boolean passes(BigDecimal score) {
    return score != null && score.compareTo(PASS) >= 0;
  }
}
