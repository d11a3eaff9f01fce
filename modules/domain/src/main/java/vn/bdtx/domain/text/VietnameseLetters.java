package vn.bdtx.domain.text;

import java.text.Normalizer;
import java.util.List;

/**
 * The Vietnamese alphabet as the legacy code tables lay it out: twelve vowels
 * (a â ă e ê o ô ơ u ư i y), each with no tone and the five tones in the order
 * sắc, huyền, hỏi, ngã, nặng, plus đ. The tables of {@link VietnameseEncodings}
 * are written against this grid.
 */
public final class VietnameseLetters {

  /** The vowels in table order, lower case, without tone. */
  public static final List<String> VOWELS = List.of("a", "â", "ă", "e", "ê", "o", "ô", "ơ", "u", "ư", "i", "y");

  /** Combining marks of the five tones: sắc (acute), huyền (grave), hỏi (hook), ngã (tilde), nặng (dot below). */
  public static final List<Character> TONES = List.of('\u0301', '\u0300', '\u0309', '\u0303', '\u0323');

  private VietnameseLetters() {
  }

  /** The precomposed letter for a vowel and a tone (0 = none, 1..5 as in {@link #TONES}), lower case. */
  public static String letter(String vowel, int tone) {
    return tone == 0 ? vowel : Normalizer.normalize(vowel + TONES.get(tone - 1), Normalizer.Form.NFC);
  }

  /** Every Vietnamese letter with a diacritic, lower and upper case (134 of them). */
  public static List<String> allMarkedLetters() {
    var all = new java.util.ArrayList<String>();
    for (String v : VOWELS) {
      for (int t = 0; t <= 5; t++) {
        String l = letter(v, t);
        if (!l.equals(v) || l.charAt(0) > 0x7F) {
          all.add(l);
          all.add(l.toUpperCase(java.util.Locale.ROOT));
        }
      }
    }
    all.add("đ");
    all.add("Đ");
    return List.copyOf(all);
  }
}
