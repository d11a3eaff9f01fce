package vn.bdtx.domain.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.bdtx.domain.catalog.Question;

/**
 * Grades answers on the 10-point scale, in exact decimal arithmetic: a choice's
 * weight is the decimal written in the question file (33.33333 stays 33.33333),
 * every sum is exact, and the score is rounded once, half up, to one decimal at
 * the end — as marks are recorded. Whether a score passes is the cohort's
 * regulation's to say ({@code vn.bdtx.domain.completion.Regulation}).
 *
 * <p>Single-answer and true/false: the chosen choice's weight (100% right, 0%
 * wrong; a negative weight counts as 0); more than one choice ticked gets 0.
 * Multiple-answer: the weights of the ticked choices add up (right ones share
 * 100%, wrong ones may carry a penalty), and the sum is held between 0% and 100%
 * — ticking everything earns nothing when wrong choices carry penalties that
 * cancel the right ones. An unanswered question gets 0. Each question counts
 * with its mark (Moodle's defaultgrade, 1 unless the file says otherwise):
 * score = 10 × Σ(mark × fraction) / Σ(mark).
 */
public final class Grading {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private Grading() {
  }

  /** A question's result: the fraction of its marks earned, 0 to 1, exact (per type: {@link Answers}). */
  public static BigDecimal fraction(Question q, Set<Integer> chosen) {
    return fraction(q, chosen, null);
  }

  /** A question's result from the choices ticked and the text typed (short answer, numerical, matching). */
  public static BigDecimal fraction(Question q, Set<Integer> chosen, String response) {
    return Answers.fraction(q, chosen, response);
  }

  /** The marks a question earned: its mark × its fraction, exact. */
  public static BigDecimal earned(Question q, Set<Integer> chosen) {
    return earned(q, chosen, null);
  }

  /**
   * The score of a paper, 0.0 to 10.0, from the answers given (question id →
   * choice indexes): 10 × Σ(mark × fraction) / Σ(mark), rounded half up to one
   * decimal — the only rounding.
   */
  public static BigDecimal score(List<Question> questions, Map<String, Set<Integer>> answers) {
    return score(questions, answers, Map.of());
  }

  /** The marks a question earned from the choices ticked and the text typed. */
  public static BigDecimal earned(Question q, Set<Integer> chosen, String response) {
    return q.mark().multiply(fraction(q, chosen, response));
  }

  /**
   * The score of a paper from the choices ticked and the responses typed
   * (question id → text). Descriptions are not questions: they do not count.
   */
  public static BigDecimal score(List<Question> questions, Map<String, Set<Integer>> answers, Map<String, String> responses) {
    // Every question's fraction is numerator / denominator (matching: pairs right / pairs); over the
    // product D of the denominators the sum is exact: Σ mark × numerator × (D / denominator) / D.
    var results = new java.util.ArrayList<Answers.Exact>();
    var graded = new java.util.ArrayList<Question>();
    java.math.BigInteger d = java.math.BigInteger.ONE;
    for (Question q : questions) {
      if (!q.kind().graded()) {
        continue;
      }
      var r = Answers.exact(q, answers.get(q.id()), responses.get(q.id()));
      results.add(r);
      graded.add(q);
      d = lcm(d, java.math.BigInteger.valueOf(r.denominator()));
    }
    BigDecimal earned = BigDecimal.ZERO;
    BigDecimal marks = BigDecimal.ZERO;
    for (int i = 0; i < graded.size(); i++) {
      var r = results.get(i);
      var scale = new BigDecimal(d.divide(java.math.BigInteger.valueOf(r.denominator())));
      earned = earned.add(graded.get(i).mark().multiply(r.numerator()).multiply(scale));
      marks = marks.add(graded.get(i).mark());
    }
    if (marks.signum() == 0) {
      return BigDecimal.ZERO.setScale(1);
    }
    // BigDecimal.divide to a scale rounds the exact quotient, however long its expansion.
    return BigDecimal.TEN.multiply(earned).divide(marks.multiply(new BigDecimal(d)), 1, RoundingMode.HALF_UP);
  }

  private static java.math.BigInteger lcm(java.math.BigInteger a, java.math.BigInteger b) {
    return a.divide(a.gcd(b)).multiply(b);
  }
}
