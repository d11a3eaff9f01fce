package vn.bdtx.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.catalog.QuestionForm.Problem;
import vn.bdtx.domain.catalog.QuestionForm.Row;

class QuestionFormTest {

  private static QuestionForm form(QuestionKind kind, Row... rows) {
    return new QuestionForm("Câu hỏi bài 1", "", "Chọn các kỹ thuật dạy học tích cực:", kind, List.of(rows), "",
        false, false, true, "", "");
  }

  private static Row row(String text, boolean right, String weight) {
    return new Row(text, right, weight, "");
  }

  private static List<String> problems(QuestionForm f) {
    var r = f.toQuestion("", Question.Use.QUIZ);
    assertThat(r.ok()).isFalse();
    return r.problems().stream().map(p -> p.field() + " " + p.row() + " " + p.kind() + " " + p.detail()).toList();
  }

  @Test
  void aMultipleAnswerQuestionWithCommaWeightsBecomesTheQuestionGiftWouldRead() {
    var f = new QuestionForm("Câu hỏi bài 1", "KT1", "Chọn các kỹ thuật dạy học tích cực:\nChọn hai.", QuestionKind.MULTIPLE,
        List.of(new Row("Khăn trải bàn", true, "50", "Đúng."), row("Mảnh ghép", true, "50,0"),
            row("Đọc chép", false, "−100"), row("", false, ""), row("Thuyết trình", false, "")),
        "Xem mục 2.", false, false, true, "", "");
    var r = f.toQuestion("Q7", Question.Use.QUIZ);
    assertThat(r.problems()).isEmpty();
    Question q = r.question().orElseThrow();
    assertThat(q.id()).isEqualTo("Q7");
    assertThat(q.html()).isFalse();
    assertThat(q.text()).isEqualTo("Chọn các kỹ thuật dạy học tích cực:\nChọn hai.");
    assertThat(q.choices()).extracting(Choice::text).containsExactly("Khăn trải bàn", "Mảnh ghép", "Đọc chép", "Thuyết trình");
    assertThat(q.choices()).extracting(Choice::weight).containsExactly(50.0, 50.0, -100.0, 0.0);
    assertThat(q.choices().get(0).feedback()).isEqualTo("Đúng.");
    assertThat(q.generalFeedback()).isEqualTo("Xem mục 2.");
    // GIFT reads back the same question: the two views show one thing.
    Question again = Gift.parse(Gift.write(q), "Câu hỏi bài 1", Question.Use.QUIZ).questions().get(0);
    assertThat(again.fingerprint()).isEqualTo(q.fingerprint());
    assertThat(again.text()).isEqualTo(q.text());
  }

  @Test
  void thirdsOfMoodleAddUpToOneHundredButNinetyNineIsRefusedWithTheSum() {
    var thirds = form(QuestionKind.MULTIPLE, row("a", true, "33,33333"), row("b", true, "33,33333"),
        row("c", true, "33,33334"), row("d", false, "-100"));
    assertThat(thirds.toQuestion("", Question.Use.QUIZ).ok()).isTrue();
    var short1 = form(QuestionKind.MULTIPLE, row("a", true, "50"), row("b", true, "40"), row("c", false, ""));
    assertThat(problems(short1)).containsExactly("rows 0 WEIGHTS_NOT_100 90");
    var over = form(QuestionKind.MULTIPLE, row("a", true, "60"), row("b", true, "50,5"), row("c", false, ""));
    assertThat(problems(over)).containsExactly("rows 0 WEIGHTS_NOT_100 110,5");
  }

  @Test
  void eachBadWeightIsNamedByItsRow() {
    var f = form(QuestionKind.MULTIPLE, row("a", true, "50"), row("b", true, ""), row("c", false, "150"),
        row("d", false, "năm mươi"), row("e", false, "20"), row("f", true, "-10"));
    assertThat(problems(f)).containsExactly(
        "rows[1].weight 2 ROW_RIGHT_NEEDS_WEIGHT ",
        "rows[2].weight 3 ROW_WEIGHT_RANGE 150",
        "rows[3].weight 4 ROW_NOT_A_NUMBER năm mươi",
        "rows[4].weight 5 ROW_WRONG_POSITIVE 20",
        "rows[5].weight 6 ROW_RIGHT_NOT_POSITIVE -10");
  }

  @Test
  void aSingleAnswerNeedsExactlyOneRightChoiceAtOneHundred() {
    var ok = form(QuestionKind.SINGLE, row("Trung thực", true, ""), row("Sáng tạo", false, ""), row("Tự học", false, "-50"));
    Question q = ok.toQuestion("", Question.Use.QUIZ).question().orElseThrow();
    assertThat(q.choices()).extracting(Choice::weight).containsExactly(100.0, 0.0, -50.0);
    assertThat(problems(form(QuestionKind.SINGLE, row("a", true, ""), row("b", true, ""))))
        .containsExactly("rows 0 SEVERAL_RIGHT_CHOICES 2");
    assertThat(problems(form(QuestionKind.SINGLE, row("a", false, ""), row("b", false, ""))))
        .containsExactly("rows 0 NO_RIGHT_CHOICE ");
    assertThat(problems(form(QuestionKind.SINGLE, row("a", true, "50"), row("b", false, ""))))
        .containsExactly("rows[0].weight 1 ROW_SINGLE_NOT_100 50");
  }

