package vn.bdtx.domain.assignments;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.catalog.Rubric;

class MarkingTest {

  /** The sample course's rubric: 3 + 4 + 3 points. */
  static final Rubric RUBRIC = Rubric.parse("""
      Xác định đúng vấn đề | 3 | Nêu rõ bối cảnh lớp học
      Kế hoạch khả thi | 4 | Có mục tiêu, hoạt động, minh chứng
      Trình bày | 3 | Rõ ràng, đúng mẫu
      """).rubric();

  @Test
  void theScoreIsTheSumOfTheMarksWithOneDecimal() {
    var result = Marking.mark(RUBRIC, List.of("2,5", "3", "1.5"));
    assertThat(result).isInstanceOf(Marking.Marked.class);
    var marked = (Marking.Marked) result;
    assertThat(marked.score()).isEqualByComparingTo("7.0");
    assertThat(marked.score().scale()).isEqualTo(1);
    assertThat(marked.marks()).containsExactly(new BigDecimal("2.5"), new BigDecimal("3.0"), new BigDecimal("1.5"));
    assertThat(marked.passed(vn.bdtx.domain.completion.Regulation.DEFAULT)).isTrue();
  }

  @Test
  void fiveIsAPassAndFourPointNineIsNot() {
    assertThat(((Marking.Marked) Marking.mark(RUBRIC, List.of("1", "2", "2"))).passed(vn.bdtx.domain.completion.Regulation.DEFAULT)).isTrue();
    assertThat(((Marking.Marked) Marking.mark(RUBRIC, List.of("1", "1,9", "2"))).passed(vn.bdtx.domain.completion.Regulation.DEFAULT)).isFalse();
  }

  @Test
  void eachWrongMarkIsNamedByItsCriterion() {
    var result = (Marking.Refused) Marking.mark(RUBRIC, List.of("3,5", "", "-1"));
    assertThat(result.problems()).extracting(Marking.CriterionProblem::number, Marking.CriterionProblem::problem)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, Marking.Problem.ABOVE_POINTS),
            org.assertj.core.groups.Tuple.tuple(2, Marking.Problem.MISSING),
            org.assertj.core.groups.Tuple.tuple(3, Marking.Problem.NEGATIVE));
    assertThat(result.problems().get(0).criterion()).isEqualTo("Xác định đúng vấn đề");
    assertThat(result.problems().get(0).points()).isEqualByComparingTo("3");
  }

  @Test
  void marksFinerThanATenthOrNotNumbersAreRefused() {
    var result = (Marking.Refused) Marking.mark(RUBRIC, List.of("2,25", "ba", "3"));
    assertThat(result.problems()).extracting(Marking.CriterionProblem::problem)
        .containsExactly(Marking.Problem.TOO_PRECISE, Marking.Problem.NOT_A_NUMBER);
  }

  @Test
  void fewerMarksThanCriteriaLeaveTheRestMissing() {
    var result = (Marking.Refused) Marking.mark(RUBRIC, List.of("2"));
    assertThat(result.problems()).extracting(Marking.CriterionProblem::number).containsExactly(2, 3);
  }

  @Test
  void anAssignmentWithoutARubricIsMarkedAsOneWholeOutOfTen() {
    var marked = (Marking.Marked) Marking.mark(Rubric.EMPTY, List.of("8,5"));
    assertThat(marked.score()).isEqualByComparingTo("8.5");
    assertThat(Marking.mark(Rubric.EMPTY, List.of("10,5"))).isInstanceOf(Marking.Refused.class);
  }

  @Property
  void anyAcceptedMarkingScoresBetweenZeroAndTenAsTheSumOfItsMarks(
      @ForAll @IntRange(min = 0, max = 30) int a, @ForAll @IntRange(min = 0, max = 40) int b,
      @ForAll @IntRange(min = 0, max = 30) int c) {
    var typed = new ArrayList<String>();
    for (int tenths : new int[] {a, b, c}) {
      typed.add(BigDecimal.valueOf(tenths, 1).toPlainString().replace('.', ','));
    }
    var marked = (Marking.Marked) Marking.mark(RUBRIC, typed);
    assertThat(marked.score()).isEqualByComparingTo(BigDecimal.valueOf(a + b + c, 1));
    assertThat(marked.score()).isBetween(BigDecimal.ZERO, BigDecimal.TEN);
    assertThat(marked.passed(vn.bdtx.domain.completion.Regulation.DEFAULT)).isEqualTo(a + b + c >= 50);
  }

  /**
   * Against an integer oracle: a rubric of 1 to 12 criteria whose points (in
   * tenths) add up to 10, marks in tenths typed with a comma or a point; the
   * score is the exact sum (Σ tenths / 10), and it passes exactly when that sum
   * reaches the regulation's pass mark (5.0 or a stricter 6.0) — no double ever
   * adds 0.1s up to 4.999….
   */
  @Property(tries = 2000)
  void rubricSumsEqualTheIntegerOracleAndPassAtTheRegulationsMark(@ForAll @IntRange(min = 1, max = 12) int n,
                                                                   @ForAll long seed) {
    var random = new java.util.Random(seed);
    // Split 100 tenths into n positive parts.
    int[] points = new int[n];
    java.util.Arrays.fill(points, 1);
    for (int left = 100 - n; left > 0; left--) {
      points[random.nextInt(n)]++;
    }
    var text = new StringBuilder();
    var typed = new ArrayList<String>();
    int sum = 0;
    for (int i = 0; i < n; i++) {
      text.append("Tiêu chí ").append(i + 1).append(" | ").append(BigDecimal.valueOf(points[i], 1).toPlainString()).append(" | \n");
      int mark = random.nextInt(points[i] + 1);
      sum += mark;
      String m = BigDecimal.valueOf(mark, 1).toPlainString();
      typed.add(random.nextBoolean() ? m.replace('.', ',') : m);
    }
    var rubric = Rubric.parse(text.toString()).rubric();
    var marked = (Marking.Marked) Marking.mark(rubric, typed);
    assertThat(marked.score()).isEqualByComparingTo(BigDecimal.valueOf(sum, 1));
    assertThat(marked.passed(vn.bdtx.domain.completion.Regulation.DEFAULT)).isEqualTo(sum >= 50);
    var stricter = vn.bdtx.domain.completion.Regulation.DEFAULT.numbered(2);
    stricter = new vn.bdtx.domain.completion.Regulation(2, new BigDecimal("6.0"), stricter.quizPassMark(),
        stricter.videoPercent(), stricter.periodsPerModule(), stricter.modulesPerYear(), stricter.periodsPerYear());
    assertThat(marked.passed(stricter)).isEqualTo(sum >= 60);
  }
}
