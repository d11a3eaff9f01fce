package vn.bdtx.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.accounts.Position;
import vn.bdtx.domain.catalog.CatalogueFile.LineProblem;
import vn.bdtx.domain.catalog.CatalogueFile.Problem;

class CatalogueFileTest {

  @Test
  void modulesLoadWithTheirPrerequisites() {
    var r = CatalogueFile.read(Map.of(
        2, List.of("GV-01", "TEACHER", "Hướng dẫn thực hiện Chương trình giáo dục phổ thông 2018", "40", ""),
        3, List.of("GV-02", "TEACHER", "Sử dụng phương pháp dạy học", "40", "GV-01")));
    assertThat(r.problems()).isEmpty();
    assertThat(r.modules()).containsExactly(
        new TrainingModule("GV-01", Position.TEACHER, "Hướng dẫn thực hiện Chương trình giáo dục phổ thông 2018", 40, List.of()),
        new TrainingModule("GV-02", Position.TEACHER, "Sử dụng phương pháp dạy học", 40, List.of("GV-01")));
  }

  @Test
  void aBadLineIsReportedAndSkippedWhileTheOthersLoad() {
    var r = CatalogueFile.read(Map.of(
        2, List.of("GV-01", "TEACHER", "Mô đun một hợp lệ", "40", ""),
        3, List.of("GV-1", "TEACHER", "Mã sai", "40", ""),
        4, List.of("CBQL-01", "TEACHER", "Đối tượng sai", "40", ""),
        5, List.of("GV-03", "TEACHER", "Số tiết sai", "bốn mươi", ""),
        6, List.of("GV-04", "TEACHER", "Học trước không có", "40", "GV-99"),
        7, List.of("GV-01", "TEACHER", "Trùng mã", "40", "")));
    assertThat(r.modules()).extracting(TrainingModule::code).containsExactly("GV-01");
    assertThat(r.problems()).containsExactly(
        new LineProblem(3, Problem.BAD_CODE, "GV-1"),
        new LineProblem(4, Problem.AUDIENCE_MISMATCH, "CBQL-01 TEACHER"),
        new LineProblem(5, Problem.BAD_PERIODS, "bốn mươi"),
        new LineProblem(6, Problem.UNKNOWN_PREREQUISITE, "GV-99"),
        new LineProblem(7, Problem.DUPLICATE_CODE, "GV-01"));
  }

  @Test
  void prerequisitesMayNotGoRoundInACircle() {
    var r = CatalogueFile.read(Map.of(
        2, List.of("GV-01", "TEACHER", "Mô đun một", "40", "GV-02"),
        3, List.of("GV-02", "TEACHER", "Mô đun hai", "40", "GV-01")));
    assertThat(r.modules()).isEmpty();
    assertThat(r.problems()).extracting(LineProblem::problem).containsOnly(Problem.CIRCULAR_PREREQUISITE);
  }
}
