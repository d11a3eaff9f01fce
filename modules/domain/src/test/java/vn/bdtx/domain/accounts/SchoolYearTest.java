package vn.bdtx.domain.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchoolYearTest {

  @Test
  void theYearTurnsOnTheFirstOfSeptember() {
    assertThat(SchoolYear.of(LocalDate.of(2026, 8, 31))).hasToString("2025-2026");
    assertThat(SchoolYear.of(LocalDate.of(2026, 9, 1))).hasToString("2026-2027");
  }

  @Test
  void readsTheWaysPlansWriteIt() {
    assertThat(SchoolYear.parse("2023-2024")).contains(new SchoolYear(2023));
    assertThat(SchoolYear.parse(" 2023 – 2024 ")).contains(new SchoolYear(2023));
    assertThat(SchoolYear.parse("2023/2024")).contains(new SchoolYear(2023));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2023-2025", "2024-2023", "23-24", "năm nay", "", "1999-2000"})
  void refusesWhatIsNotOneSchoolYear(String text) {
    assertThat(SchoolYear.parse(text)).isEmpty();
  }
}
