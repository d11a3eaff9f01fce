package vn.bdtx.domain.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.storage.Orphans.StoredObject;

class OrphansTest {

  static final Instant NOW = Instant.parse("2026-12-16T14:00:00Z");
  static final Orphans DAY = new Orphans(Duration.ofHours(24));

  static StoredObject object(String key, Duration age) {
    return new StoredObject(key, NOW.minus(age));
  }

  @Test
  void anObjectNoRowNamesIsAnOrphanOnlyOnceTheGracePeriodHasPassed() {
    assertThat(DAY.isOrphan(object("enrollments/7/aa", Duration.ofHours(25)), false, NOW)).isTrue();
    assertThat(DAY.isOrphan(object("enrollments/7/aa", Duration.ofHours(24).plusMillis(1)), false, NOW)).isTrue();
    assertThat(DAY.isOrphan(object("enrollments/7/aa", Duration.ofHours(24)), false, NOW))
        .as("exactly at the end of the grace period it is still kept").isFalse();
    assertThat(DAY.isOrphan(object("enrollments/7/aa", Duration.ofSeconds(3)), false, NOW))
        .as("an upload in flight stored it a moment ago and has not written its row yet").isFalse();
  }

  @Test
  void anObjectARowNamesIsNeverAnOrphanHoweverOld() {
    assertThat(DAY.isOrphan(object("certificates/BDTX-1.pdf", Duration.ofDays(3650)), true, NOW)).isFalse();
  }

  @Test
  void picksTheOrphansOfAListingGivenTheKeysRowsName() {
    var listed = List.of(object("a", Duration.ofDays(2)), object("b", Duration.ofDays(2)), object("c", Duration.ofMinutes(1)),
        object("d", Duration.ofDays(40)));
    assertThat(DAY.among(listed, Set.of("b"), NOW)).extracting(StoredObject::key).containsExactly("a", "d");
    assertThat(DAY.among(List.of(), Set.of(), NOW)).isEmpty();
  }

  @Test
  void anObjectWrittenAgainSinceItWasListedIsKept() {
    Instant listedAs = NOW.minus(Duration.ofDays(2));
    assertThat(DAY.stillOrphan(listedAs, false, NOW)).isTrue();
    assertThat(DAY.stillOrphan(NOW.minusSeconds(1), false, NOW)).as("the same file uploaded again just now").isFalse();
    assertThat(DAY.stillOrphan(listedAs, true, NOW)).as("a row names it by now").isFalse();
    assertThat(DAY.stillOrphan(null, false, NOW)).as("already gone").isFalse();
  }

  @Test
  void aGracePeriodIsPositive() {
    assertThatThrownBy(() -> new Orphans(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Orphans(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThat(new Orphans(Duration.ofMillis(1)).pastGrace(NOW.minusMillis(2), NOW)).isTrue();
  }
}
