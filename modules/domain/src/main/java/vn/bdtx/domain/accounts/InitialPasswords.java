package vn.bdtx.domain.accounts;

import java.util.random.RandomGenerator;

/**
 * Random one-time passwords (ASVS 6.4.1: random, never a shared default like
 * "Demo@123"). The alphabet leaves out characters that are easy to misread on a
 * printed sheet (0/O, 1/l/I), because teachers type them from paper.
 */
public final class InitialPasswords {

  static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private InitialPasswords() {
  }

  /** A password of {@code length} characters drawn from {@code random}, which should be a SecureRandom. */
  public static String generate(RandomGenerator random, int length) {
    if (length < 12) {
      throw new IllegalArgumentException("an initial password needs at least 12 characters, not " + length);
    }
    var sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
