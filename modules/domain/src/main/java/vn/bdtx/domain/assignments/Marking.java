package vn.bdtx.domain.assignments;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import vn.bdtx.domain.completion.Regulation;
import vn.bdtx.domain.catalog.Rubric;

/**
 * A core teacher's marks for one submission against the rubric: one mark per
 * criterion, from 0 to the criterion's points in steps of 0.1; the score is their
 * sum, exact (marks in tenths add up without rounding), out of 10 with one
 * decimal; whether it passes is the cohort's regulation's to say (5.0 by
 * default, seed 003 §V.2). A course
 * whose assignment has no rubric is marked as one whole out of 10.
 */
public final class Marking {

  /** The rubric used when a course has none: the whole assignment, 10 points. */
  public static final Rubric WHOLE = new Rubric(List.of(new Rubric.Criterion("Toàn bài", BigDecimal.TEN, "")));

  public enum Problem { MISSING, NOT_A_NUMBER, NEGATIVE, ABOVE_POINTS, TOO_PRECISE }

  /** What is wrong with the mark of criterion {@code number} (1-based). */
  public record CriterionProblem(int number, String criterion, Problem problem, String value, BigDecimal points) {
  }

  public sealed interface Result permits Marked, Refused {
  }

  /** Marks accepted: one per criterion, and their sum. */
  public record Marked(List<BigDecimal> marks, BigDecimal score) implements Result {
    public boolean passed(Regulation rules) {
      return rules.passes(score);
    }
  }

  public record Refused(List<CriterionProblem> problems) implements Result {
  }

  private Marking() {
  }

  public static Rubric rubricOrWhole(Rubric rubric) {
    return rubric == null || rubric.criteria().isEmpty() ? WHOLE : rubric;
  }

  /** Reads the marks as typed (a comma or a point as the decimal mark), one per criterion of the rubric in order. */
  public static Result mark(Rubric rubric, List<String> typed) {
    var criteria = rubricOrWhole(rubric).criteria();
    var marks = new ArrayList<BigDecimal>();
    var problems = new ArrayList<CriterionProblem>();
    for (int i = 0; i < criteria.size(); i++) {
      var c = criteria.get(i);
      String raw = i < typed.size() && typed.get(i) != null ? typed.get(i).strip() : "";
      if (raw.isEmpty()) {
        problems.add(new CriterionProblem(i + 1, c.name(), Problem.MISSING, raw, c.points()));
        continue;
      }
      BigDecimal mark;
      try {
        mark = new BigDecimal(raw.replace(',', '.'));
      } catch (NumberFormatException e) {
        problems.add(new CriterionProblem(i + 1, c.name(), Problem.NOT_A_NUMBER, raw, c.points()));
        continue;
      }
      if (mark.signum() < 0) {
        problems.add(new CriterionProblem(i + 1, c.name(), Problem.NEGATIVE, raw, c.points()));
      } else if (mark.compareTo(c.points()) > 0) {
        problems.add(new CriterionProblem(i + 1, c.name(), Problem.ABOVE_POINTS, raw, c.points()));
      } else if (mark.stripTrailingZeros().scale() > 1) {
        problems.add(new CriterionProblem(i + 1, c.name(), Problem.TOO_PRECISE, raw, c.points()));
      } else {
        marks.add(mark.setScale(1));
      }
    }
    if (!problems.isEmpty()) {
      return new Refused(List.copyOf(problems));
    }
    // Exact sum of tenths, then the one rounding the scale asks for (a no-op for marks in tenths).
    BigDecimal score = marks.stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(1, java.math.RoundingMode.HALF_UP);
    return new Marked(List.copyOf(marks), score);
  }
}
