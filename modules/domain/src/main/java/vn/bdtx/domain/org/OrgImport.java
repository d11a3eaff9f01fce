package vn.bdtx.domain.org;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import vn.bdtx.domain.text.Folding;
import vn.bdtx.domain.text.Headers;

/**
 * Validates the organisation tree as a department sends it in a spreadsheet:
 * one unit per row (code, name, kind, parent code, levels, school type, cluster
 * code). Parents and clusters may be in the file or already in the system. The
 * result is the units in the order to write them (parents first), or every
 * problem by row and column, in which case nothing is written.
 */
public final class OrgImport {

  public enum Column {
    CODE(true, "ma_don_vi", "ma"), NAME(true, "ten_don_vi", "ten"), KIND(true, "loai_don_vi", "loai"),
    PARENT(false, "ma_cap_tren", "truc thuoc"), LEVELS(false, "cap_hoc"), SCHOOL_TYPE(false, "loai_hinh"),
    CLUSTER(false, "ma_cum", "cum truong");

    private final boolean required;
    private final List<String> headers;

    Column(boolean required, String... headers) {
      this.required = required;
      this.headers = List.of(headers);
    }

    public String sampleHeader() {
      return headers.get(0);
    }

    /** Every name this column is recognised by, the sample header first. */
    public List<String> headers() {
      return headers;
    }

    static Optional<Column> forHeader(String header) {
      return Headers.find(header, Column.class, Column::headers);
    }
  }

  public enum Problem {
    EMPTY_FILE, MISSING_COLUMN, REQUIRED, BAD_CODE, DUPLICATE_IN_FILE, BAD_NAME, BAD_KIND, UNKNOWN_PARENT,
    WRONG_PARENT_KIND, BAD_LEVEL, LEVELS_REQUIRED, BAD_SCHOOL_TYPE, UNKNOWN_CLUSTER, TOO_MANY_ROWS
  }

  public record RowProblem(int row, Column column, Problem problem, String value) {
  }

  /** A unit to create or update; parent and cluster by code. */
  public record Unit(int row, String code, String name, OrgUnitKind kind, String parentCode, Set<Level> levels,
                     String schoolType, String clusterCode) {
  }

  /** What the system already holds, by code (any case). */
  public interface Existing {
    Optional<OrgUnitKind> kindOf(String code);
  }

