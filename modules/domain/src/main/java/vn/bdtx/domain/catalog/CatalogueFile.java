package vn.bdtx.domain.catalog;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.bdtx.domain.accounts.Position;

/**
 * Reads the catalogue file (content/catalogue/*.csv: code, audience, title,
 * periods, prerequisites separated by ';'). A bad line is reported with its
 * number and skipped; the good lines still load, so one typo never empties the
 * catalogue. A prerequisite must name a module of the file, of the same audience,
 * and prerequisites may not go round in a circle.
 */
public final class CatalogueFile {

  static final Pattern CODE = Pattern.compile("(GV|CBQL)-\\d{2}");

  public enum Problem { BAD_CODE, DUPLICATE_CODE, BAD_AUDIENCE, AUDIENCE_MISMATCH, BAD_TITLE, BAD_PERIODS, UNKNOWN_PREREQUISITE, CIRCULAR_PREREQUISITE }

  public record LineProblem(int line, Problem problem, String value) {
  }

  public record Result(List<TrainingModule> modules, List<LineProblem> problems) {
  }

  private CatalogueFile() {
  }

  /** @param lines the data lines (header excluded), each with its 1-based line number in the file */
  public static Result read(Map<Integer, List<String>> lines) {
    var problems = new ArrayList<LineProblem>();
    Map<String, TrainingModule> modules = new HashMap<>();
    Map<String, Integer> lineOf = new HashMap<>();
    lines.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      int line = e.getKey();
      List<String> c = e.getValue();
      String code = cell(c, 0);
      if (!CODE.matcher(code).matches()) {
        problems.add(new LineProblem(line, Problem.BAD_CODE, code));
        return;
      }
      if (modules.containsKey(code)) {
        problems.add(new LineProblem(line, Problem.DUPLICATE_CODE, code));
        return;
      }
      Position audience = Arrays.stream(Position.values()).filter(p -> p.name().equals(cell(c, 1))).findFirst().orElse(null);
      if (audience == null) {
        problems.add(new LineProblem(line, Problem.BAD_AUDIENCE, cell(c, 1)));
        return;
      }
      if ((audience == Position.TEACHER) != code.startsWith("GV-")) {
        problems.add(new LineProblem(line, Problem.AUDIENCE_MISMATCH, code + " " + audience));
        return;
      }
      String title = Normalizer.normalize(cell(c, 2), Normalizer.Form.NFC).replaceAll("\\s+", " ");
      if (title.length() < 5 || title.length() > 300) {
        problems.add(new LineProblem(line, Problem.BAD_TITLE, title));
        return;
      }
      int periods;
      try {
        periods = Integer.parseInt(cell(c, 3));
      } catch (NumberFormatException ex) {
        periods = -1;
      }
      if (periods < 1 || periods > 200) {
        problems.add(new LineProblem(line, Problem.BAD_PERIODS, cell(c, 3)));
        return;
      }
      List<String> prerequisites = Arrays.stream(cell(c, 4).split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
      modules.put(code, new TrainingModule(code, audience, title, periods, prerequisites));
      lineOf.put(code, line);
    });
    // Prerequisites: known, same audience, no circle; a module failing these is dropped.
    boolean changed = true;
    while (changed) {
      changed = false;
      for (TrainingModule m : List.copyOf(modules.values())) {
        for (String p : m.prerequisites()) {
          TrainingModule pre = modules.get(p);
          if (pre == null || pre.audience() != m.audience()) {
            problems.add(new LineProblem(lineOf.get(m.code()), Problem.UNKNOWN_PREREQUISITE, p));
            modules.remove(m.code());
            changed = true;
            break;
          }
        }
      }
    }
    for (TrainingModule m : List.copyOf(modules.values())) {
      if (reaches(m.code(), m.code(), modules, new HashSet<>())) {
        problems.add(new LineProblem(lineOf.get(m.code()), Problem.CIRCULAR_PREREQUISITE, m.code()));
      }
    }
    problems.stream().filter(p -> p.problem() == Problem.CIRCULAR_PREREQUISITE).forEach(p -> modules.remove(p.value()));
    problems.sort((a, b) -> Integer.compare(a.line(), b.line()));
    return new Result(modules.values().stream().sorted((a, b) -> a.code().compareTo(b.code())).toList(), List.copyOf(problems));
  }

  private static boolean reaches(String from, String target, Map<String, TrainingModule> modules, Set<String> seen) {
    TrainingModule m = modules.get(from);
    if (m == null || !seen.add(from)) {
      return false;
    }
    for (String p : m.prerequisites()) {
      if (p.equals(target) || reaches(p, target, modules, seen)) {
        return true;
      }
    }
    return false;
  }

  private static String cell(List<String> cells, int i) {
    return i < cells.size() && cells.get(i) != null ? cells.get(i).strip() : "";
  }
}
