package vn.bdtx.domain.learning;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class WatchedTest {

  @Test
  void onlySecondsActuallyPlayedCount() {
    var w = Watched.none(100).add(0, 30).add(20, 50);
    assertThat(w.watchedSeconds()).isEqualTo(50);
    // Watching the same minute again adds nothing.
    assertThat(w.add(10, 40).watchedSeconds()).isEqualTo(50);
    // Skipping to the end and playing the last 5 seconds adds 5, not 50.
    assertThat(w.add(95, 100).watchedSeconds()).isEqualTo(55);
    assertThat(w.add(95, 100).reaches(0.9)).isFalse();
    assertThat(Watched.none(100).add(0, 90).reaches(0.9)).isTrue();
    assertThat(Watched.none(100).add(0, 89).reaches(0.9)).isFalse();
  }

  @Test
  void reportsOutsideTheVideoOrBackwardsChangeNothingHarmful() {
    var w = Watched.none(60);
    assertThat(w.add(-50, 10).watchedSeconds()).isEqualTo(10);
    assertThat(w.add(50, 5_000).watchedSeconds()).isEqualTo(10);
    assertThat(w.add(30, 20)).isEqualTo(w);
    assertThat(w.add(Double.NaN, 20)).isEqualTo(w);
    assertThat(Watched.none(-5).duration()).isEqualTo(1);
    assertThat(Watched.none(10_000_000).duration()).isEqualTo(Watched.MAX_SECONDS);
  }

  @Test
  void survivesStorage() {
    var w = Watched.none(7_200).add(0, 1_000).add(3_000, 3_600);
    var back = Watched.fromBytes(7_200, w.toBytes());
    assertThat(back).isEqualTo(w);
    assertThat(back.watchedSeconds()).isEqualTo(1_600);
    assertThat(w.toBytes().length).isLessThanOrEqualTo(900);
    // Joining two nodes' reports keeps both.
    assertThat(Watched.none(100).add(0, 10).union(Watched.none(100).add(50, 60)).watchedSeconds()).isEqualTo(20);
  }

  @Property
  void theShareNeverExceedsOne(@ForAll @IntRange(min = 1, max = 5_000) int duration,
                               @ForAll @DoubleRange(min = -100, max = 6_000) double a,
                               @ForAll @DoubleRange(min = -100, max = 6_000) double b) {
    var w = Watched.none(duration).add(a, b).add(b, a + 30);
    assertThat(w.share()).isBetween(0.0, 1.0);
    assertThat(w.watchedSeconds()).isLessThanOrEqualTo(duration);
  }
}
