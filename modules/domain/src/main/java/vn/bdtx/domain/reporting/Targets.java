package vn.bdtx.domain.reporting;

import java.math.BigDecimal;

/**
 * The targets reports are read against (seed 000, seed 001 §1): more than 98% of
 * participants complete the module, more than 75% of the survey's answers are
 * positive. A rate equal to the target counts as reaching it.
 */
public record Targets(BigDecimal completion, BigDecimal positivity) {

  public static final Targets DEFAULT = new Targets(new BigDecimal("0.98"), new BigDecimal("0.75"));

  /** The completion target in percent (98). */
  public int completionPercent() {
    return completion.movePointRight(2).intValue();
  }

  /** The positivity target in percent (75). */
  public int positivityPercent() {
    return positivity.movePointRight(2).intValue();
  }
}
