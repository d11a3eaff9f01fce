package vn.bdtx.domain.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The marking guide of a final assignment: criteria with the points each is worth
 * (adding up to the 10-point scale) and what a good, passable and weak answer look
 * like. Written one criterion per line: {@code criterion | points | descriptors};
 * lines starting with # are comments.
 */
public record Rubric(List<Criterion> criteria) {

  public static final Rubric EMPTY = new Rubric(List.of());
  public static final BigDecimal FULL_MARKS = BigDecimal.TEN;

  public record Criterion(String name, BigDecimal points, String descriptors) {
  }

  public enum Problem { MISSING_COLUMNS, EMPTY_CRITERION, BAD_POINTS, TOTAL_NOT_10, NO_CRITERIA }

  public record LineProblem(int line, Problem problem, String value) {
  }

  public record Parsed(Rubric rubric, List<LineProblem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  public Rubric {
    criteria = List.copyOf(criteria);
  }

  public BigDecimal total() {
    return criteria.stream().map(Criterion::points).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public static Parsed parse(String text) {
    var criteria = new ArrayList<Criterion>();
    var problems = new ArrayList<LineProblem>();
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    int lastLine = 1;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      lastLine = i + 1;
      String[] cells = line.split("\\|", 3);
      if (cells.length < 3) {
        problems.add(new LineProblem(i + 1, Problem.MISSING_COLUMNS, line));
        continue;
      }
      String name = cells[0].strip();
      if (name.isEmpty()) {
        problems.add(new LineProblem(i + 1, Problem.EMPTY_CRITERION, line));
        continue;
      }
      BigDecimal points;
      try {
        points = new BigDecimal(cells[1].strip().replace(',', '.'));
      } catch (NumberFormatException e) {
        problems.add(new LineProblem(i + 1, Problem.BAD_POINTS, cells[1].strip()));
        continue;
      }
      if (points.signum() <= 0 || points.scale() > 1 || points.compareTo(FULL_MARKS) > 0) {
        problems.add(new LineProblem(i + 1, Problem.BAD_POINTS, cells[1].strip()));
        continue;
      }
      criteria.add(new Criterion(name, points.stripTrailingZeros().scale() < 0 ? points.setScale(0) : points.stripTrailingZeros(),
          cells[2].strip()));
    }
    var rubric = new Rubric(criteria);
    if (problems.isEmpty()) {
      if (criteria.isEmpty()) {
        problems.add(new LineProblem(1, Problem.NO_CRITERIA, ""));
      } else if (rubric.total().compareTo(FULL_MARKS) != 0) {
        problems.add(new LineProblem(lastLine, Problem.TOTAL_NOT_10, rubric.total().toPlainString()));
      }
    }
    return new Parsed(rubric, problems);
  }

  /** The rubric in the form {@link #parse} reads, for the edit page. */
  public String write() {
    var b = new StringBuilder();
    criteria.forEach(c -> b.append(c.name()).append(" | ").append(c.points().toPlainString()).append(" | ")
        .append(c.descriptors()).append('\n'));
    return b.toString();
  }
}
