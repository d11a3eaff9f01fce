package vn.bdtx.domain.text;

import java.text.Normalizer;
import java.util.Locale;

/** Lookup keys: lower case, Vietnamese diacritics removed (đ → d), spaces and punctuation dropped. */
public final class Folding {

  private Folding() {
  }

  /** "Họ và tên" → "hovaten"; "Trung học cơ sở" → "trunghoccoso". */
  public static String key(String s) {
    if (s == null) {
      return "";
    }
    String decomposed = Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
    var sb = new StringBuilder(decomposed.length());
    decomposed.codePoints().forEach(cp -> {
      if (cp == 'đ') {
        sb.append('d');
      } else if (Character.isLetterOrDigit(cp) && Character.getType(cp) != Character.NON_SPACING_MARK) {
        sb.appendCodePoint(cp);
      }
    });
    return sb.toString();
  }
}
