package vn.bdtx.domain.assessment;

import vn.bdtx.domain.catalog.QuizSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.catalog.Question;

class PaperTest {

  static List<Question> bank(int n) {
    var list = new ArrayList<Question>();
    for (int i = 1; i <= n; i++) {
      list.add(i % 5 == 0 ? GradingTest.trueFalse("Q" + i) : GradingTest.single("Q" + i));
    }
    return list;
  }

  @Property
  void aPaperDrawsDistinctQuestionsOfTheBankWithEveryChoiceOnce(@ForAll @IntRange(min = 1, max = 30) int bankSize,
                                                                 @ForAll @IntRange(min = 0, max = 40) int draw,
                                                                 @ForAll boolean shuffle, @ForAll long seed) {
    var bank = bank(bankSize);
    var paper = Paper.draw(bank, new QuizSettings(draw, 3, 0, shuffle, null, null), seed);
    assertThat(paper.size()).isEqualTo(draw == 0 ? bankSize : Math.min(draw, bankSize));
    var ids = new HashSet<String>();
    for (var item : paper.items()) {
      assertThat(ids.add(item.questionId())).isTrue();
      var q = bank.stream().filter(b -> b.id().equals(item.questionId())).findFirst().orElseThrow();
      assertThat(item.choiceOrder()).containsExactlyInAnyOrderElementsOf(IntStream.range(0, q.choices().size()).boxed().toList());
    }
    // The same seed draws the same paper: a reload shows what the learner saw.
    assertThat(Paper.draw(bank, new QuizSettings(draw, 3, 0, shuffle, null, null), seed)).isEqualTo(paper);
  }

  @Test
  void withoutShufflingThePaperKeepsTheBankOrder() {
    var bank = bank(10);
    var paper = Paper.draw(bank, new QuizSettings(0, 3, 0, false, null, null), 42);
    assertThat(paper.items()).extracting(Paper.Item::questionId).containsExactly("Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9", "Q10");
    assertThat(paper.items().get(0).choiceOrder()).containsExactly(0, 1, 2, 3);
    var four = Paper.draw(bank, new QuizSettings(4, 3, 0, false, null, null), 42);
    var ids = four.items().stream().map(Paper.Item::questionId).map(s -> Integer.parseInt(s.substring(1))).toList();
    assertThat(ids).isSorted().hasSize(4);
  }

  @Test
  void differentAttemptsSeeDifferentOrders() {
    var bank = bank(10);
    var settings = new QuizSettings(0, 3, 0, true, null, null);
    var orders = new HashSet<List<String>>();
    for (long seed = 1; seed <= 20; seed++) {
      orders.add(Paper.draw(bank, settings, seed).items().stream().map(Paper.Item::questionId).toList());
    }
    assertThat(orders).hasSizeGreaterThan(15);
    // True/false keeps Đúng before Sai even when shuffled.
    var tf = Paper.draw(bank, settings, 3).items().stream().filter(i -> i.questionId().equals("Q5")).findFirst().orElseThrow();
    assertThat(tf.choiceOrder()).containsExactly(0, 1);
  }

  @Test
  void anAnswerIsAcceptedOnlyWithChoicesTheQuestionHasAndOneOfThemUnlessItIsMultiple() {
    var multiple = GradingTest.multiple("M1");
    var paper = Paper.draw(List.of(GradingTest.single("S1"), multiple), new QuizSettings(0, 3, 0, true, null, null), 7);
    var single = paper.item("S1").orElseThrow();
    var many = paper.item("M1").orElseThrow();
    assertThat(single.multiple()).isFalse();
    assertThat(many.multiple()).isTrue();
    assertThat(single.accepts(java.util.Set.of(0))).isTrue();
    assertThat(single.accepts(java.util.Set.of())).as("a cleared answer").isTrue();
    assertThat(single.accepts(java.util.Set.of(0, 1))).as("two choices on a single-answer question").isFalse();
    assertThat(single.accepts(java.util.Set.of(4))).as("a choice it does not have").isFalse();
    assertThat(single.accepts(java.util.Set.of(-1))).isFalse();
    assertThat(many.accepts(java.util.Set.of(0, 1, 2))).isTrue();
    assertThat(many.accepts(java.util.Set.of(0, multiple.choices().size()))).isFalse();
    assertThat(paper.item("KHONG")).isEmpty();
  }
}
