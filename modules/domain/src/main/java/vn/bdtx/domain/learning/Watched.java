package vn.bdtx.domain.learning;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The seconds of a video a learner has actually watched, one bit per second, so
 * that skipping to the end or watching one minute ten times does not count as
 * watching. The player reports the stretches it played ({@code from}–{@code to},
 * in seconds); a lecture is studied once the share watched reaches the
 * threshold (90% by default). Stored as bytes (a two-hour video takes 900).
 */
public final class Watched {

  /** Longest video we keep track of, in seconds (10 hours). */
  public static final int MAX_SECONDS = 36_000;

  private final int duration;
  private final BitSet seconds;

  private Watched(int duration, BitSet seconds) {
    this.duration = duration;
    this.seconds = seconds;
  }

  public static Watched none(int duration) {
    return new Watched(clampDuration(duration), new BitSet());
  }

  public static Watched fromBytes(int duration, byte[] bytes) {
    var bits = bytes == null ? new BitSet() : BitSet.valueOf(bytes);
    int d = clampDuration(duration);
    if (bits.length() > d) {
      bits.clear(d, bits.length());
    }
    return new Watched(d, bits);
  }

  private static int clampDuration(int duration) {
    return Math.max(1, Math.min(MAX_SECONDS, duration));
  }

  /** Marks [from, to) as watched, clipped to the video; a stretch backwards or empty changes nothing. */
  public Watched add(double from, double to) {
    int a = (int) Math.floor(Math.max(0, from));
    int b = (int) Math.ceil(Math.min(duration, to));
    if (!(b > a) || Double.isNaN(from) || Double.isNaN(to)) {
      return this;
    }
    var copy = (BitSet) seconds.clone();
    copy.set(a, b);
    return new Watched(duration, copy);
  }

  /** Joins what two reports saw (both of the same video). */
  public Watched union(Watched other) {
    var copy = (BitSet) seconds.clone();
    copy.or(other.seconds);
    if (copy.length() > duration) {
      copy.clear(duration, copy.length());
    }
    return new Watched(duration, copy);
  }

  public int duration() {
    return duration;
  }

  public int watchedSeconds() {
    return seconds.cardinality();
  }

  public double share() {
    return (double) watchedSeconds() / duration;
  }

  /** Whether the share watched reaches {@code threshold} (0 to 1). */
  public boolean reaches(double threshold) {
    return share() + 1e-9 >= threshold;
  }

  public byte[] toBytes() {
    return seconds.toByteArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Watched w && w.duration == duration && w.seconds.equals(seconds);
  }

  @Override
  public int hashCode() {
    return 31 * duration + seconds.hashCode();
  }

  @Override
  public String toString() {
    return "Watched[" + watchedSeconds() + "/" + duration + "s " + Arrays.toString(seconds.stream().limit(5).toArray()) + "]";
  }
}
