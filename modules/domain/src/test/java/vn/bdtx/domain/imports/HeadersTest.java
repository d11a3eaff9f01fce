package vn.bdtx.domain.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadersTest {

  enum Col { NAME, SUBJECT }

  static List<String> names(Col c) {
    return c == Col.NAME ? List.of("ho_va_ten", "ho ten") : List.of("mon_chinh", "mon day chinh");
  }

  @Test
  void headersMatchWithoutCaseDiacriticsSpacingOrMarksAndTheRestIsNamedAsIgnored() {
    var m = Headers.match(List.of("STT", "HỌ VÀ  TÊN (*)", "Giới tính", "", "Môn dạy chính"), Col.class, HeadersTest::names);
    assertThat(m.index()).isEqualTo(Map.of(Col.NAME, 1, Col.SUBJECT, 4));
    assertThat(m.ignored()).containsExactly(new Headers.Ignored("A", "STT"), new Headers.Ignored("C", "Giới tính"));
    assertThat(m.duplicates()).isEmpty();
  }

  @Test
  void aColumnNamedTwiceIsADuplicate() {
    var m = Headers.match(List.of("Họ tên", "Họ và tên"), Col.class, HeadersTest::names);
    assertThat(m.duplicates()).containsExactly(new Headers.Duplicate<>(Col.NAME, "Họ và tên", "B", "A"));
  }

  @Test
  void columnLetters() {
    assertThat(List.of(Headers.letter(0), Headers.letter(25), Headers.letter(26), Headers.letter(701)))
        .containsExactly("A", "Z", "AA", "ZZ");
  }
}
