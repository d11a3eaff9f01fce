package vn.bdtx.domain.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreDistributionTest {

  @Test
  void aGradeFallsInTheBinOfItsWholePartAndTenInTheLast() {
    assertThat(ScoreDistribution.binOf(new BigDecimal("0.0"))).isZero();
    assertThat(ScoreDistribution.binOf(new BigDecimal("4.9"))).isEqualTo(4);
    assertThat(ScoreDistribution.binOf(new BigDecimal("5.0"))).isEqualTo(5);
    assertThat(ScoreDistribution.binOf(new BigDecimal("9.9"))).isEqualTo(9);
    assertThat(ScoreDistribution.binOf(new BigDecimal("10.0"))).isEqualTo(9);
  }

  @Test
  void countsAddUpPerBinAndThePassMarkIsABinEdge() {
    var d = ScoreDistribution.of(Map.of(new BigDecimal("4.9"), 2L, new BigDecimal("5.0"), 3L,
        new BigDecimal("5.5"), 1L, new BigDecimal("10.0"), 4L, new BigDecimal("9.0"), 1L));
    assertThat(d.bins()).hasSize(10);
    assertThat(d.bins().get(4).count()).isEqualTo(2);
    assertThat(d.bins().get(5).count()).isEqualTo(4);
    assertThat(d.bins().get(9).count()).isEqualTo(5);
    assertThat(d.total()).isEqualTo(11);
    assertThat(d.max()).isEqualTo(5);
    assertThat(d.bins().get(4).passing(new BigDecimal("5.0"))).isFalse();
    assertThat(d.bins().get(5).passing(new BigDecimal("5.0"))).isTrue();
  }

  @Test
  void gradesOffTheScaleAreRefused() {
    assertThatThrownBy(() -> ScoreDistribution.binOf(new BigDecimal("10.1"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScoreDistribution.binOf(new BigDecimal("-0.1"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noGradesGiveEmptyBinsOnAScaleOfOne() {
    var d = ScoreDistribution.of(Map.of());
    assertThat(d.total()).isZero();
    assertThat(d.max()).isEqualTo(1);
  }
}
