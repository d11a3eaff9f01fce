package vn.bdtx.domain.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitingLineTest {

  static final Duration BCRYPT = Duration.ofMillis(60);

  @Test
  void aLoginBehindThirtyOthersOnTwoCoresWaitsAboutAThirdOfASecondPlusItsOwnCheck() {
    assertThat(WaitingLine.expectedWait(30, 2, BCRYPT)).isEqualTo(Duration.ofMillis(960));
    assertThat(WaitingLine.expectedWait(0, 2, BCRYPT)).isEqualTo(BCRYPT);
  }

  @Test
  void aWaitingPageIsShownOnlyWhenTheWaitWouldExceedThePatience() {
    Duration patience = Duration.ofMillis(800);
    assertThat(WaitingLine.waitingPage(20, 2, BCRYPT, patience)).as("11 rounds of 60 ms").isFalse();
    assertThat(WaitingLine.waitingPage(30, 2, BCRYPT, patience)).as("16 rounds of 60 ms").isTrue();
  }

  @Test
  void aPatienceOfZeroSendsEveryoneToTheWaitingPage() {
    assertThat(WaitingLine.waitingPage(0, 8, Duration.ofMillis(1), Duration.ZERO)).isTrue();
  }

  @Test
  void farPlacesAskSeldomAndTheNextAsksOften() {
    assertThat(WaitingLine.pollAfter(1, 100)).isEqualTo(WaitingLine.FASTEST_POLL);
    assertThat(WaitingLine.pollAfter(300, 100)).isEqualTo(Duration.ofMillis(1500));
    assertThat(WaitingLine.pollAfter(3000, 100)).isEqualTo(WaitingLine.SLOWEST_POLL);
    assertThat(WaitingLine.pollAfter(0, 100)).as("being served").isEqualTo(WaitingLine.FASTEST_POLL);
    assertThat(WaitingLine.pollAfter(5, 0)).as("no rate measured yet").isEqualTo(Duration.ofSeconds(1));
  }
}
