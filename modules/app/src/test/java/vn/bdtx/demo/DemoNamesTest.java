package vn.bdtx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The demo province's 80 learners have names a Vietnamese reader takes for one person: no "Thị" + "Hùng". */
class DemoNamesTest {

  /** Given names read as a man's or a woman's, listed here apart from the generator's own lists. */
  static final List<String> MEN = List.of("An", "Bình", "Dũng", "Hùng", "Khánh", "Nam", "Quân", "Sơn", "Tuấn", "Thắng", "Hải");
  static final List<String> WOMEN = List.of("Chi", "Hà", "Hạnh", "Lan", "Linh", "Mai", "Nga", "Phương", "Thảo", "Trang", "Vân",
      "Yến");

  static final List<String> NAMES = IntStream.rangeClosed(1, 80).mapToObj(DemoNames::of).toList();

  @Test
  void aWomansMiddleNameGoesWithAWomansGivenNameAndAMansWithAMans() {
    assertThat(NAMES).allSatisfy(name -> {
      var parts = List.of(name.split(" "));
      String given = parts.get(parts.size() - 1);
      boolean womansMiddle = parts.contains("Thị");
      assertThat(womansMiddle ? WOMEN : MEN).as(name).contains(given);
    });
  }

  @Test
  void theClassesHaveWomenAndMenAndNoTwoLearnersShareAName() {
    assertThat(NAMES).anyMatch(n -> n.contains(" Thị ")).anyMatch(n -> !n.contains(" Thị "));
    assertThat(NAMES).doesNotHaveDuplicates();
  }
}
