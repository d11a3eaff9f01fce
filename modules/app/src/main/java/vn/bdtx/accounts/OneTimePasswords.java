package vn.bdtx.accounts;

import java.security.SecureRandom;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;
import vn.bdtx.domain.accounts.InitialPasswords;

/**
 * One-time passwords for credential sheets and admin resets. They are random
 * (12 characters, ≈70 bits), expire and must be changed at first login, so BCrypt
 * at cost 4 (about 1 ms) is enough and a school's sheet is issued in a second;
 * the passwords people choose are hashed at the full cost.
 */
@Component
class OneTimePasswords {

  static final int LENGTH = 12;
  private static final BCryptPasswordEncoder ENCODER = new BCryptPasswordEncoder(4);
  private final SecureRandom random = new SecureRandom();

  record Issued(String password, String hash) {
  }

  /** Blocks for about a millisecond: call it off the event loop. */
  Issued issue() {
    String password = InitialPasswords.generate(random, LENGTH);
    return new Issued(password, "{bcrypt}" + ENCODER.encode(password));
  }
}
