package vn.bdtx.domain.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.accounts.OrgImport.Column;
import vn.bdtx.domain.accounts.OrgImport.Problem;
import vn.bdtx.domain.imports.Headers;
import vn.bdtx.domain.imports.RowProblem;

class OrgImportTest {

  static final List<String> HEADER = List.of("ma_don_vi", "ten_don_vi", "loai_don_vi", "ma_cap_tren", "cap_hoc", "loai_hinh", "ma_cum");
  static final OrgImport.Existing NOTHING = code -> Optional.empty();

  static OrgImport.Validation validate(OrgImport.Existing existing, List<String>... rows) {
    return validate(existing, 10_000, rows);
  }

  static OrgImport.Validation validate(OrgImport.Existing existing, int maxRows, List<String>... rows) {
    return OrgImport.validate(HEADER, Arrays.asList(rows).iterator(), existing, maxRows);
  }

  @Test
  void aWholeProvinceIsOrderedParentsFirstWhateverTheRowOrder() {
    var v = validate(NOTHING,
        List.of("TH-1", "Trường TH Một", "Trường", "PGD-A", "TH", "Công lập", "CUM-A"),
        List.of("CUM-A", "Cụm A", "Cụm trường", "PGD-A", "", "", ""),
        List.of("PGD-A", "Phòng A", "Phòng", "SO", "", "", ""),
        List.of("SO", "Sở GD&ĐT", "Sở", "", "", "", ""));
    assertThat(v.problems()).isEmpty();
    assertThat(v.units()).extracting(OrgImport.Unit::code).containsExactly("SO", "PGD-A", "TH-1", "CUM-A");
    var school = v.units().get(2);
    assertThat(school.levels()).containsExactly(Level.PRIMARY);
    assertThat(school.schoolType()).isEqualTo("PUBLIC");
    assertThat(school.clusterCode()).isEqualTo("CUM-A");
  }

  @Test
  void parentsAlreadyInTheSystemAreFound() {
    OrgImport.Existing existing = code -> code.equalsIgnoreCase("PGD-X") ? Optional.of(OrgUnitKind.DISTRICT_OFFICE) : Optional.empty();
    assertThat(validate(existing, List.of("TH-9", "Trường 9", "Trường", "pgd-x", "THCS", "", "")).ok()).isTrue();
  }

  @Test
  void everyProblemIsReportedByRowAndColumn() {
    var v = validate(NOTHING,
        List.of("SO", "Sở", "Sở", "", "", "", ""),
        List.of("so", "Sở trùng", "Sở", "", "", "", ""),
        List.of("TH-1", "Trường", "Trường", "KHONG-CO", "", "", ""),
        List.of("PGD-1", "Phòng", "Phòng", "TH-2", "", "", ""),
        List.of("TH-2", "Trường hai", "Trường", "SO", "Đại học", "", "CUM-X"),
        List.of("X", "Loại lạ", "Viện", "SO", "", "", ""));
    assertThat(v.units()).isEmpty();
    assertThat(v.problems()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("at").containsExactly(new RowProblem<>(3, Column.CODE, Problem.DUPLICATE_IN_FILE, "so"),
        new RowProblem<>(4, Column.LEVELS, Problem.LEVELS_REQUIRED, ""),
        new RowProblem<>(4, Column.PARENT, Problem.UNKNOWN_PARENT, "KHONG-CO"),
        new RowProblem<>(5, Column.PARENT, Problem.WRONG_PARENT_KIND, "TH-2"),
        new RowProblem<>(6, Column.LEVELS, null, Problem.BAD_LEVEL, "Đại học", null, "Đại học"),
        new RowProblem<>(6, Column.CLUSTER, Problem.UNKNOWN_CLUSTER, "CUM-X"),
        new RowProblem<>(7, Column.CODE, Problem.BAD_CODE, "X"),
        new RowProblem<>(7, Column.KIND, Problem.BAD_KIND, "Viện"));
  }

  @Test
  void anUnknownParentOrClusterIsNamed() {
    var v = validate(NOTHING, List.of("SO", "Sở", "Sở", "", "", "", ""),
        List.of("TH-1", "Trường", "Trường", "KHONG-CO", "TH", "", "CUM-X"));
    // Found after the reading, they still name the columns as the file does (the helper's header is the codes).
    assertThat(v.problems()).containsExactly(
        new RowProblem<>(3, Column.PARENT, new Headers.Named("D", "ma_cap_tren"), Problem.UNKNOWN_PARENT, "KHONG-CO", null, null),
        new RowProblem<>(3, Column.CLUSTER, new Headers.Named("G", "ma_cum"), Problem.UNKNOWN_CLUSTER, "CUM-X", null, null));
  }

  @Test
  void aMissingColumnStopsBeforeAnyRow() {
    var v = OrgImport.validate(List.of("ma_don_vi", "ten_don_vi"), List.<List<String>>of().iterator(), NOTHING, 10);
    assertThat(v.problems()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("at").containsExactly(new RowProblem<>(1, Column.KIND, Problem.MISSING_COLUMN, ""));
  }

  @Test
  void aColumnNamedTwiceIsReportedInsteadOfSilentlyReadingTheFirst() {
    var header = List.of("ma_don_vi", "ten_don_vi", "loai_don_vi", "Mã");
    var v = OrgImport.validate(header, List.<List<String>>of(List.of("SO", "Sở", "Sở", "SO-2")).iterator(), NOTHING, 10);
    assertThat(v.units()).isEmpty();
    // The report names both places: the second header's letter (D) and, in the message, the first one's (A).
    assertThat(v.problems()).containsExactly(
        new RowProblem<>(1, Column.CODE, new Headers.Named("D", "Mã"), Problem.DUPLICATE_COLUMN, "Mã", null, "A"));
  }

  @Test
  void theRowLimitCountsEveryDataRowNotOnlyTheValidOnes() {
    var v = validate(NOTHING, 2, List.of("SO", "Sở", "Sở", "", "", "", ""), List.of("X", "?", "Viện", "", "", "", ""),
        List.of("PGD-A", "Phòng A", "Phòng", "SO", "", "", ""));
    assertThat(v.problems()).extracting(RowProblem::row, RowProblem::kind)
        .contains(org.assertj.core.groups.Tuple.tuple(4, Problem.TOO_MANY_ROWS));
  }
}
