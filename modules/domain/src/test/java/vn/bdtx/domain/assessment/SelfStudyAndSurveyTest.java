package vn.bdtx.domain.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.catalog.Choice;
import vn.bdtx.domain.catalog.Lecture;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.domain.catalog.QuestionKind;

class SelfStudyAndSurveyTest {

  static final List<Lecture> LECTURES = List.of(
      new Lecture("L1", "Bài 1", "", null, "B1"),
      new Lecture("L2", "Bài 2", "", null, ""));

  @Test
  void selfStudyPassesWhenEveryLectureQuizAndTheSurveyAreDone() {
    var none = SelfStudy.of(LECTURES, Set.of(), Map.of(), Set.of("L1"), true, false, vn.bdtx.domain.completion.Regulation.DEFAULT);
    assertThat(none.items()).extracting(SelfStudy.Item::kind)
        .containsExactly(SelfStudy.Kind.LECTURE, SelfStudy.Kind.QUIZ, SelfStudy.Kind.LECTURE, SelfStudy.Kind.SURVEY);
    assertThat(none.passed()).isFalse();
    assertThat(none.missing()).hasSize(4);

    var failedQuiz = SelfStudy.of(LECTURES, Set.of("L1", "L2"), Map.of("L1", new BigDecimal("4.9")), Set.of("L1"), true, true, vn.bdtx.domain.completion.Regulation.DEFAULT);
    assertThat(failedQuiz.passed()).isFalse();
    assertThat(failedQuiz.missing()).singleElement().satisfies(i -> {
      assertThat(i.kind()).isEqualTo(SelfStudy.Kind.QUIZ);
      assertThat(i.score()).isEqualByComparingTo("4.9");
    });

    var all = SelfStudy.of(LECTURES, Set.of("L1", "L2"), Map.of("L1", new BigDecimal("5.0")), Set.of("L1"), true, true, vn.bdtx.domain.completion.Regulation.DEFAULT);
    assertThat(all.passed()).isTrue();
    assertThat(all.done()).isEqualTo(4);
  }

  @Test
  void aCourseWithoutAnythingToDoIsNotPassed() {
    assertThat(SelfStudy.of(List.of(), Set.of(), Map.of(), Set.of(), false, false, vn.bdtx.domain.completion.Regulation.DEFAULT).passed()).isFalse();
  }

  static Question agreement(boolean reversed) {
    var levels = List.of("Rất đồng ý", "Đồng ý", "Phân vân", "Không đồng ý", "Rất không đồng ý");
    var texts = reversed ? List.of(levels.get(4), levels.get(3), levels.get(2), levels.get(1), levels.get(0)) : levels;
    return new Question("KS1", "Khảo sát", "KS1", "Nội dung hữu ích", QuestionKind.SINGLE,
        texts.stream().map(t -> new Choice(t, 0, "")).toList(), "");
  }

  @Test
  void agreeingIsPositiveWhicheverWayTheScaleRuns() {
    var q = agreement(false);
    assertThat(Survey.isAgreement(q)).isTrue();
    assertThat(Survey.positive(q, 0)).contains(true);
    assertThat(Survey.positive(q, 1)).contains(true);
    assertThat(Survey.positive(q, 2)).contains(false);
    assertThat(Survey.positive(q, 4)).contains(false);
    var r = agreement(true);
    assertThat(Survey.positive(r, 4)).contains(true);
    assertThat(Survey.positive(r, 0)).contains(false);
    assertThat(Survey.positive(q, 9)).isEmpty();
  }

  @Test
  void otherItemsCountNeitherWay() {
    var device = new Question("KS6", "Khảo sát", "KS6", "Thiết bị?", QuestionKind.SINGLE,
        List.of(new Choice("Điện thoại", 0, ""), new Choice("Máy tính", 0, "")), "");
    assertThat(Survey.isAgreement(device)).isFalse();
    assertThat(Survey.positive(device, 0)).isEmpty();
  }
}
