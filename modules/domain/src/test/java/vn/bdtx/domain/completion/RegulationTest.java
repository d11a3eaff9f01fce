package vn.bdtx.domain.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.completion.Regulation.Field;
import vn.bdtx.domain.completion.Regulation.Problem;

class RegulationTest {

  static Map<Field, String> typed(String pass, String quiz, String video, String periods, String modules, String year,
                                  String reason) {
    var m = new EnumMap<Field, String>(Field.class);
    m.put(Field.PASS_MARK, pass);
    m.put(Field.QUIZ_PASS_MARK, quiz);
    m.put(Field.VIDEO_PERCENT, video);
    m.put(Field.PERIODS_PER_MODULE, periods);
    m.put(Field.MODULES_PER_YEAR, modules);
    m.put(Field.PERIODS_PER_YEAR, year);
    m.put(Field.REASON, reason);
    return m;
  }

  @Test
  void readsTheFiguresAsTypedWithACommaOrAPoint() {
    var read = (Regulation.Accepted) Regulation.read(typed("6,0", "5.5", "80", "40", "3", "120", " Công văn 123 "));
    assertThat(read.regulation()).isEqualTo(new Regulation(0, new BigDecimal("6.0"), new BigDecimal("5.5"), 80, 40, 3, 120));
    assertThat(read.reason()).isEqualTo("Công văn 123");
    assertThat(read.regulation().passes(new BigDecimal("5.5"))).isFalse();
    assertThat(read.regulation().quizPasses(new BigDecimal("5.5"))).isTrue();
    assertThat(read.regulation().videoShare()).isEqualTo(0.8);
  }

  @Test
  void namesEveryBadFieldAndAcceptsNothing() {
    var read = (Regulation.Refused) Regulation.read(typed("", "năm", "0", "40,5", "21", "120", ""));
    assertThat(read.problems()).extracting(Regulation.FieldProblem::field, Regulation.FieldProblem::problem).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Field.PASS_MARK, Problem.MISSING),
        org.assertj.core.groups.Tuple.tuple(Field.QUIZ_PASS_MARK, Problem.NOT_A_NUMBER),
        org.assertj.core.groups.Tuple.tuple(Field.VIDEO_PERCENT, Problem.OUT_OF_RANGE),
        org.assertj.core.groups.Tuple.tuple(Field.PERIODS_PER_MODULE, Problem.TOO_PRECISE),
        org.assertj.core.groups.Tuple.tuple(Field.MODULES_PER_YEAR, Problem.OUT_OF_RANGE),
        org.assertj.core.groups.Tuple.tuple(Field.REASON, Problem.MISSING));
    var tooPrecise = (Regulation.Refused) Regulation.read(typed("5,25", "10,1", "90", "40", "3", "120", "x".repeat(501)));
    assertThat(tooPrecise.problems()).extracting(Regulation.FieldProblem::problem)
        .containsExactly(Problem.TOO_PRECISE, Problem.OUT_OF_RANGE, Problem.TOO_LONG);
  }

  @Test
  void theDefaultIsTodaysRegulationAndReadsBackAsTyped() {
    var d = Regulation.DEFAULT;
    assertThat(d.version()).isEqualTo(1);
    assertThat(d.typed()).containsEntry(Field.PASS_MARK, "5,0").containsEntry(Field.VIDEO_PERCENT, "90");
    var t = d.typed();
    t.put(Field.REASON, "lại");
    assertThat(((Regulation.Accepted) Regulation.read(t)).regulation().numbered(1)).isEqualTo(d);
  }
}
