package vn.bdtx.domain.reporting;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Final grades on the 10-point scale (Circular 19/2019, seed 003) in ten bins of
 * one point: [0, 1), [1, 2) … [8, 9), and [9, 10] (a 10 falls in the last bin).
 * The pass mark falls on a bin's edge, so bins 0–4 are fails, 5–9 passes.
 */
public record ScoreDistribution(List<Bin> bins) {

  public static final int BINS = 10;

  /** One bin: grades from {@code from} (inclusive) to {@code to} (exclusive, but inclusive for the last). */
  public record Bin(int from, int to, long count) {
    public boolean passing(BigDecimal passMark) {
      return BigDecimal.valueOf(from).compareTo(passMark) >= 0;
    }
  }

  public ScoreDistribution {
    bins = List.copyOf(bins);
  }

  /** The bin a grade falls in: its whole part, 10 counted in bin 9. */
  public static int binOf(BigDecimal grade) {
    if (grade.signum() < 0 || grade.compareTo(BigDecimal.TEN) > 0) {
      throw new IllegalArgumentException("grade off the 10-point scale: " + grade);
    }
    return Math.min(BINS - 1, grade.intValue());
  }

  /** From each distinct grade and how many have it (grades off the scale are refused). */
  public static ScoreDistribution of(Map<BigDecimal, Long> countsByGrade) {
    long[] counts = new long[BINS];
    countsByGrade.forEach((g, n) -> counts[binOf(g)] += n);
    var bins = new ArrayList<Bin>(BINS);
    for (int i = 0; i < BINS; i++) {
      bins.add(new Bin(i, i + 1, counts[i]));
    }
    return new ScoreDistribution(bins);
  }

  public long total() {
    return bins.stream().mapToLong(Bin::count).sum();
  }

  /** The largest bin's count (the picture's scale), at least 1. */
  public long max() {
    return Math.max(1, bins.stream().mapToLong(Bin::count).max().orElse(0));
  }
}
