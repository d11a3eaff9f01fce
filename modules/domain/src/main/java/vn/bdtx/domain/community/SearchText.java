package vn.bdtx.domain.community;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Vietnamese text as searched: lower case, diacritics removed (đ → d), words split on anything that is
 * not a letter or digit, so "danh gia" finds "Đánh giá" and "ĐÁNH GIÁ".
 */
public final class SearchText {

  private SearchText() {
  }

  /** "Đánh giá, thường xuyên!" → "danh gia thuong xuyen". */
  public static String normalise(String s) {
    if (s == null) {
      return "";
    }
    String decomposed = Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
    var sb = new StringBuilder(decomposed.length());
    decomposed.codePoints().forEach(cp -> {
      if (cp == 'đ') {
        sb.append('d');
      } else if (Character.getType(cp) == Character.NON_SPACING_MARK) {
        // dropped: the diacritic of the letter before
      } else if (Character.isLetterOrDigit(cp)) {
        sb.appendCodePoint(cp);
      } else {
        sb.append(' ');
      }
    });
    return sb.toString().trim().replaceAll("\\s+", " ");
  }

  /** The words of a query, normalised; at most 10. */
  public static List<String> words(String query) {
    String n = normalise(query);
    return n.isEmpty() ? List.of() : Arrays.stream(n.split(" ")).distinct().limit(10).toList();
  }

  /** Whether every word of the query occurs in the text (as the start of one of its words). */
  public static boolean matches(String text, String query) {
    String padded = " " + normalise(text);
    return words(query).stream().allMatch(w -> padded.contains(" " + w));
  }
}
