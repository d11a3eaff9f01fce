package vn.bdtx.domain.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import vn.bdtx.domain.text.VietnameseEncodings.Encoding;

/**
 * Tells which encoding a school's text file is in, honestly: valid UTF-8 is UTF-8;
 * otherwise the text is decoded as Windows-1258, VNI and TCVN3 in turn, and each
 * reading is scored by how much of it is Vietnamese — every word holding a letter
 * beyond ASCII must be a Vietnamese syllable (an onset, a vowel group, a final
 * consonant, at most one tone, on a vowel) and no stray symbol may appear. A reading
 * is a candidate only when nine in ten of those words are syllables; the best
 * candidate wins, and a tie or no candidate means the encoding cannot be told.
 */
public final class EncodingDetection {

  /** The outcome: an encoding and the decoded NFC text, or none. */
  public sealed interface Result {
    record Detected(Encoding encoding, String text) implements Result {
    }

    record Unknown() implements Result {
    }
  }

  /** How a decoded text reads: words that are syllables, words that are not, and stray characters. */
  public record Score(int syllables, int nonSyllables, int strays) {
    boolean plausible() {
      return syllables > 0 && (nonSyllables + strays) * 10 <= syllables;
    }

    int net() {
      return syllables - 3 * (nonSyllables + strays);
    }
  }

  private static final Pattern SYLLABLE = Pattern.compile(
      "(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?"
          + "(oai|oay|oao|oeo|uây|uôi|uya|uyê|uyu|ươi|ươu|yêu|iêu|"
          + "ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê|"
          + "a|ă|â|e|ê|i|o|ô|ơ|u|ư|y)"
          + "(ng|nh|ch|c|m|n|p|t)?");
  private static final Set<Integer> TONES = Set.of(0x300, 0x301, 0x303, 0x309, 0x323);
  private static final String VOWELS = "aăâeêioôơuưy";
  /** Punctuation a Vietnamese list may hold beyond ASCII. */
  private static final String ALLOWED = "\u00A0“”‘’–—…•°«»№";

  private EncodingDetection() {
  }

  public static Result detect(byte[] bytes) {
    if (VietnameseEncodings.isUtf8(bytes)) {
      return new Result.Detected(Encoding.UTF_8, VietnameseEncodings.decode(bytes, Encoding.UTF_8));
    }
    record Reading(Encoding encoding, String text, Score score) {
    }
    var candidates = new ArrayList<Reading>();
    for (Encoding e : List.of(Encoding.WINDOWS_1258, Encoding.VNI, Encoding.TCVN3)) {
      String text = VietnameseEncodings.decode(bytes, e);
      Score s = score(text);
      if (s.plausible()) {
        candidates.add(new Reading(e, text, s));
      }
    }
    candidates.sort(Comparator.comparingInt((Reading r) -> r.score().net()).reversed());
    if (candidates.isEmpty()
        || candidates.size() > 1 && candidates.get(0).score().net() == candidates.get(1).score().net()) {
      return new Result.Unknown();
    }
    return new Result.Detected(candidates.get(0).encoding(), candidates.get(0).text());
  }

  /** Scores a decoded text: words beyond ASCII that are or are not syllables, and stray characters. */
  public static Score score(String text) {
    int syllables = 0;
    int nonSyllables = 0;
    int strays = 0;
    String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
    int i = 0;
    while (i < nfc.length()) {
      int cp = nfc.codePointAt(i);
      if (isWordChar(cp)) {
        int start = i;
        while (i < nfc.length() && isWordChar(nfc.codePointAt(i))) {
          i += Character.charCount(nfc.codePointAt(i));
        }
        String word = nfc.substring(start, i);
        if (word.chars().anyMatch(c -> c > 0x7F) && !isAbbreviation(word)) {
          if (isSyllable(word)) {
            syllables++;
          } else {
            nonSyllables++;
          }
        }
      } else {
        if (cp > 0x7F && ALLOWED.indexOf(cp) < 0) {
          strays++;
        } else if (cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t') {
          strays++;
        }
        i += Character.charCount(cp);
      }
    }
    return new Score(syllables, nonSyllables, strays);
  }

  /** "SĐT", "ĐT": consonants only, no syllable to judge. */
  private static boolean isAbbreviation(String word) {
    return word.toLowerCase(Locale.ROOT).chars().allMatch(c -> "bcdđghklmnpqrstvx".indexOf(c) >= 0);
  }

  private static boolean isWordChar(int cp) {
    return Character.isLetter(cp) || Character.getType(cp) == Character.NON_SPACING_MARK;
  }

  /**
   * One Vietnamese syllable, any case: "Nguyễn", "khuỷu", "ĐƯỜNG". Tone placement:
   * at most one tone, on a vowel; the circumflex only on a, e, o, the breve only on a,
   * the horn only on o and u.
   */
  public static boolean isSyllable(String word) {
    String d = Normalizer.normalize(word.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
    var base = new StringBuilder();
    int tones = 0;
    for (int k = 0; k < d.length(); k++) {
      char c = d.charAt(k);
      char prev = base.isEmpty() ? 0 : base.charAt(base.length() - 1);
      if (c >= 'a' && c <= 'z' || c == 'đ') {
        base.append(c);
      } else if (c == '\u0302' && (prev == 'a' || prev == 'e' || prev == 'o')) {
        base.setCharAt(base.length() - 1, prev == 'a' ? 'â' : prev == 'e' ? 'ê' : 'ô');
      } else if (c == '\u0306' && prev == 'a') {
        base.setCharAt(base.length() - 1, 'ă');
      } else if (c == '\u031B' && (prev == 'o' || prev == 'u')) {
        base.setCharAt(base.length() - 1, prev == 'o' ? 'ơ' : 'ư');
      } else if (TONES.contains((int) c) && prev != 0 && VOWELS.indexOf(prev) >= 0) {
        tones++;
      } else {
        return false;
      }
    }
    return tones <= 1 && SYLLABLE.matcher(base).matches();
  }
}
