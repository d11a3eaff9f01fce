package vn.bdtx.domain.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.catalog.Choice;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.domain.catalog.QuestionKind;

/**
 * Grading against an oracle in exact fractions (BigInteger numerator and
 * denominator, written here without BigDecimal's division): over random papers
 * with the weights question files carry (33.33333, 12.5, 10, −100, −50 …) and
 * marks 1 to 5, the score is 10 × Σ(mark × fraction) / Σ(mark) rounded half up
 * to one decimal, exactly — including every x.x5 that floating point rounds the
 * wrong way.
 */
class ExactScoringTest {

  /** p/q in lowest terms, q > 0. */
  record Frac(BigInteger p, BigInteger q) {
    static final Frac ZERO = of(0, 1);
    static final Frac ONE = of(1, 1);

    Frac {
      if (q.signum() < 0) {
        p = p.negate();
        q = q.negate();
      }
      BigInteger g = p.gcd(q);
      if (g.signum() != 0 && !g.equals(BigInteger.ONE)) {
        p = p.divide(g);
        q = q.divide(g);
      }
    }

    static Frac of(long p, long q) {
      return new Frac(BigInteger.valueOf(p), BigInteger.valueOf(q));
    }

    /** A decimal as written in a file: "33.33333" is 3333333/100000. */
    static Frac written(String decimal) {
      boolean negative = decimal.startsWith("-");
      String d = negative ? decimal.substring(1) : decimal;
      int dot = d.indexOf('.');
      String digits = dot < 0 ? d : d.substring(0, dot) + d.substring(dot + 1);
      BigInteger q = BigInteger.TEN.pow(dot < 0 ? 0 : d.length() - dot - 1);
      BigInteger p = new BigInteger(digits);
      return new Frac(negative ? p.negate() : p, q);
    }

    Frac plus(Frac o) {
      return new Frac(p.multiply(o.q).add(o.p.multiply(q)), q.multiply(o.q));
    }

    Frac times(Frac o) {
      return new Frac(p.multiply(o.p), q.multiply(o.q));
    }

    Frac over(Frac o) {
      return new Frac(p.multiply(o.q), q.multiply(o.p));
    }

    int compareTo(Frac o) {
      return p.multiply(o.q).compareTo(o.p.multiply(q));
    }

    Frac clamp() {
      return compareTo(ZERO) < 0 ? ZERO : compareTo(ONE) > 0 ? ONE : this;
    }

    /** Rounded half up to tenths (for p/q ≥ 0): floor((20p + q) / 2q) tenths. */
    BigDecimal tenthsHalfUp() {
      BigInteger tenths = p.multiply(BigInteger.valueOf(20)).add(q).divide(q.shiftLeft(1));
      return new BigDecimal(tenths, 1);
    }

    /** Whether the value lies exactly halfway between two tenths (x.x5). */
    boolean onAHalf() {
      return p.multiply(BigInteger.valueOf(20)).mod(q.shiftLeft(1)).equals(q);
    }
  }

  /** A question as the oracle sees it: the weights as written and the mark. */
  record Written(Question question, List<String> weights, int mark) {
  }

  static Written question(String id, QuestionKind kind, List<String> weights, int mark) {
    var choices = new ArrayList<Choice>();
    for (int i = 0; i < weights.size(); i++) {
      choices.add(new Choice("đáp án " + (i + 1), Double.parseDouble(weights.get(i)), ""));
    }
    return new Written(new Question(id, "B1", id, "Câu " + id, kind, choices, "", BigDecimal.valueOf(mark)), weights, mark);
  }

  /** The oracle: the question's fraction from the weights as written. */
  static Frac fraction(Written w, Set<Integer> chosen) {
    if (chosen == null || chosen.isEmpty() || chosen.stream().anyMatch(i -> i < 0 || i >= w.weights().size())) {
      return Frac.ZERO;
    }
    if (w.question().kind() != QuestionKind.MULTIPLE) {
      if (chosen.size() != 1) {
        return Frac.ZERO;
      }
      Frac f = Frac.written(w.weights().get(chosen.iterator().next())).over(Frac.of(100, 1));
      return f.compareTo(Frac.ZERO) < 0 ? Frac.ZERO : f;
    }
    Frac sum = Frac.ZERO;
    for (int i : chosen) {
      sum = sum.plus(Frac.written(w.weights().get(i)));
    }
    return sum.over(Frac.of(100, 1)).clamp();
  }

