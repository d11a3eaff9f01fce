package vn.bdtx.domain.completion;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The figures the regulation sets (Circular 19/2019 as amended by 17/2022, seed
 * 003; DESIGN.md §4), as one numbered version of the settings: the pass mark on
 * the 10-point scale (the final assignment, criterion (ii)), the lesson quiz's
 * pass mark (the score that counts ≥ it, criterion (i)), the share of a video to
 * watch for its lecture to count as studied, the periods of a module and the
 * school year's requirement in modules and periods. An IT admin makes a new
 * version, never edits one; a cohort keeps the version it opened with.
 *
 * <p>Reductions of the year's requirement are not figures: a person exempt that
 * year owes nothing and one with reduced duties is shown as reduced, the school
 * deciding how much ({@link YearStatus}).
 *
 * @param version          1, 2 … as stored; 0 for settings not stored yet
 * @param videoPercent     1 to 100: a video lecture is studied once this share of its seconds was played
 * @param periodsPerModule the periods a module is planned for (a module's own length comes from the catalogue)
 */
public record Regulation(int version, BigDecimal passMark, BigDecimal quizPassMark, int videoPercent,
                         int periodsPerModule, int modulesPerYear, int periodsPerYear) {

  /** Version 1: today's figures (5.0 and 5.0, 90%, 40 periods, 3 modules and 120 periods a year). */
  public static final Regulation DEFAULT = new Regulation(1, new BigDecimal("5.0"), new BigDecimal("5.0"), 90, 40, 3, 120);

  /** The fields of the settings page, in its order, each with its range. */
  public enum Field {
    PASS_MARK(BigDecimal.ZERO, BigDecimal.TEN, 1),
    QUIZ_PASS_MARK(BigDecimal.ZERO, BigDecimal.TEN, 1),
    VIDEO_PERCENT(BigDecimal.ONE, new BigDecimal(100), 0),
    PERIODS_PER_MODULE(BigDecimal.ONE, new BigDecimal(200), 0),
    MODULES_PER_YEAR(BigDecimal.ONE, new BigDecimal(20), 0),
    PERIODS_PER_YEAR(BigDecimal.ONE, new BigDecimal(1000), 0),
    /** Why the new version: required, at most 500 characters. */
    REASON(null, null, 0);

    private final BigDecimal min;
    private final BigDecimal max;
    private final int decimals;

    Field(BigDecimal min, BigDecimal max, int decimals) {
      this.min = min;
      this.max = max;
      this.decimals = decimals;
    }

    public BigDecimal min() {
      return min;
    }

    public BigDecimal max() {
      return max;
    }

    /** How many decimals the field takes: 1 for a mark, 0 for a whole number. */
    public int decimals() {
      return decimals;
    }
  }

  public enum Problem { MISSING, NOT_A_NUMBER, OUT_OF_RANGE, TOO_PRECISE, TOO_LONG }

  /** What is wrong with one field as typed. */
  public record FieldProblem(Field field, Problem problem, String value) {
  }

  public sealed interface Read permits Accepted, Refused {
  }

  /** The figures read, not stored yet (version 0), and the reason given. */
  public record Accepted(Regulation regulation, String reason) implements Read {
  }

  /** Every field that is wrong, in the page's order. */
  public record Refused(List<FieldProblem> problems) implements Read {
    public Refused {
      problems = List.copyOf(problems);
    }
  }

  public static final int REASON_MAX = 500;

  public Regulation {
    if (passMark == null || quizPassMark == null) {
      throw new IllegalArgumentException("a regulation needs its pass marks");
    }
  }

  /** The same figures as version {@code number}. */
  public Regulation numbered(int number) {
    return new Regulation(number, passMark, quizPassMark, videoPercent, periodsPerModule, modulesPerYear, periodsPerYear);
  }

  /**
   * Reads the settings as typed on the page (a comma or a point as the decimal
   * mark); every field that is wrong is named, and nothing is accepted then.
   */
  public static Read read(Map<Field, String> typed) {
    var problems = new ArrayList<FieldProblem>();
    var values = new EnumMap<Field, BigDecimal>(Field.class);
    for (Field f : Field.values()) {
      String raw = typed.get(f) == null ? "" : typed.get(f).strip();
      if (f == Field.REASON) {
        if (raw.isEmpty()) {
          problems.add(new FieldProblem(f, Problem.MISSING, raw));
        } else if (raw.length() > REASON_MAX) {
          problems.add(new FieldProblem(f, Problem.TOO_LONG, String.valueOf(raw.length())));
        }
        continue;
      }
      if (raw.isEmpty()) {
        problems.add(new FieldProblem(f, Problem.MISSING, raw));
        continue;
      }
      BigDecimal v;
      try {
        v = new BigDecimal(raw.replace(',', '.'));
      } catch (NumberFormatException e) {
        problems.add(new FieldProblem(f, Problem.NOT_A_NUMBER, raw));
        continue;
      }
      if (v.compareTo(f.min) < 0 || v.compareTo(f.max) > 0) {
        problems.add(new FieldProblem(f, Problem.OUT_OF_RANGE, raw));
      } else if (Math.max(0, v.stripTrailingZeros().scale()) > f.decimals) {
        problems.add(new FieldProblem(f, Problem.TOO_PRECISE, raw));
      } else {
        values.put(f, v);
      }
    }
    if (!problems.isEmpty()) {
      return new Refused(problems);
    }
    return new Accepted(new Regulation(0, values.get(Field.PASS_MARK).setScale(1), values.get(Field.QUIZ_PASS_MARK).setScale(1),
        values.get(Field.VIDEO_PERCENT).intValueExact(), values.get(Field.PERIODS_PER_MODULE).intValueExact(),
        values.get(Field.MODULES_PER_YEAR).intValueExact(), values.get(Field.PERIODS_PER_YEAR).intValueExact()),
        typed.get(Field.REASON).strip());
  }

  /** The figures as the page shows them to be edited (a mark with its decimal comma). */
  public Map<Field, String> typed() {
    var m = new EnumMap<Field, String>(Field.class);
    m.put(Field.PASS_MARK, passMark.setScale(1).toPlainString().replace('.', ','));
    m.put(Field.QUIZ_PASS_MARK, quizPassMark.setScale(1).toPlainString().replace('.', ','));
    m.put(Field.VIDEO_PERCENT, String.valueOf(videoPercent));
    m.put(Field.PERIODS_PER_MODULE, String.valueOf(periodsPerModule));
    m.put(Field.MODULES_PER_YEAR, String.valueOf(modulesPerYear));
    m.put(Field.PERIODS_PER_YEAR, String.valueOf(periodsPerYear));
    m.put(Field.REASON, "");
    return m;
  }

  /** Criterion (ii) and any mark on the 10-point scale: the final assignment's grade reaches the pass mark. */
  public boolean passes(BigDecimal score) {
    return score != null && score.compareTo(passMark) >= 0;
  }

  /** Criterion (i): a lesson quiz's score that counts reaches the quiz's pass mark. */
  public boolean quizPasses(BigDecimal score) {
    return score != null && score.compareTo(quizPassMark) >= 0;
  }

  /** The video threshold as a share, 0.01 to 1. */
  public double videoShare() {
    return videoPercent / 100.0;
  }
}
