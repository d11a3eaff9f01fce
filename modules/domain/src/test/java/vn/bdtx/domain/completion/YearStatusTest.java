package vn.bdtx.domain.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.accounts.ExemptionKind;
import vn.bdtx.domain.completion.YearStatus.Module;
import vn.bdtx.domain.completion.YearStatus.State;

class YearStatusTest {

  static final Module GV01 = new Module("GV-01", "Mô đun 1", 40);
  static final Module GV02 = new Module("GV-02", "Mô đun 2", 40);
  static final Module GV03 = new Module("GV-03", "Mô đun 3", 40);

  @Test
  void threeModulesOf40PeriodsCompleteTheYear() {
    var s = YearStatus.of(List.of(GV01, GV02, GV03), null, Regulation.DEFAULT);
    assertThat(s.state()).isEqualTo(State.COMPLETE);
    assertThat(s.periods()).isEqualTo(120);
    assertThat(s.modulesMissing()).isZero();
  }

  @Test
  void twoModulesLeaveOneAnd40PeriodsToGo() {
    var s = YearStatus.of(List.of(GV01, GV02), null, Regulation.DEFAULT);
    assertThat(s.state()).isEqualTo(State.IN_PROGRESS);
    assertThat(s.modulesMissing()).isEqualTo(1);
    assertThat(s.periodsMissing()).isEqualTo(40);
  }

  @Test
  void threeShortModulesAreNotEnoughPeriods() {
    var s = YearStatus.of(List.of(new Module("A", "a", 30), new Module("B", "b", 30), new Module("C", "c", 30)), null,
        Regulation.DEFAULT);
    assertThat(s.state()).isEqualTo(State.IN_PROGRESS);
    assertThat(s.periodsMissing()).isEqualTo(30);
  }

  @Test
  void aRetiringTeacherIsExemptAndOneOnMaternityLeaveIsReducedNotBehind() {
    assertThat(YearStatus.of(List.of(), ExemptionKind.EXEMPT, Regulation.DEFAULT).state()).isEqualTo(State.EXEMPT);
    assertThat(YearStatus.of(List.of(GV01), ExemptionKind.REDUCED, Regulation.DEFAULT).state()).isEqualTo(State.REDUCED);
  }
}
