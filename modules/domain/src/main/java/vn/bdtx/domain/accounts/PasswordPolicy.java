package vn.bdtx.domain.accounts;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The password rules of RELIABILITY.md §B: a length range and no composition rules,
 * refusing the passwords attackers try first and words anyone could guess from
 * the context (the product, the job, the person). Teachers type on phones, so a
 * long pass-phrase of plain words is welcome; "Demo@123" is not.
 *
 * @param minLength        shortest accepted length, in code points
 * @param maxLength        longest accepted length, in code points (at least 64)
 * @param commonPasswords  the well-known passwords, compared after {@link #fold}
 * @param contextWords     words that must not appear in any password, folded
 */
public record PasswordPolicy(int minLength, int maxLength, Set<String> commonPasswords, Set<String> contextWords) {

  /** Words every Vietnamese school user might reach for first. */
  public static final Set<String> DEFAULT_CONTEXT_WORDS = Set.of(
      "matkhau", "password", "giaovien", "giaoduc", "boiduong", "bdtx", "hocvien", "truonghoc", "quantri", "admin");

  public PasswordPolicy {
    if (minLength < 1 || maxLength < 64 || minLength > maxLength) {
      throw new IllegalArgumentException("length range must allow 64 characters: " + minLength + ".." + maxLength);
    }
    commonPasswords = commonPasswords.stream().map(PasswordPolicy::fold).collect(Collectors.toUnmodifiableSet());
    contextWords = contextWords.stream().map(PasswordPolicy::fold).filter(w -> w.length() >= 4)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The policy with the ASVS defaults: 8 to 128 characters. */
  public static PasswordPolicy standard(Set<String> commonPasswords) {
    return new PasswordPolicy(8, 128, commonPasswords, DEFAULT_CONTEXT_WORDS);
  }

  /**
   * Every reason to refuse {@code candidate}, empty when it is acceptable.
   *
   * @param personalWords the user's own words (login name, e-mail name, parts of the full name)
   */
  public List<PasswordRejection> check(String candidate, Collection<String> personalWords) {
    var rejections = new ArrayList<PasswordRejection>();
    int length = candidate == null ? 0 : candidate.codePointCount(0, candidate.length());
    if (length < minLength) {
      rejections.add(PasswordRejection.TOO_SHORT);
    }
    if (length > maxLength) {
      rejections.add(PasswordRejection.TOO_LONG);
    }
    if (length == 0) {
      return List.copyOf(rejections);
    }
    String folded = fold(candidate);
    if (commonPasswords.contains(folded) || commonPasswords.contains(stripDecorations(folded))) {
      rejections.add(PasswordRejection.TOO_COMMON);
    }
    if (contextWord(candidate, personalWords).isPresent()) {
      rejections.add(PasswordRejection.CONTAINS_CONTEXT_WORD);
    }
    return List.copyOf(rejections);
  }

  /**
   * The word that makes {@code candidate} refused as {@link PasswordRejection#CONTAINS_CONTEXT_WORD},
   * so the form can name it: the user's own word as they know it (login name or full
   * name, with its diacritics), else the longest listed word found ("matkhau"). Empty
   * when none is in it.
   */
  public java.util.Optional<String> contextWord(String candidate, Collection<String> personalWords) {
    if (candidate == null || candidate.isEmpty()) {
      return java.util.Optional.empty();
    }
    String folded = fold(candidate);
    var personal = personalWords.stream().filter(java.util.Objects::nonNull)
        .filter(w -> fold(w).length() >= 4 && folded.contains(fold(w))).findFirst();
    if (personal.isPresent()) {
      return personal.map(String::strip);
    }
    return contextWords.stream().filter(folded::contains)
        .max(java.util.Comparator.comparingInt(String::length).thenComparing(java.util.Comparator.reverseOrder()));
  }

  /**
   * Lower case, Vietnamese diacritics removed (đ becomes d), spaces dropped, so that
   * "Mật Khẩu" and "matkhau" are the same word.
   */
  static String fold(String s) {
    String decomposed = Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
    var sb = new StringBuilder(decomposed.length());
    decomposed.codePoints().forEach(cp -> {
      if (Character.getType(cp) == Character.NON_SPACING_MARK || Character.isWhitespace(cp)) {
        return;
      }
      sb.appendCodePoint(cp == 'đ' ? 'd' : cp);
    });
    return sb.toString();
  }

  /** "password123!" and "!password" are as weak as "password". */
  private static String stripDecorations(String folded) {
    return folded.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
  }
}
