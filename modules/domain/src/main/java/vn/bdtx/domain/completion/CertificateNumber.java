package vn.bdtx.domain.completion;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A certificate number as people type it from the paper: in lower case, with
 * spaces around or inside it, with a dash their keyboard or word processor
 * turned into "–", or in full-width characters from a phone's keyboard. Numbers
 * are issued as capital letters, digits and hyphens (GV02-2026-000123-4F0A), so
 * the typed text is brought to that form before it is looked up.
 */
public final class CertificateNumber {

  /** Longer input is no number; it is cut before it is shown back. */
  public static final int MAX_LENGTH = 40;

  private CertificateNumber() {
  }

  /** The number in its issued form: NFKC, no spaces, every dash a hyphen, capital letters, at most 40 characters. */
  public static String normalise(String typed) {
    if (typed == null) {
      return "";
    }
    String s = Normalizer.normalize(typed, Normalizer.Form.NFKC)
        .replaceAll("[\\s\\u00A0\\u200B\\uFEFF]+", "")
        .replaceAll("[\\u2010-\\u2015\\u2212\\uFE58\\uFE63\\uFF0D_]", "-")
        .toUpperCase(Locale.ROOT);
    return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) : s;
  }
}