  static Frac oracle(List<Written> paper, Map<String, Set<Integer>> answers) {
    Frac earned = Frac.ZERO;
    long marks = 0;
    for (Written w : paper) {
      earned = earned.plus(Frac.of(w.mark(), 1).times(fraction(w, answers.get(w.question().id()))));
      marks += w.mark();
    }
    return Frac.of(10, 1).times(earned).over(Frac.of(marks, 1));
  }

  /** Multiple-answer layouts as files write them: right weights, then wrong ones. */
  static final List<List<String>> MULTIPLE = List.of(
      List.of("33.33333", "33.33333", "33.33333", "-100"),
      List.of("33.33333", "33.33333", "33.33334", "-50", "-50"),
      List.of("50", "50", "-50", "-50"),
      List.of("12.5", "12.5", "12.5", "12.5", "12.5", "12.5", "12.5", "12.5"),
      List.of("10", "10", "10", "10", "10", "10", "10", "10", "10", "10"),
      List.of("20", "20", "20", "20", "20", "-100"),
      List.of("25", "25", "25", "25", "-33.33333", "-33.33333"),
      List.of("16.66667", "16.66667", "16.66666", "16.66667", "16.66667", "16.66666", "-100"));

  static List<Written> randomPaper(Random random, int n) {
    var paper = new ArrayList<Written>();
    for (int i = 0; i < n; i++) {
      int mark = 1 + random.nextInt(5);
      String id = "Q" + (i + 1);
      paper.add(switch (random.nextInt(4)) {
        case 0 -> question(id, QuestionKind.SINGLE, List.of("0", "100", "-50", "0"), mark);
        case 1 -> question(id, QuestionKind.TRUE_FALSE, List.of("100", "0"), mark);
        default -> question(id, QuestionKind.MULTIPLE, MULTIPLE.get(random.nextInt(MULTIPLE.size())), mark);
      });
    }
    return paper;
  }

  static Map<String, Set<Integer>> randomAnswers(Random random, List<Written> paper) {
    var answers = new HashMap<String, Set<Integer>>();
    for (Written w : paper) {
      var ticked = new HashSet<Integer>();
      for (int c = 0; c < w.weights().size(); c++) {
        if (random.nextInt(3) > 0) {
          ticked.add(c);
        }
      }
      if (random.nextInt(8) == 0) {
        ticked.clear();
      }
      answers.put(w.question().id(), ticked);
    }
    return answers;
  }

  @Test
  void theIssuesPaperScoresExactlyFourNinetyFiveWhichRoundsToAPass() {
    var fifths = List.of("20", "20", "20", "20", "20");
    var tenths = List.of("10", "10", "10", "10", "10", "10", "10", "10", "10", "10");
    var eighths = List.of("12.5", "12.5", "12.5", "12.5", "12.5", "12.5", "12.5", "12.5");
    var paper = List.of(question("Q1", QuestionKind.MULTIPLE, fifths, 1), question("Q2", QuestionKind.MULTIPLE, fifths, 1),
        question("Q3", QuestionKind.MULTIPLE, fifths, 1), question("Q4", QuestionKind.MULTIPLE, tenths, 1),
        question("Q5", QuestionKind.MULTIPLE, eighths, 1));
    Map<String, Set<Integer>> threeTicked = new HashMap<>();
    paper.forEach(w -> threeTicked.put(w.question().id(), Set.of(0, 1, 2)));
    // 3 × 0.6 + 0.3 + 0.375 = 2.475 of 5 → 4.95 → 5.0 (floating point made it 4.9499… → 4.9).
    assertThat(oracle(paper, threeTicked)).isEqualTo(Frac.of(495, 100));
    BigDecimal score = Grading.score(paper.stream().map(Written::question).toList(), threeTicked);
    assertThat(score).isEqualByComparingTo("5.0");
    assertThat(vn.bdtx.domain.completion.Regulation.DEFAULT.quizPasses(score)).isTrue();
  }

