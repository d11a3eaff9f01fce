package vn.bdtx.domain.completion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CertificateNumberTest {

  @Test
  void aNumberTypedInLowerCaseWithSpacesAroundItIsTheIssuedNumber() {
    assertThat(CertificateNumber.normalise("  gv02-2026-000123-4f0a \n")).isEqualTo("GV02-2026-000123-4F0A");
  }

  @Test
  void spacesInsideAndDashesAWordProcessorMadeAreTheIssuedHyphens() {
    assertThat(CertificateNumber.normalise("GV02 – 2026 – 000123 – 4F0A")).isEqualTo("GV02-2026-000123-4F0A");
    assertThat(CertificateNumber.normalise("gv02—2026—000123—4f0a")).isEqualTo("GV02-2026-000123-4F0A");
  }

  @Test
  void fullWidthCharactersFromAPhoneKeyboardAreReadAsTheirPlainForm() {
    assertThat(CertificateNumber.normalise("ｇｖ０２－２０２６－０００１２３－４ｆ０ａ")).isEqualTo("GV02-2026-000123-4F0A");
  }

  @Test
  void anIssuedNumberIsUnchangedAndNothingIsEmpty() {
    assertThat(CertificateNumber.normalise("CBQL02-2026-000001-00AB")).isEqualTo("CBQL02-2026-000001-00AB");
    assertThat(CertificateNumber.normalise(null)).isEmpty();
    assertThat(CertificateNumber.normalise("x".repeat(100))).hasSize(CertificateNumber.MAX_LENGTH);
  }

  @Test
  void aNewCheckCodeIsSixteenCharactersOfCrockfordBase32InFourGroupsSoEightyBitsAreGuessed() {
    var random = new java.security.SecureRandom();
    var seen = new java.util.HashSet<String>();
    for (int i = 0; i < 2000; i++) {
      String code = CertificateNumber.checkCode(random);
      assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
      assertThat(CertificateNumber.isCheckCode(code)).isTrue();
      seen.add(code);
    }
    assertThat(seen).hasSize(2000);
    assertThat(CertificateNumber.CHECK_BITS).isGreaterThanOrEqualTo(64);
    // Every character of the alphabet turns up, so each carries its 5 bits.
    assertThat(String.join("", seen).chars().distinct().count()).isEqualTo(33); // 32 letters and digits, and "-"
  }

  @Test
  void theLongestModuleCodeWithANewCheckCodeFitsTheColumn() {
    String longest = "ABCDEFGHIJ-2026-1234567-" + CertificateNumber.checkCode(new java.util.Random(1));
    assertThat(longest.length()).isLessThanOrEqualTo(CertificateNumber.MAX_LENGTH);
    assertThat(CertificateNumber.normalise(longest)).isEqualTo(longest);
  }

  @Test
  void aNewNumberTypedWithLettersForDigitsOrItsGroupsRunTogetherIsTheIssuedNumber() {
    String issued = "GV02-2026-000123-7K30-9QXA-2HFD-R81Z";
    assertThat(CertificateNumber.normalise(" gv02-2026-000123-7k3o-9qxa-2hfd-r8iz ")).isEqualTo(issued);
    assertThat(CertificateNumber.normalise("GV02-2026-000123-7K309QXA2HFDR8LZ")).isEqualTo(issued);
    assertThat(CertificateNumber.normalise("GV02 – 2026 – 000123 – 7K30 9QXA 2HFD R81Z")).isEqualTo(issued);
  }

  @Test
  void anOldNumberKeepsItsLettersEvenThoseANewCheckCodeReadsAsDigits() {
    // Old numbers end in four hex digits; the module code may hold L or O: nothing of them is changed.
    assertThat(CertificateNumber.normalise("cbql02-2026-000001-00ab")).isEqualTo("CBQL02-2026-000001-00AB");
    assertThat(CertificateNumber.normalise("GV02-2025-000042-D0E1")).isEqualTo("GV02-2025-000042-D0E1");
    assertThat(CertificateNumber.isCheckCode("4F0A")).isFalse();
  }
}
