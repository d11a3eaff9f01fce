package vn.bdtx.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RubricTest {

  @Test
  void readsCriteriaThatAddUpToTen() {
    var parsed = Rubric.parse("""
        # tiêu chí | điểm | mô tả
        Mục tiêu rõ ràng | 2,5 | Tốt: đủ phẩm chất, năng lực; Đạt: có mục tiêu; Chưa đạt: thiếu
        Tiến trình | 5 | Tốt: đủ 4 hoạt động
        Đánh giá | 2.5 | Có công cụ đánh giá
        """);
    assertThat(parsed.ok()).isTrue();
    assertThat(parsed.rubric().criteria()).extracting(Rubric.Criterion::name, Rubric.Criterion::points)
        .containsExactly(tuple("Mục tiêu rõ ràng", new BigDecimal("2.5")), tuple("Tiến trình", new BigDecimal("5")),
            tuple("Đánh giá", new BigDecimal("2.5")));
    assertThat(Rubric.parse(parsed.rubric().write()).rubric()).isEqualTo(parsed.rubric());
  }

  @Test
  void reportsEachBadLineAndATotalOtherThanTen() {
    assertThat(Rubric.parse("A | 5 | x\nB | năm | y\nC | 5\n").problems())
        .extracting(Rubric.LineProblem::line, Rubric.LineProblem::problem)
        .containsExactly(tuple(2, Rubric.Problem.BAD_POINTS), tuple(3, Rubric.Problem.MISSING_COLUMNS));
    assertThat(Rubric.parse("A | 5 | x\nB | 4 | y\n").problems())
        .extracting(Rubric.LineProblem::line, Rubric.LineProblem::problem, Rubric.LineProblem::value)
        .containsExactly(tuple(2, Rubric.Problem.TOTAL_NOT_10, "9"));
    assertThat(Rubric.parse("A | 2.25 | x\n").problems()).extracting(Rubric.LineProblem::problem)
        .containsExactly(Rubric.Problem.BAD_POINTS);
  }
}