  public record Validation(List<Unit> units, List<RowProblem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{1,39}");
  private static final Map<String, OrgUnitKind> KINDS = Map.ofEntries(
      Map.entry("so", OrgUnitKind.DEPARTMENT), Map.entry("sogddt", OrgUnitKind.DEPARTMENT),
      Map.entry("department", OrgUnitKind.DEPARTMENT), Map.entry("phong", OrgUnitKind.DISTRICT_OFFICE),
      Map.entry("phonggddt", OrgUnitKind.DISTRICT_OFFICE), Map.entry("districtoffice", OrgUnitKind.DISTRICT_OFFICE),
      Map.entry("truong", OrgUnitKind.SCHOOL), Map.entry("school", OrgUnitKind.SCHOOL),
      Map.entry("cum", OrgUnitKind.CLUSTER), Map.entry("cumtruong", OrgUnitKind.CLUSTER), Map.entry("cluster", OrgUnitKind.CLUSTER));
  private static final Map<String, String> TYPES = Map.of("conglap", "PUBLIC", "public", "PUBLIC",
      "tuthuc", "PRIVATE", "private", "PRIVATE", "khac", "OTHER", "other", "OTHER");

  private OrgImport() {
  }

  public static Validation validate(List<String> header, Iterator<List<String>> rows, Existing existing, int maxRows) {
    var problems = new ArrayList<RowProblem>();
    if (header == null || header.stream().allMatch(c -> c == null || c.isBlank())) {
      return new Validation(List.of(), List.of(new RowProblem(1, null, Problem.EMPTY_FILE, "")));
    }
    Map<Column, Integer> index = Headers.match(header, Column.class, Column::headers).index();
    for (Column c : Column.values()) {
      if (c.required && !index.containsKey(c)) {
        problems.add(new RowProblem(1, c, Problem.MISSING_COLUMN, ""));
      }
    }
    if (!problems.isEmpty()) {
      return new Validation(List.of(), problems);
    }
    var read = new ArrayList<Unit>();
    // Every row whose code and kind are readable, even if another cell is wrong: parents are looked up here.
    var declared = new ArrayList<Unit>();
    Map<String, Integer> codeRows = new HashMap<>();
    int rowNumber = 1;
    while (rows.hasNext()) {
      List<String> cells = rows.next();
      rowNumber++;
      if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
        continue;
      }
      if (read.size() >= maxRows) {
        problems.add(new RowProblem(rowNumber, null, Problem.TOO_MANY_ROWS, String.valueOf(maxRows)));
        break;
      }
      int row = rowNumber;
      int before = problems.size();
      String code = cell(cells, index, Column.CODE);
      if (code == null) {
        problems.add(new RowProblem(row, Column.CODE, Problem.REQUIRED, ""));
      } else if (!CODE.matcher(code).matches()) {
        problems.add(new RowProblem(row, Column.CODE, Problem.BAD_CODE, code));
      } else if (codeRows.putIfAbsent(code.toLowerCase(), row) != null) {
        problems.add(new RowProblem(row, Column.CODE, Problem.DUPLICATE_IN_FILE, code));
      }
      String rawName = cell(cells, index, Column.NAME);
      String name = rawName == null ? null : Normalizer.normalize(rawName, Normalizer.Form.NFC).replaceAll("\\s+", " ");
      if (name == null) {
        problems.add(new RowProblem(row, Column.NAME, Problem.REQUIRED, ""));
      } else if (name.length() < 2 || name.length() > 200
          || name.codePoints().anyMatch(cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT)) {
        problems.add(new RowProblem(row, Column.NAME, Problem.BAD_NAME, rawName));
      }
      String rawKind = cell(cells, index, Column.KIND);
      OrgUnitKind kind = rawKind == null ? null : KINDS.get(Folding.key(rawKind));
      if (rawKind == null) {
        problems.add(new RowProblem(row, Column.KIND, Problem.REQUIRED, ""));
      } else if (kind == null) {
        problems.add(new RowProblem(row, Column.KIND, Problem.BAD_KIND, rawKind));
      }
      Set<Level> levels = EnumSet.noneOf(Level.class);
      String rawLevels = cell(cells, index, Column.LEVELS);
      if (rawLevels != null) {
        for (String l : rawLevels.split("[,;]")) {
          if (!l.isBlank()) {
            Level.parse(l).ifPresentOrElse(levels::add, () -> problems.add(new RowProblem(row, Column.LEVELS, Problem.BAD_LEVEL, l.strip())));
          }
        }
      }
      if (kind == OrgUnitKind.SCHOOL && levels.isEmpty() && rawLevels == null) {
        problems.add(new RowProblem(row, Column.LEVELS, Problem.LEVELS_REQUIRED, ""));
      }
      String rawType = cell(cells, index, Column.SCHOOL_TYPE);
      String type = rawType == null ? null : TYPES.get(Folding.key(rawType));
      if (rawType != null && type == null) {
        problems.add(new RowProblem(row, Column.SCHOOL_TYPE, Problem.BAD_SCHOOL_TYPE, rawType));
      }
      boolean codeOk = problems.stream().skip(before).noneMatch(p -> p.column() == Column.CODE);
      if (codeOk && kind != null) {
        var unit = new Unit(row, code, name, kind, cell(cells, index, Column.PARENT),
            kind == OrgUnitKind.SCHOOL ? Set.copyOf(levels) : Set.of(), kind == OrgUnitKind.SCHOOL ? type : null,
            kind == OrgUnitKind.SCHOOL ? cell(cells, index, Column.CLUSTER) : null);
        declared.add(unit);
        if (problems.size() == before) {
          read.add(unit);
        }
      }
    }
    if (read.isEmpty() && problems.isEmpty()) {
      problems.add(new RowProblem(2, null, Problem.EMPTY_FILE, ""));
    }
    // Parents and clusters: in the file or already in the system, and of a kind that may hold the unit.
    Map<String, OrgUnitKind> inFile = new HashMap<>();
    declared.forEach(u -> inFile.put(u.code().toLowerCase(), u.kind()));
    for (Unit u : declared) {
      if (u.parentCode() != null || u.kind() != OrgUnitKind.DEPARTMENT) {
        OrgUnitKind parentKind = u.parentCode() == null ? null
            : Optional.ofNullable(inFile.get(u.parentCode().toLowerCase())).or(() -> existing.kindOf(u.parentCode())).orElse(null);
        if (u.parentCode() != null && parentKind == null) {
          problems.add(new RowProblem(u.row(), Column.PARENT, Problem.UNKNOWN_PARENT, u.parentCode()));
        } else if (!Placement.check(u.kind(), null, parentKind, true, List.of()).isEmpty()) {
          problems.add(new RowProblem(u.row(), Column.PARENT, Problem.WRONG_PARENT_KIND, u.parentCode() == null ? "" : u.parentCode()));
        }
      }
      if (u.clusterCode() != null) {
        OrgUnitKind clusterKind = Optional.ofNullable(inFile.get(u.clusterCode().toLowerCase()))
            .or(() -> existing.kindOf(u.clusterCode())).orElse(null);
        if (clusterKind != OrgUnitKind.CLUSTER) {
          problems.add(new RowProblem(u.row(), Column.CLUSTER, Problem.UNKNOWN_CLUSTER, u.clusterCode()));
        }
      }
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparingInt(RowProblem::row));
      return new Validation(List.of(), List.copyOf(problems));
    }
    var ordered = new ArrayList<>(read);
    ordered.sort(Comparator.comparing(Unit::kind).thenComparingInt(Unit::row));
    return new Validation(List.copyOf(ordered), List.of());
  }

  private static String cell(List<String> cells, Map<Column, Integer> index, Column column) {
    Integer i = index.get(column);
    if (i == null || i >= cells.size() || cells.get(i) == null || cells.get(i).isBlank()) {
      return null;
    }
    return cells.get(i).strip();
  }
}
