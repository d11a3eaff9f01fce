package vn.bdtx.domain.assessment;

import java.util.List;
import java.util.Optional;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.domain.text.Folding;

/**
 * The final survey's arithmetic. An agreement item offers the five levels from
 * "Rất đồng ý" to "Rất không đồng ý" (in that order or the reverse); choosing
 * "Rất đồng ý" or "Đồng ý" is a positive answer. Other items (which device do
 * you use …) are answered but count neither way. The reports show positive
 * answers ÷ agreement answers per cohort, school and district (target > 75%,
 * seed 000).
 */
public final class Survey {

  public static final double TARGET = 0.75;

  private static final List<String> LEVELS = List.of("ratdongy", "dongy", "phanvan", "khongdongy", "ratkhongdongy");
  private static final List<String> LEVELS_REVERSED = List.of("ratkhongdongy", "khongdongy", "phanvan", "dongy", "ratdongy");

  private Survey() {
  }

  public static boolean isAgreement(Question q) {
    if (q.choices().size() != 5) {
      return false;
    }
    var texts = q.choices().stream().map(c -> fold(c.text())).toList();
    return texts.equals(LEVELS) || texts.equals(LEVELS_REVERSED);
  }

  /** Whether choosing {@code choice} is positive; empty for items that do not count. */
  public static Optional<Boolean> positive(Question q, int choice) {
    if (!isAgreement(q) || choice < 0 || choice >= 5) {
      return Optional.empty();
    }
    String text = fold(q.choices().get(choice).text());
    return Optional.of(text.equals("ratdongy") || text.equals("dongy"));
  }

  private static String fold(String s) {
    return Folding.key(s);
  }
}
