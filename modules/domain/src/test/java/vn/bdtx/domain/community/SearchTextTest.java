package vn.bdtx.domain.community;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTextTest {

  @Test void dropsDiacriticsCaseAndPunctuation() {
    assertThat(SearchText.normalise("Đánh giá, THƯỜNG xuyên!")).isEqualTo("danh gia thuong xuyen");
    assertThat(SearchText.normalise("  Đường   đi ")).isEqualTo("duong di");
  }

  @Test void aQueryWithoutDiacriticsFindsTheVietnameseText() {
    assertThat(SearchText.matches("Cách đánh giá học sinh theo Thông tư 22?", "danh gia")).isTrue();
    assertThat(SearchText.matches("Cách đánh giá học sinh", "ĐÁNH GIÁ hoc")).isTrue();
  }

  @Test void everyWordMustOccurAtTheStartOfAWord() {
    assertThat(SearchText.matches("đăng nhập tài khoản", "dang nhap mat khau")).isFalse();
    assertThat(SearchText.matches("đăng nhập", "ang")).isFalse();
    assertThat(SearchText.matches("đăng nhập", "nha")).isTrue();
  }

  @Test void anEmptyQueryMatchesEverything() {
    assertThat(SearchText.words("  ,, ")).isEmpty();
    assertThat(SearchText.matches("bất kỳ", "")).isTrue();
  }
}
