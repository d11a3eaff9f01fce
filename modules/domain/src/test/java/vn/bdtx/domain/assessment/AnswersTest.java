package vn.bdtx.domain.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.catalog.Choice;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.domain.catalog.QuestionKind;

/** Each type's fraction as Moodle's rules give it. */
class AnswersTest {

  static Question q(QuestionKind kind, boolean caseSensitive, Choice... choices) {
    return new Question("Q1", "C", "", "?", kind, List.of(choices), "", false, caseSensitive);
  }

  static BigDecimal f(Question q, String response) {
    return Answers.fraction(q, Set.of(), response);
  }

  @Test
  void shortAnswerTakesTheFirstAcceptedAnswerIgnoringCaseSpacesAndUnicodeForm() {
    Question capital = q(QuestionKind.SHORT_ANSWER, false, new Choice("Hà Nội", 100, ""), new Choice("Thăng Long*", 50, ""),
        new Choice("*", 0, "Chưa đúng"));
    assertThat(f(capital, "hà nội")).isEqualByComparingTo("1");
    assertThat(f(capital, "  HÀ NỘI ")).isEqualByComparingTo("1");
    // Moodle trims the answer but compares its inner spaces as typed.
    assertThat(f(capital, "Hà  Nội")).isEqualByComparingTo("0");
    // Typed with combining marks (NFD), as some Vietnamese keyboards do.
    assertThat(f(capital, java.text.Normalizer.normalize("Hà Nội", java.text.Normalizer.Form.NFD))).isEqualByComparingTo("1");
    assertThat(f(capital, "Thăng Long thành")).isEqualByComparingTo("0.5");
    assertThat(f(capital, "Huế")).isEqualByComparingTo("0");
    assertThat(f(capital, "")).isEqualByComparingTo("0");
    assertThat(f(capital, null)).isEqualByComparingTo("0");

    Question exact = q(QuestionKind.SHORT_ANSWER, true, new Choice("pH", 100, ""), new Choice("a\\*b", 100, ""));
    assertThat(f(exact, "PH")).isEqualByComparingTo("0");
    assertThat(f(exact, "pH")).isEqualByComparingTo("1");
    assertThat(f(exact, "a*b")).isEqualByComparingTo("1");
    assertThat(f(exact, "axb")).isEqualByComparingTo("0");
  }

  @Test
  void numericalTakesTheFirstAnswerWithinItsTolerance() {
    Question periods = q(QuestionKind.NUMERICAL, false, new Choice("40", 100, "", "", 0), new Choice("37.5", 50, "", "", 2.5));
    assertThat(f(periods, "40")).isEqualByComparingTo("1");
    assertThat(f(periods, "40,0")).isEqualByComparingTo("1");
    assertThat(f(periods, "35")).isEqualByComparingTo("0.5");
    assertThat(f(periods, "39,9")).isEqualByComparingTo("0.5");
    assertThat(f(periods, "34.9")).isEqualByComparingTo("0");
    assertThat(f(periods, "bốn mươi")).isEqualByComparingTo("0");
  }

  @Test
  void aThirdOfTheMatchingPairsIsNotRoundedBeforeTheAttemptsScore() {
    // One pair of three right on a question worth 3 earns exactly 1 mark; with a question worth 8.9 right
    // and one worth 8.1 wrong the paper is worth 10 × 9.9 / 20 = 4.95 → 5.0. A third rounded to 34 digits
    // first (0.333…3 × 3 = 0.999…9) would give 4.9.
    Question match = new Question("M", "Bài 1", "", "Ghép", QuestionKind.MATCHING,
        List.of(new Choice("Tốt", 0, "", "Hoàn thành tốt", 0), new Choice("Đạt", 0, "", "Hoàn thành", 0),
            new Choice("Cần cố gắng", 0, "", "Chưa hoàn thành", 0)), "", new BigDecimal("3"));
    Question right = new Question("R", "Bài 1", "", "Đúng?", QuestionKind.TRUE_FALSE,
        List.of(new Choice("Đúng", 100, ""), new Choice("Sai", 0, "")), "", new BigDecimal("8.9"));
    Question wrong = new Question("W", "Bài 1", "", "Sai?", QuestionKind.TRUE_FALSE,
        List.of(new Choice("Đúng", 100, ""), new Choice("Sai", 0, "")), "", new BigDecimal("8.1"));
    assertThat(Grading.score(List.of(match, right, wrong), Map.of("R", Set.of(0), "W", Set.of(1)), Map.of("M", "0,2,1")))
        .isEqualByComparingTo("5.0");
  }

