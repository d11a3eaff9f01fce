package vn.bdtx.domain.accounts;

import java.util.Optional;
import vn.bdtx.domain.text.Folding;

/** Cấp học: tiểu học, trung học cơ sở, trung học phổ thông. */
public enum Level {
  PRIMARY("th", "tieuhoc", "primary"),
  LOWER_SECONDARY("thcs", "trunghoccoso", "lowersecondary"),
  UPPER_SECONDARY("thpt", "trunghocphothong", "uppersecondary");

  private final String[] names;

  Level(String... names) {
    this.names = names;
  }

  /** "TH", "Tiểu học", "PRIMARY" and the like, whatever the case and diacritics. */
  public static Optional<Level> parse(String text) {
    String folded = Folding.key(text);
    for (Level level : values()) {
      for (String n : level.names) {
        if (n.equals(folded)) {
          return Optional.of(level);
        }
      }
      if (level.name().toLowerCase().replace("_", "").equals(folded)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }
}
