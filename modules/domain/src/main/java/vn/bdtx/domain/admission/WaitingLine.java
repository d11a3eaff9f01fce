package vn.bdtx.domain.admission;

import java.time.Duration;

/**
 * A first-come, first-served line in front of work that only {@code workers} pieces at a time may do (password
 * checks, quiz starts): the wait a newcomer can expect, whether it is worth a waiting page, and how often a waiting
 * page asks again for its place.
 */
public final class WaitingLine {

  /** The waiting page never asks more often than this, however close to the front. */
  public static final Duration FASTEST_POLL = Duration.ofMillis(500);
  /** Nor less often than this, however long the line: the place shown must move. */
  public static final Duration SLOWEST_POLL = Duration.ofSeconds(5);

  private WaitingLine() {
  }

  /**
   * How long a newcomer waits until its own piece of work is done: the {@code ahead} pieces (waiting or being
   * done) shared among the workers, then its own, each taking {@code perPiece}.
   */
  public static Duration expectedWait(long ahead, int workers, Duration perPiece) {
    if (workers < 1) {
      throw new IllegalArgumentException("a line needs at least one worker");
    }
    long rounds = Math.max(0, ahead) / workers + 1;
    return perPiece.multipliedBy(rounds);
  }

  /**
   * Whether the newcomer gets a waiting page with its place at once instead of a request that waits: when the
   * expected wait is longer than {@code patience}. A patience of zero sends everyone to the waiting page.
   */
  public static boolean waitingPage(long ahead, int workers, Duration perPiece, Duration patience) {
    return patience.isZero() || expectedWait(ahead, workers, perPiece).compareTo(patience) > 0;
  }

  /**
   * When a waiting page at {@code place} (1 = next) asks again: about half the time its place needs to come up at
   * {@code perSecond} admissions a second, between {@link #FASTEST_POLL} and {@link #SLOWEST_POLL}. Far places ask
   * seldom, so thousands waiting do not crowd out the work they wait for.
   */
  public static Duration pollAfter(long place, double perSecond) {
    if (place <= 0 || perSecond <= 0 || Double.isNaN(perSecond)) {
      return place <= 0 ? FASTEST_POLL : Duration.ofSeconds(1);
    }
    long millis = (long) (place * 1000 / perSecond / 2);
    return Duration.ofMillis(Math.max(FASTEST_POLL.toMillis(), Math.min(SLOWEST_POLL.toMillis(), millis)));
  }
}