  @Test
  void matchingScoresTheShareOfRightPairs() {
    Question match = q(QuestionKind.MATCHING, false, new Choice("Tốt", 0, "", "Hoàn thành tốt", 0),
        new Choice("Đạt", 0, "", "Hoàn thành", 0), new Choice("Cần cố gắng", 0, "", "Chưa hoàn thành", 0),
        new Choice("", 0, "", "Xuất sắc", 0));
    assertThat(Answers.options(match)).containsExactly("Hoàn thành tốt", "Hoàn thành", "Chưa hoàn thành", "Xuất sắc");
    assertThat(f(match, "0,1,2")).isEqualByComparingTo("1");
    assertThat(f(match, "0,3,2")).isEqualByComparingTo(BigDecimal.valueOf(2).divide(BigDecimal.valueOf(3), java.math.MathContext.DECIMAL128));
    assertThat(f(match, "1,0,")).isEqualByComparingTo("0");
    assertThat(f(match, "x")).isEqualByComparingTo("0");
  }

  @Test
  void choicesKeepTheirRulesExactly() {
    Question multiple = q(QuestionKind.MULTIPLE, false, new Choice("a", 33.33333, ""), new Choice("b", 33.33333, ""),
        new Choice("c", 33.33334, ""), new Choice("d", -100, ""));
    assertThat(Answers.fraction(multiple, Set.of(0, 1, 2), null)).isEqualByComparingTo("1");
    assertThat(Answers.fraction(multiple, Set.of(0), null)).isEqualByComparingTo("0.3333333");
    assertThat(Answers.fraction(multiple, Set.of(0, 3), null)).isEqualByComparingTo("0");
  }

  @Test
  void aDescriptionDoesNotCountInTheScore() {
    Question description = new Question("D", "C", "", "Đọc kỹ", QuestionKind.DESCRIPTION, List.of(), "");
    Question shortAnswer = new Question("S", "C", "", "?", QuestionKind.SHORT_ANSWER, List.of(new Choice("Hà Nội", 100, "")), "");
    assertThat(Grading.score(List.of(description, shortAnswer), Map.of(), Map.of("S", "hà nội"))).isEqualByComparingTo("10.0");
  }

  @Test
  void aPaperLeadsWithItsDescriptionsAndDrawsOnlyQuestions() {
    Question description = new Question("D", "C", "", "Đọc kỹ", QuestionKind.DESCRIPTION, List.of(), "");
    var bank = new java.util.ArrayList<Question>();
    bank.add(new Question("Q1", "C", "", "?", QuestionKind.SHORT_ANSWER, List.of(new Choice("a", 100, "")), ""));
    bank.add(description);
    bank.add(new Question("Q2", "C", "", "?", QuestionKind.SHORT_ANSWER, List.of(new Choice("b", 100, "")), ""));
    for (long seed = 0; seed < 20; seed++) {
      var paper = Paper.draw(bank, new vn.bdtx.domain.catalog.QuizSettings(1, 3, 0, true,
          vn.bdtx.domain.catalog.QuizSettings.Policy.BEST, vn.bdtx.domain.catalog.QuizSettings.Review.FULL), seed);
      assertThat(paper.items()).hasSize(2);
      assertThat(paper.items().get(0).questionId()).isEqualTo("D");
    }
    var content = vn.bdtx.domain.catalog.CourseContent.EMPTY.addQuestions(List.of(description.inCategory("Bài 1")))
        .addLecture("Bài 1", "", null, "Bài 1");
    assertThat(content.publishBlockers()).extracting(vn.bdtx.domain.catalog.CourseContent.Blocker::problem)
        .contains(vn.bdtx.domain.catalog.CourseContent.PublishProblem.QUIZ_CATEGORY_EMPTY);
  }
}
