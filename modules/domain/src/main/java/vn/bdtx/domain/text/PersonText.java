package vn.bdtx.domain.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What people type about themselves, normalised so that the same person is one
 * record: names in Unicode NFC with single spaces ("Nguyễn" typed with combining
 * marks or precomposed is one name), e-mail addresses in lower case, Vietnamese
 * mobile numbers as 0 + 9 digits.
 */
public final class PersonText {

  /** Letters (any script, with their marks), spaces, and the . ' - that some names carry. */
  private static final Pattern NAME = Pattern.compile("\\p{L}[\\p{L}\\p{M} .'\\-]*");
  private static final Pattern EMAIL = Pattern.compile("[a-z0-9._%+\\-]+@[a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?)+");
  private static final Pattern MOBILE = Pattern.compile("0[35789]\\d{8}");
  private static final Pattern LANDLINE = Pattern.compile("02\\d{9}");

  private PersonText() {
  }

  /** The name in NFC with spaces collapsed, or empty when it is not a person's name. */
  public static Optional<String> name(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String stripped = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
    // A line break, tab, zero-width or direction mark inside a name is never meant: refuse it.
    if (stripped.codePoints().anyMatch(cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT)) {
      return Optional.empty();
    }
    String nfc = stripped.replaceAll(" +", " ");
    return NAME.matcher(nfc).matches() ? Optional.of(nfc) : Optional.empty();
  }

  /** The address in lower case, or empty when it is not an address. */
  public static Optional<String> email(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String e = Normalizer.normalize(raw, Normalizer.Form.NFC).strip().toLowerCase(Locale.ROOT);
    return e.length() <= 254 && EMAIL.matcher(e).matches() ? Optional.of(e) : Optional.empty();
  }

  /**
   * "0912 345 678", "+84 912.345.678", "84912345678" and "912345678" (a spreadsheet that
   * dropped the leading zero) all become "0912345678"; empty when not a Vietnamese number.
   */
  public static Optional<String> phone(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String digits = raw.replaceAll("[\\s.\\-()]", "");
    if (digits.startsWith("+84")) {
      digits = "0" + digits.substring(3);
    } else if (digits.startsWith("84") && digits.length() == 11) {
      digits = "0" + digits.substring(2);
    } else if (digits.length() == 9 && !digits.startsWith("0")) {
      digits = "0" + digits;
    }
    return MOBILE.matcher(digits).matches() || LANDLINE.matcher(digits).matches()
        ? Optional.of(digits) : Optional.empty();
  }

  /**
   * A reason someone gives (for a correction, an exemption): NFC, trimmed, 5 to 500
   * characters, line breaks allowed, no other control or invisible characters.
   */
  public static Optional<String> reason(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String r = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
    boolean clean = r.codePoints().noneMatch(cp -> Character.getType(cp) == Character.FORMAT
        || (Character.isISOControl(cp) && cp != '\n' && cp != '\r'));
    return r.length() >= 5 && r.length() <= 500 && clean ? Optional.of(r) : Optional.empty();
  }
}
