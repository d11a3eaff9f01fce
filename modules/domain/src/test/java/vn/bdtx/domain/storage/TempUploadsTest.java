package vn.bdtx.domain.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.storage.TempUploads.Owner;

class TempUploadsTest {

  static final Instant NOW = Instant.parse("2026-12-16T14:00:00Z");
  static final TempUploads SIX_HOURS = new TempUploads(Duration.ofHours(6));
  static final Owner ALIVE = new Owner(4242, 1_797_000_000_000L);
  static final Owner DEAD = new Owner(977, 1_797_000_100_000L);

  static boolean running(Owner o) {
    return Set.of(ALIVE).contains(o);
  }

  static String fileOf(Owner o) {
    return TempUploads.prefixFor(o) + "8134679834517" + TempUploads.SUFFIX;
  }

  @Test
  void namesTheProcessThatWroteTheFile() {
    assertThat(fileOf(ALIVE)).isEqualTo("bdtx-upload-4242-1797000000000-8134679834517.tmp");
    assertThat(TempUploads.owner(fileOf(ALIVE))).contains(ALIVE);
    assertThat(TempUploads.owner("bdtx-upload-8134679834517.tmp")).as("a name from before").isEmpty();
    assertThat(TempUploads.owner("bdtx-upload-99999999999999999999-1-2.tmp")).isEmpty();
    assertThat(TempUploads.owner(null)).isEmpty();
  }

  @Test
  void aFileOfAProcessThatNoLongerRunsIsALeftoverAtOnce() {
    assertThat(SIX_HOURS.isLeftover(fileOf(DEAD), NOW.minusSeconds(2), NOW, TempUploadsTest::running)).isTrue();
  }

  @Test
  void aFileOfARunningProcessIsKeptUntilItIsOlderThanTheMaximumAge() {
    assertThat(SIX_HOURS.isLeftover(fileOf(ALIVE), NOW.minusSeconds(2), NOW, TempUploadsTest::running)).isFalse();
    assertThat(SIX_HOURS.isLeftover(fileOf(ALIVE), NOW.minus(Duration.ofHours(6)), NOW, TempUploadsTest::running)).isFalse();
    assertThat(SIX_HOURS.isLeftover(fileOf(ALIVE), NOW.minus(Duration.ofHours(7)), NOW, TempUploadsTest::running)).isTrue();
  }

  @Test
  void aFileWithoutItsProcessInTheNameGoesByAgeAlone() {
    String old = "bdtx-upload-8134679834517.tmp";
    assertThat(SIX_HOURS.isLeftover(old, NOW.minusSeconds(60), NOW, o -> false)).isFalse();
    assertThat(SIX_HOURS.isLeftover(old, NOW.minus(Duration.ofDays(2)), NOW, o -> false)).isTrue();
  }

  @Test
  void anyOtherFileOfTheTempFolderIsNeverALeftover() {
    for (String other : new String[] {"spring-multipart-1.tmp", "bdtx-upload-1.part", "hsperfdata_root", "x.tmp", ""}) {
      assertThat(SIX_HOURS.isLeftover(other, NOW.minus(Duration.ofDays(30)), NOW, o -> false)).as(other).isFalse();
    }
  }

  @Test
  void aBufferedMultipartPartGoesByAgeAlone() {
    assertThat(SIX_HOURS.isLeftoverPart("spring-multipart-1289", NOW.minus(Duration.ofHours(7)), NOW)).isTrue();
    assertThat(SIX_HOURS.isLeftoverPart("spring-multipart-1289", NOW.minusSeconds(30), NOW)).isFalse();
    assertThat(SIX_HOURS.isLeftoverPart("my-folder", NOW.minus(Duration.ofDays(7)), NOW)).isFalse();
  }

  @Test
  void theMaximumAgeIsPositive() {
    assertThatThrownBy(() -> new TempUploads(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }
}
