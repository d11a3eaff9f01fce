package vn.bdtx.domain.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InitialPasswordsTest {

  @Test
  void usesOnlyCharactersThatCannotBeMisreadOnPaper() {
    String p = InitialPasswords.generate(new Random(42), 1000);
    assertThat(p).doesNotContain("0", "O", "1", "l", "I");
    assertThat(p.chars().allMatch(c -> InitialPasswords.ALPHABET.indexOf(c) >= 0)).isTrue();
  }

  @Test
  void neverRepeatsAcrossSixThousandAccounts() {
    var random = new SecureRandom();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 6000; i++) {
      seen.add(InitialPasswords.generate(random, 12));
    }
    assertThat(seen).hasSize(6000);
  }

  @Test
  void passesThePasswordPolicyItself() {
    var policy = PasswordPolicy.standard(Set.of("123456789"));
    String p = InitialPasswords.generate(new SecureRandom(), 16);
    assertThat(policy.check(p, List.of("admin"))).isEmpty();
  }

  @Test
  void refusesLengthsTooShortToBeSafe() {
    assertThatThrownBy(() -> InitialPasswords.generate(new SecureRandom(), 8))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
