package vn.bdtx.domain.accounts;

import static vn.bdtx.domain.imports.Column.mandatory;
import static vn.bdtx.domain.imports.Column.optional;

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
import vn.bdtx.domain.imports.Headers;
import vn.bdtx.domain.imports.ImportFormat;
import vn.bdtx.domain.imports.Reading;
import vn.bdtx.domain.imports.RowProblem;
import vn.bdtx.domain.text.Folding;

/**
 * Validates the organisation tree as a department sends it in a spreadsheet:
 * one unit per row (code, name, kind, parent code, levels, school type, cluster
 * code). Parents and clusters may be in the file or already in the system. The
 * result is the units in the order to write them (parents first), or every
 * problem by row and column, in which case nothing is written.
 */
public final class OrgImport {

  public enum Column implements vn.bdtx.domain.imports.Column {
    CODE(mandatory("ma_don_vi", "ma")), NAME(mandatory("ten_don_vi", "ten")), KIND(mandatory("loai_don_vi", "loai")),
    PARENT(optional("ma_cap_tren", "truc thuoc")), LEVELS(optional("cap_hoc")), SCHOOL_TYPE(optional("loai_hinh")),
    CLUSTER(optional("ma_cum", "cum truong"));

    private final Declared declared;

    Column(Declared declared) {
      this.declared = declared;
    }

    @Override
    public Declared declared() {
      return declared;
    }
  }

  /**
   * What can be wrong in an organisation file, each reported as a {@link RowProblem} by row, column and value. The
   * first five are the import kernel's own ({@link ImportFormat.FileProblem}). The web layer shows
   * {@code accounts.orgImport.problem.<NAME>}.
   */
  public enum Problem {
    EMPTY_FILE, TOO_MANY_ROWS, MISSING_COLUMN, DUPLICATE_COLUMN, REQUIRED,
    BAD_CODE, DUPLICATE_IN_FILE, BAD_NAME, BAD_KIND, UNKNOWN_PARENT, WRONG_PARENT_KIND, BAD_LEVEL, LEVELS_REQUIRED,
    BAD_SCHOOL_TYPE, UNKNOWN_CLUSTER
  }

  /** How an organisation file is read: its columns, and its problems (the kernel's included). */
  public static final ImportFormat<Column, Problem> FORMAT = ImportFormat.of(Column.class, Problem.class);

  /** A unit to create or update; parent and cluster by code. */
  public record Unit(int row, String code, String name, OrgUnitKind kind, String parentCode, Set<Level> levels,
                     String schoolType, String clusterCode) {
  }

  /** What the system already holds, by code (any case). */
  public interface Existing {
    Optional<OrgUnitKind> kindOf(String code);
  }

  public record Validation(List<Unit> units, List<RowProblem<Column, Problem>> problems, List<Headers.Ignored> ignored) {
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
    var read = new ArrayList<Unit>();
    // Every row whose code and kind are readable, even if another cell is wrong: parents are looked up here.
    var declared = new ArrayList<Unit>();
    Map<String, Integer> codeRows = new HashMap<>();
    Reading<Column, Problem> reading = FORMAT.read(header, rows, maxRows, row -> {
      String code = row.required(Column.CODE);
      if (code != null && !CODE.matcher(code).matches()) {
        row.fail(Column.CODE, Problem.BAD_CODE);
      } else if (code != null && codeRows.putIfAbsent(code.toLowerCase(), row.number()) != null) {
        row.fail(Column.CODE, Problem.DUPLICATE_IN_FILE);
      }
      String name = row.requiredText(Column.NAME);
      if (name != null && (name.length() < 2 || name.length() > 200
          || name.codePoints().anyMatch(cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT))) {
        row.fail(Column.NAME, Problem.BAD_NAME);
      }
      String rawKind = row.required(Column.KIND);
      OrgUnitKind kind = rawKind == null ? null : KINDS.get(Folding.key(rawKind));
      if (rawKind != null && kind == null) {
        row.fail(Column.KIND, Problem.BAD_KIND);
      }
      Set<Level> levels = EnumSet.noneOf(Level.class);
      String rawLevels = row.cell(Column.LEVELS);
      if (rawLevels != null) {
        for (String l : rawLevels.split("[,;]")) {
          if (!l.isBlank()) {
            Level.parse(l).ifPresentOrElse(levels::add, () -> row.failNaming(Column.LEVELS, Problem.BAD_LEVEL, l.strip()));
          }
        }
      }
      if (kind == OrgUnitKind.SCHOOL && levels.isEmpty() && rawLevels == null) {
        row.fail(Column.LEVELS, Problem.LEVELS_REQUIRED);
      }
      String rawType = row.cell(Column.SCHOOL_TYPE);
      String type = rawType == null ? null : TYPES.get(Folding.key(rawType));
      if (rawType != null && type == null) {
        row.fail(Column.SCHOOL_TYPE, Problem.BAD_SCHOOL_TYPE);
      }
      if (row.clean(Column.CODE) && kind != null) {
        var unit = new Unit(row.number(), code, name, kind, row.cell(Column.PARENT),
            kind == OrgUnitKind.SCHOOL ? Set.copyOf(levels) : Set.of(), kind == OrgUnitKind.SCHOOL ? type : null,
            kind == OrgUnitKind.SCHOOL ? row.cell(Column.CLUSTER) : null);
        declared.add(unit);
        if (row.clean()) {
          read.add(unit);
        }
      }
    });
    var problems = new ArrayList<>(reading.problems());
    // Parents and clusters: in the file or already in the system, and of a kind that may hold the unit.
    Map<String, OrgUnitKind> inFile = new HashMap<>();
    declared.forEach(u -> inFile.put(u.code().toLowerCase(), u.kind()));
    for (Unit u : declared) {
      if (u.parentCode() != null || u.kind() != OrgUnitKind.DEPARTMENT) {
        OrgUnitKind parentKind = u.parentCode() == null ? null
            : Optional.ofNullable(inFile.get(u.parentCode().toLowerCase())).or(() -> existing.kindOf(u.parentCode())).orElse(null);
        if (u.parentCode() != null && parentKind == null) {
          problems.add(reading.problem(u.row(), Column.PARENT, Problem.UNKNOWN_PARENT, u.parentCode()));
        } else if (!Placement.check(u.kind(), null, parentKind, true, List.of()).isEmpty()) {
          problems.add(reading.problem(u.row(), Column.PARENT, Problem.WRONG_PARENT_KIND, u.parentCode() == null ? "" : u.parentCode()));
        }
      }
      if (u.clusterCode() != null) {
        OrgUnitKind clusterKind = Optional.ofNullable(inFile.get(u.clusterCode().toLowerCase()))
            .or(() -> existing.kindOf(u.clusterCode())).orElse(null);
        if (clusterKind != OrgUnitKind.CLUSTER) {
          problems.add(reading.problem(u.row(), Column.CLUSTER, Problem.UNKNOWN_CLUSTER, u.clusterCode()));
        }
      }
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparingInt(RowProblem::row));
      return new Validation(List.of(), List.copyOf(problems), reading.ignored());
    }
    var ordered = new ArrayList<>(read);
    ordered.sort(Comparator.comparing(Unit::kind).thenComparingInt(Unit::row));
    return new Validation(List.copyOf(ordered), List.of(), reading.ignored());
  }
}
