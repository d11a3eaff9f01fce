package vn.bdtx.domain.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

  private final PasswordPolicy policy = PasswordPolicy.standard(Set.of("123456789", "password", "Demo@123", "qwertyuiop"));

  @Test
  void acceptsALongPassPhraseOfPlainWordsWithNoSymbols() {
    assertThat(policy.check("ca phe sua da buoi sang", List.of("nguyenvana"))).isEmpty();
  }

  @Test
  void acceptsSixtyFourCharacters() {
    assertThat(policy.check("x".repeat(40) + "y".repeat(24), List.of())).isEmpty();
  }

  @Test
  void refusesSevenCharacters() {
    assertThat(policy.check("Ab3$xyz", List.of())).containsExactly(PasswordRejection.TOO_SHORT);
  }

  @Test
  void countsVietnameseLettersAsOneCharacterEach() {
    // "Đường xưa" is 9 code points whatever the normal form.
    assertThat(policy.check("Đường xưa", List.of())).isEmpty();
  }

  @Test
  void refusesMoreThanTheMaximum() {
    assertThat(policy.check("a".repeat(129), List.of())).containsExactly(PasswordRejection.TOO_LONG);
  }

  @Test
  void refusesAnEmptyPassword() {
    assertThat(policy.check("", List.of())).containsExactly(PasswordRejection.TOO_SHORT);
    assertThat(policy.check(null, List.of())).containsExactly(PasswordRejection.TOO_SHORT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Demo@123", "demo@123", "PASSWORD", "password123!", "!!password", "123456789"})
  void refusesCommonPasswordsWhateverTheCaseOrDecoration(String candidate) {
    assertThat(policy.check(candidate, List.of())).contains(PasswordRejection.TOO_COMMON);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Matkhau2024", "mật khẩu của tôi", "GiaoVien@2025", "bdtx-hoc-tap-2025"})
  void refusesContextWordsWrittenWithOrWithoutDiacritics(String candidate) {
    assertThat(policy.check(candidate, List.of())).contains(PasswordRejection.CONTAINS_CONTEXT_WORD);
  }

  @Test
  void refusesThePersonsOwnLoginName() {
    assertThat(policy.check("thanhhuong1985", List.of("thanhhuong", "Nguyễn Thanh Hương")))
        .containsExactly(PasswordRejection.CONTAINS_CONTEXT_WORD);
  }

  @Test
  void namesTheWordItRefusedSoTheFormCanSayWhichOne() {
    assertThat(policy.contextWord("Mật khẩu của tôi 2026", List.of("gv.an"))).contains("matkhau");
    assertThat(policy.contextWord("thanhhuong1985", List.of("thanhhuong", "Nguyễn Thanh Hương"))).contains("thanhhuong");
    assertThat(policy.contextWord("nguyen thanh huong 85", List.of("gv01", "Nguyễn Thanh Hương")))
        .contains("Nguyễn Thanh Hương");
    assertThat(policy.contextWord("sông Hồng chảy qua", List.of("gv01", "Nguyễn Thanh Hương"))).isEmpty();
  }

  @Test
  void ignoresPersonalWordsTooShortToMatter() {
    assertThat(policy.check("an toàn trên mạng", List.of("an"))).isEmpty();
  }

  @Test
  void cannotBeConfiguredToRefuseSixtyFourCharacters() {
    assertThatThrownBy(() -> new PasswordPolicy(8, 32, Set.of(), Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
