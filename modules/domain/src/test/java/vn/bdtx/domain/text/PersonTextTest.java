package vn.bdtx.domain.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonTextTest {

  @ParameterizedTest
  @CsvSource({"0912 345 678,0912345678", "+84 912.345.678,0912345678", "84912345678,0912345678",
      "912345678,0912345678", "028 3822 1234,02838221234"})
  void vietnameseNumbersAreWrittenOneWay(String raw, String normalised) {
    assertThat(PersonText.phone(raw)).contains(normalised);
  }

  @ParameterizedTest
  @ValueSource(strings = {"12345", "0112345678", "abc", "+1 202 555 0100"})
  void otherNumbersAreRefused(String raw) {
    assertThat(PersonText.phone(raw)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Nguyễn  Thị   Hoa ", "Nguye\u0302\u0303n Thi\u0323 Hoa"})
  void namesAreStoredInNfcWithSingleSpaces(String raw) {
    assertThat(PersonText.name(raw)).contains("Nguyễn Thị Hoa");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Hoa\u200B", "A\nB", "=cmd", "@SUM(A1)", "Hoa<b>"})
  void controlCharactersFormulasAndMarkupAreNotNames(String raw) {
    assertThat(PersonText.name(raw)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aReasonIsFiveToFiveHundredCharactersAndMayHaveLineBreaks() {
    assertThat(PersonText.reason("  Nghỉ hưu\ntừ tháng 3  ")).contains("Nghỉ hưu\ntừ tháng 3");
    assertThat(PersonText.reason("Ốm")).isEmpty();
    assertThat(PersonText.reason("x".repeat(501))).isEmpty();
    assertThat(PersonText.reason("Lý do\u202Egiả")).isEmpty();
  }
}