  @Test
  void aQuestionMarkedTwoCountsTwice() {
    var paper = List.of(question("Q1", QuestionKind.SINGLE, List.of("100", "0"), 2),
        question("Q2", QuestionKind.SINGLE, List.of("100", "0"), 1));
    var questions = paper.stream().map(Written::question).toList();
    // Right on the 2-mark question only: 10 × 2 / 3 = 6.67 → 6.7; on the 1-mark one only: 3.3.
    assertThat(Grading.score(questions, Map.of("Q1", Set.of(0)))).isEqualByComparingTo("6.7");
    assertThat(Grading.score(questions, Map.of("Q2", Set.of(0)))).isEqualByComparingTo("3.3");
    assertThat(Grading.earned(questions.get(0), Set.of(0))).isEqualByComparingTo("2");
  }

  @Property(tries = 2000)
  void gradingEqualsTheExactFractionOracleOnRandomPapers(@ForAll @IntRange(min = 1, max = 12) int n, @ForAll long seed) {
    var random = new Random(seed);
    var paper = randomPaper(random, n);
    var answers = randomAnswers(random, paper);
    BigDecimal expected = oracle(paper, answers).tenthsHalfUp();
    assertThat(Grading.score(paper.stream().map(Written::question).toList(), answers))
        .isEqualByComparingTo(expected)
        .satisfies(s -> assertThat(s.scale()).isEqualTo(1));
  }

  /**
   * Papers built to land on x.x5: questions of 2, 4, 5, 8, 10 or 20 equal right
   * choices, the same mark each, on 1, 2, 5 or 10 questions, so the exact score
   * is a multiple of 1/40 and often exactly halfway between two tenths. Only
   * those halfway cases are kept: each must round up.
   */
  @Property(tries = 1000, maxDiscardRatio = 20)
  void scoresExactlyOnXX5RoundUp(@ForAll @IntRange(min = 0, max = 3) int sizeIndex, @ForAll @IntRange(min = 1, max = 5) int mark,
                                 @ForAll long seed) {
    int n = new int[] {1, 2, 5, 10}[sizeIndex];
    var random = new Random(seed);
    var layouts = List.of(List.of("50", "50"), List.of("25", "25", "25", "25"), List.of("20", "20", "20", "20", "20"),
        java.util.Collections.nCopies(8, "12.5"), java.util.Collections.nCopies(10, "10"), java.util.Collections.nCopies(20, "5"));
    var paper = new ArrayList<Written>();
    var answers = new HashMap<String, Set<Integer>>();
    for (int i = 0; i < n; i++) {
      var w = question("Q" + i, QuestionKind.MULTIPLE, layouts.get(random.nextInt(layouts.size())), mark);
      paper.add(w);
      int ticked = random.nextInt(w.weights().size() + 1);
      var set = new HashSet<Integer>();
      for (int c = 0; c < ticked; c++) {
        set.add(c);
      }
      answers.put(w.question().id(), set);
    }
    Frac exact = oracle(paper, answers);
    Assume.that(exact.onAHalf());
    BigDecimal score = Grading.score(paper.stream().map(Written::question).toList(), answers);
    assertThat(score).isEqualByComparingTo(exact.tenthsHalfUp());
    // Halfway rounds up: the score is the exact value plus 0.05.
    assertThat(score.subtract(new BigDecimal("0.05"))).isEqualByComparingTo(
        new BigDecimal(exact.p()).divide(new BigDecimal(exact.q())));
  }

  @Test
  void theOracleItselfRoundsHalvesUp() {
    assertThat(Frac.of(495, 100).tenthsHalfUp()).isEqualByComparingTo("5.0");
    assertThat(Frac.of(494, 100).tenthsHalfUp()).isEqualByComparingTo("4.9");
    assertThat(Frac.of(20, 3).tenthsHalfUp()).isEqualByComparingTo("6.7");
    assertThat(Frac.of(495, 100).onAHalf()).isTrue();
    assertThat(Frac.of(20, 3).onAHalf()).isFalse();
    assertThat(Frac.written("-33.33333")).isEqualTo(Frac.of(-3333333, 100000));
  }
}
