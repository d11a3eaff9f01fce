package vn.bdtx.domain.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RateTest {

  static final BigDecimal TARGET = new BigDecimal("0.98");

  @Test
  void fortyNineOfFiftyReachesNinetyEightPercentExactly() {
    var r = new Rate(49, 50);
    assertThat(r.reaches(TARGET)).isTrue();
    assertThat(r.percent()).contains(new BigDecimal("98.0"));
    assertThat(r.gapTo(TARGET)).contains(new BigDecimal("0.0"));
    assertThat(r.shortOf(TARGET)).isZero();
  }

  @Test
  void ninetySevenPointNineNineIsShortEvenThoughItRoundsToNinetyEight() {
    var r = new Rate(9799, 10000);
    assertThat(r.percent()).contains(new BigDecimal("98.0"));
    assertThat(r.reaches(TARGET)).isFalse();
    assertThat(r.shortOf(TARGET)).isEqualTo(1);
  }

  @Test
  void theGapIsInPercentagePointsAndPositiveWhenBehind() {
    assertThat(new Rate(45, 50).gapTo(TARGET)).contains(new BigDecimal("8.0"));
    assertThat(new Rate(50, 50).gapTo(TARGET)).contains(new BigDecimal("-2.0"));
    assertThat(new Rate(45, 50).shortOf(TARGET)).isEqualTo(4);
  }

  @Test
  void noOneCountedHasNoRateAndNoGap() {
    var r = new Rate(0, 0);
    assertThat(r.defined()).isFalse();
    assertThat(r.percent()).isEmpty();
    assertThat(r.gapTo(TARGET)).isEmpty();
    assertThat(r.reaches(TARGET)).isFalse();
    assertThat(r.fraction()).isEmpty();
  }

  @Test
  void theFractionIsForASpreadsheetPercentCell() {
    assertThat(new Rate(2, 3).fraction()).contains(new BigDecimal("0.6667"));
  }
}
