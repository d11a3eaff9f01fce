package vn.bdtx.domain.completion;

import java.text.Normalizer;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A certificate number, as issued and as people type it from the paper.
 *
 * <p>Issued: the module, the year, a serial and a check code that nobody can guess, so that the public
 * page /verify/{number} cannot be walked to list who holds a certificate (issue 18 item 9):
 * GV02-2026-000123-7K3M-9QXA-2HFD-R8WZ. The check code is 80 random bits in Crockford's base 32 (digits
 * and capital letters without I, L, O and U, which are read as 1, 1, 0 and V), in four groups of four
 * to be read aloud and typed from the paper: at a thousand guesses a second, finding one certificate of a
 * million would take about 38 million years. Numbers issued before (GV02-2026-000123-4F0A: four hex digits,
 * 16 bits) stay as they were printed, and valid.
 *
 * <p>Typed: in lower case, with spaces around or inside it, with a dash a keyboard or word processor turned
 * into "–", in full-width characters from a phone's keyboard, with O for 0 or I and L for 1 in the check
 * code, or with the check code's groups run together: the typed text is brought to the issued form before
 * it is looked up.
 */
public final class CertificateNumber {

  /** Longer input is no number; it is cut before it is shown back. */
  public static final int MAX_LENGTH = 64;

  /** Crockford's base 32: 5 bits a character, none that reads as another. */
  static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  static final int GROUPS = 4;
  static final int GROUP_LENGTH = 4;
  /** Random bits in a check code: 4 groups × 4 characters × 5 bits. */
  public static final int CHECK_BITS = GROUPS * GROUP_LENGTH * 5;

  /** The serial part and after: a new number's check code, with or without the hyphens between its groups. */
  private static final Pattern NEW_FORM = Pattern.compile("^([A-Z0-9]+-\\d{4}-\\d{6,})-((?:[0-9A-Z]-?){16})$");
  private static final Pattern CHECK_CODE = Pattern.compile("^[" + ALPHABET + "]{4}(-[" + ALPHABET + "]{4}){3}$");

  private CertificateNumber() {
  }

  /** A new check code: 80 bits from {@code random} (a SecureRandom), as "7K3M-9QXA-2HFD-R8WZ". */
  public static String checkCode(RandomGenerator random) {
    var sb = new StringBuilder(GROUPS * (GROUP_LENGTH + 1));
    for (int g = 0; g < GROUPS; g++) {
      if (g > 0) {
        sb.append('-');
      }
      for (int i = 0; i < GROUP_LENGTH; i++) {
        sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
    }
    return sb.toString();
  }

  /** Whether this is a check code as {@link #checkCode} makes them. */
  public static boolean isCheckCode(String code) {
    return code != null && CHECK_CODE.matcher(code).matches();
  }

  /**
   * The number in its issued form: NFKC, no spaces, every dash a hyphen, capital letters, at most
   * {@value #MAX_LENGTH} characters; in a new number's check code, O is 0, I and L are 1, U is V, and
   * the groups are separated by hyphens. An old number is left as it was issued.
   */
  public static String normalise(String typed) {
    if (typed == null) {
      return "";
    }
    String s = Normalizer.normalize(typed, Normalizer.Form.NFKC)
        .replaceAll("[\\s\\u00A0\\u200B\\uFEFF]+", "")
        .replaceAll("[\\u2010-\\u2015\\u2212\\uFE58\\uFE63\\uFF0D_]", "-")
        .toUpperCase(Locale.ROOT);
    s = s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) : s;
    Matcher m = NEW_FORM.matcher(s);
    if (!m.matches()) {
      return s;
    }
    String code = m.group(2).replace("-", "").replace('O', '0').replace('I', '1').replace('L', '1').replace('U', 'V');
    var sb = new StringBuilder(m.group(1));
    for (int g = 0; g < GROUPS; g++) {
      sb.append('-').append(code, g * GROUP_LENGTH, (g + 1) * GROUP_LENGTH);
    }
    return sb.toString();
  }
}
