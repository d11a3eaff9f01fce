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
    assertThat(CertificateNumber.normalise("x".repeat(100))).hasSize(40);
  }
}
