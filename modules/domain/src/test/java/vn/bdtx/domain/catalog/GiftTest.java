package vn.bdtx.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GiftTest {

  private static QuestionFile quiz(String text) {
    return Gift.parse(text, "Bài 1", Question.Use.QUIZ);
  }

  @Test
  void readsSingleAnswerWithTitleFeedbackAndGeneralFeedback() {
    var file = quiz("""
        // câu hỏi bài 1
        ::Năng lực::Phẩm chất nào sau đây thuộc 5 phẩm chất chủ yếu? {
          =Trung thực#Đúng, theo Chương trình GDPT 2018.
          ~Sáng tạo#Sáng tạo là năng lực.
          ~Tự học
          ####Xem lại mục 1.2.
        }
        """);
    assertThat(file.ok()).isTrue();
    Question q = file.questions().get(0);
    assertThat(q.name()).isEqualTo("Năng lực");
    assertThat(q.kind()).isEqualTo(QuestionKind.SINGLE);
    assertThat(q.category()).isEqualTo("Bài 1");
    assertThat(q.choices()).extracting(Choice::text).containsExactly("Trung thực", "Sáng tạo", "Tự học");
    assertThat(q.choices()).extracting(Choice::weight).containsExactly(100.0, 0.0, 0.0);
    assertThat(q.choices().get(0).feedback()).isEqualTo("Đúng, theo Chương trình GDPT 2018.");
    assertThat(q.generalFeedback()).isEqualTo("Xem lại mục 1.2.");
  }

  @Test
  void readsWeightedMultipleAnswerAndTrueFalseAndCategories() {
    var file = quiz("""
        $CATEGORY: $course$/top/Kỹ thuật dạy học

        Chọn các kỹ thuật dạy học tích cực: {~%50%Khăn trải bàn ~%50%Mảnh ghép ~%-100%Đọc chép}

        Dạy học dự án kéo dài nhiều tuần.{TRUE#Sai rồi#Chính xác}
        """);
    assertThat(file.problems()).isEmpty();
    Question multi = file.questions().get(0);
    assertThat(multi.kind()).isEqualTo(QuestionKind.MULTIPLE);
    assertThat(multi.category()).isEqualTo("Kỹ thuật dạy học");
    assertThat(multi.choices()).extracting(Choice::weight).containsExactly(50.0, 50.0, -100.0);
    Question tf = file.questions().get(1);
    assertThat(tf.kind()).isEqualTo(QuestionKind.TRUE_FALSE);
    assertThat(tf.choices()).extracting(Choice::text, Choice::weight, Choice::feedback)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Đúng", 100.0, "Chính xác"),
            org.assertj.core.groups.Tuple.tuple("Sai", 0.0, "Sai rồi"));
  }

  @Test
  void escapedSpecialCharactersStayInTheText() {
    var file = quiz("Kết quả của 2 \\= 2 là gì \\{A\\}? {=Bằng nhau ~Khác nhau\\~gần}");
    assertThat(file.ok()).isTrue();
    assertThat(file.questions().get(0).text()).isEqualTo("Kết quả của 2 = 2 là gì {A}?");
    assertThat(file.questions().get(0).choices().get(1).text()).isEqualTo("Khác nhau~gần");
  }

  @Test
  void reportsTheLineOfAnUnclosedBraceAndReadsNothingElseAsPartOfIt() {
    var file = quiz("""
        Câu một {=A ~B}

        Câu hai {=A
        ~B

        Câu ba {=A ~B}
        """);
    assertThat(file.problems()).extracting(QuestionProblem::line, QuestionProblem::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(3, QuestionProblem.Kind.UNCLOSED_ANSWERS));
    assertThat(file.ok()).isFalse();
  }

  @Test
  void reportsAQuestionWithoutRightAnswerAtItsAnswerLine() {
    var file = quiz("""
        Câu một {=A ~B}

        Câu hai
        {~A ~B}
        """);
    assertThat(file.problems()).extracting(QuestionProblem::line, QuestionProblem::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(4, QuestionProblem.Kind.NO_RIGHT_ANSWER));
  }

  @Test
  void reportsWeightsThatDoNotAddUpTo100() {
    var file = quiz("Chọn hai: {~%50%A ~%40%B ~%-50%C}");
    assertThat(file.problems()).extracting(QuestionProblem::kind, QuestionProblem::detail)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(QuestionProblem.Kind.WEIGHTS_NOT_100, "90"));
  }

  @Test
  void readsShortAnswerNumericalAndMatchingAndSkipsAnEssayByName() {
    var file = quiz("""
        Thủ đô? {=Hà Nội =Ha Noi}

        Năm? {#2018:0}

        Ghép {=a -> 1 =b -> 2 =c -> 3}

        ::Cảm nghĩ::Viết cảm nghĩ {}
        """);
    assertThat(file.problems()).isEmpty();
    assertThat(file.questions()).extracting(Question::kind)
        .containsExactly(QuestionKind.SHORT_ANSWER, QuestionKind.NUMERICAL, QuestionKind.MATCHING);
    assertThat(file.skipped()).extracting(QuestionFile.Skipped::line, QuestionFile.Skipped::type, QuestionFile.Skipped::name,
        QuestionFile.Skipped::firstWords).containsExactly(org.assertj.core.groups.Tuple.tuple(7, "essay", "Cảm nghĩ", "Viết cảm nghĩ"));
  }

  @Test
  void aSurveyItemNeedsNoRightAnswerAndIsNeverWeighted() {
    var file = Gift.parse("Khóa học giúp ích cho tôi. {~Rất đồng ý ~Đồng ý ~Phân vân ~Không đồng ý ~Rất không đồng ý}",
        "Khảo sát", Question.Use.SURVEY);
    assertThat(file.ok()).isTrue();
    assertThat(file.questions().get(0).choices()).hasSize(5).allMatch(c -> c.weight() == 0);
  }

  @Test
  void anEmptyFileIsAProblemNotAnEmptyImport() {
    assertThat(quiz("// chỉ có chú thích\n").problems()).extracting(QuestionProblem::kind)
        .containsExactly(QuestionProblem.Kind.EMPTY_FILE);
  }

  @Test
  void aQuestionWrittenBackReadsTheSame() {
    var original = quiz("""
        ::T1::Chọn các ý đúng\\: {~%50%A#tốt ~%50%B ~%-100%C ####chung}

        Trái Đất quay quanh Mặt Trời {T#sai#đúng}

        Một đáp án {=Có ~Không#vì sao}
        """).questions();
    for (Question q : original) {
      var again = quiz(Gift.write(q));
      assertThat(again.problems()).isEmpty();
      assertThat(again.questions().get(0)).isEqualTo(q);
    }
  }
}
