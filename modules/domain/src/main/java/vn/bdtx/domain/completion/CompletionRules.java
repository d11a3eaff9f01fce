package vn.bdtx.domain.completion;

import java.math.BigDecimal;

/**
 * The numbers the regulation sets (Circular 19/2019 as amended by 17/2022,
 * seed 003): the pass mark on the 10-point scale, and the modules and periods a
 * school year requires. A value, not constants: a cohort keeps the rules it
 * started under.
 */
public record CompletionRules(BigDecimal passMark, int modulesPerYear, int periodsPerYear) {

  public static final CompletionRules DEFAULT = new CompletionRules(new BigDecimal("5.0"), 3, 120);

  public boolean passes(BigDecimal score) {
    return score != null && score.compareTo(passMark) >= 0;
  }
}