  @Test
  void emptyRowsAreNotChoicesButARowWithOnlyAWeightOrFeedbackNeedsItsText() {
    assertThat(problems(form(QuestionKind.SINGLE, row("a", true, ""), row("", false, ""), row("", false, ""))))
        .containsExactly("rows 0 TOO_FEW_CHOICES 1");
    assertThat(problems(form(QuestionKind.SINGLE, row("a", true, ""), row("b", false, ""), new Row(" ", false, "", "Sai."))))
        .containsExactly("rows[2].text 3 ROW_EMPTY_TEXT ");
  }

  @Test
  void categoryTextAndKindAreCheckedAndEverythingIsReportedAtOnce() {
    var f = new QuestionForm(" ", "", "  ", QuestionKind.MULTIPLE, List.of(row("a", true, "50"), row("b", false, "")),
        "", false, false, true, "", "");
    assertThat(problems(f)).containsExactly("category 0 CATEGORY ", "text 0 EMPTY_TEXT ", "rows 0 WEIGHTS_NOT_100 50");
    assertThat(problems(form(null))).containsExactly("kind 0 KIND ");
    assertThat(problems(form(QuestionKind.MATCHING))).containsExactly("kind 0 KIND MATCHING");
  }

  @Test
  void trueFalseTakesTheRightValueAndTheFeedbackOfEach() {
    var f = new QuestionForm("Bài 1", "", "Năng lực tự học là năng lực chung.", QuestionKind.TRUE_FALSE,
        List.of(row("ignored", true, "abc")), "", false, false, false, "Chưa đúng.", "Đúng rồi.");
    Question q = f.toQuestion("", Question.Use.QUIZ).question().orElseThrow();
    assertThat(q.choices()).extracting(Choice::text).containsExactly("Đúng", "Sai");
    assertThat(q.choices()).extracting(Choice::weight).containsExactly(0.0, 100.0);
    assertThat(q.choices()).extracting(Choice::feedback).containsExactly("Chưa đúng.", "Đúng rồi.");
    QuestionForm back = QuestionForm.of(q);
    assertThat(back.truth()).isFalse();
    assertThat(back.trueFeedback()).isEqualTo("Chưa đúng.");
    assertThat(back.falseFeedback()).isEqualTo("Đúng rồi.");
  }

  @Test
  void shortAnswersTakeGradesFromZeroToOneHundredWithOneAtOneHundred() {
    var f = form(QuestionKind.SHORT_ANSWER, row("Hà Nội", false, ""), row("Ha Noi", false, "50"));
    Question q = f.toQuestion("", Question.Use.QUIZ).question().orElseThrow();
    assertThat(q.choices()).extracting(Choice::weight).containsExactly(100.0, 50.0);
    assertThat(problems(form(QuestionKind.SHORT_ANSWER, row("a", false, "50"))))
        .containsExactly("rows 0 NO_FULL_ANSWER ");
    assertThat(problems(form(QuestionKind.SHORT_ANSWER, row("a", false, ""), row("b", false, "-20"))))
        .containsExactly("rows[1].weight 2 ROW_GRADE_RANGE -20");
    assertThat(problems(form(QuestionKind.SHORT_ANSWER))).containsExactly("rows 0 NO_ANSWER ");
  }

  @Test
  void aSurveyQuestionHasNoRightAnswer() {
    var f = form(QuestionKind.SINGLE, row("Đồng ý", false, ""), row("Không đồng ý", false, ""));
    Question q = f.toQuestion("", Question.Use.SURVEY).question().orElseThrow();
    assertThat(q.choices()).extracting(Choice::weight).containsExactly(0.0, 0.0);
    assertThat(f.toQuestion("", Question.Use.QUIZ).problems()).extracting(Problem::kind)
        .containsExactly(Problem.Kind.NO_RIGHT_CHOICE);
  }

  @Test
  void aQuestionOfTheBankFillsTheFormAndComesBackTheSame() {
    Question html = Gift.parse("::H::[html]<p>Chọn <em>hai</em>:</p> {~%50%a ~%50%<b>b</b> ~%-33.33333%c #Sai}",
        "Bài 1", Question.Use.QUIZ).questions().get(0);
    QuestionForm f = QuestionForm.of(html);
    assertThat(f.html()).isTrue();
    assertThat(f.rows()).extracting(Row::weight).containsExactly("50", "50", "-33,33333");
    assertThat(f.rows()).extracting(Row::right).containsExactly(true, true, false);
    Question back = f.toQuestion("Q1", Question.Use.QUIZ).question().orElseThrow();
    assertThat(back.html()).isTrue();
    assertThat(back.fingerprint()).isEqualTo(html.fingerprint());
    assertThat(Gift.write(back)).isEqualTo(Gift.write(html));
  }

  @Test
  void weightsAreReadAsPeopleTypeThem() {
    assertThat(QuestionForm.weight("33,33333")).contains(new BigDecimal("33.33333"));
    assertThat(QuestionForm.weight(" 12.5 % ")).contains(new BigDecimal("12.5"));
    assertThat(QuestionForm.weight("−100")).contains(new BigDecimal("-100"));
    assertThat(QuestionForm.weight("1.000,5")).isEmpty();
    assertThat(QuestionForm.weight("abc")).isEmpty();
    assertThat(QuestionForm.show(-33.33333)).isEqualTo("-33,33333");
    assertThat(QuestionForm.show(100)).isEqualTo("100");
  }
}
