package vn.bdtx.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.api.Test;

class MoodleXmlTest {

  private static final String EXPORT = """
      <?xml version="1.0" encoding="UTF-8"?>
      <quiz>
        <question type="category">
          <category><text>$course$/top/Bài 2: Dạy học dự án</text></category>
        </question>
        <question type="multichoice">
          <name><text>DA1</text></name>
          <questiontext format="html"><text><![CDATA[<p>Sản phẩm của dự án là <b>gì</b>?</p>]]></text></questiontext>
          <generalfeedback format="html"><text>Xem bài 2.</text></generalfeedback>
          <single>true</single>
          <answer fraction="100"><text>Một sản phẩm cụ thể</text><feedback><text>Đúng</text></feedback></answer>
          <answer fraction="0"><text>Một bài kiểm tra</text><feedback><text>Chưa đúng</text></feedback></answer>
        </question>
        <question type="multichoice">
          <name><text>DA2</text></name>
          <questiontext format="html"><text>Chọn các bước của dự án</text></questiontext>
          <single>false</single>
          <answer fraction="50"><text>Lập kế hoạch</text></answer>
          <answer fraction="50"><text>Báo cáo sản phẩm</text></answer>
          <answer fraction="-100"><text>Chép bài</text></answer>
        </question>
        <question type="truefalse">
          <name><text>DA3</text></name>
          <questiontext format="html"><text>Dự án gắn với thực tiễn.</text></questiontext>
          <answer fraction="100"><text>true</text></answer>
          <answer fraction="0"><text>false</text></answer>
        </question>
      </quiz>
      """;

  @Test
  void readsSingleMultipleAndTrueFalseWithFeedbackWeightsAndCategory() {
    var file = QuestionFile.parse(EXPORT, "Mặc định", Question.Use.QUIZ);
    assertThat(file.problems()).isEmpty();
    assertThat(file.questions()).extracting(Question::name, Question::kind, Question::category).containsExactly(
        tuple("DA1", QuestionKind.SINGLE, "Bài 2: Dạy học dự án"),
        tuple("DA2", QuestionKind.MULTIPLE, "Bài 2: Dạy học dự án"),
        tuple("DA3", QuestionKind.TRUE_FALSE, "Bài 2: Dạy học dự án"));
    Question first = file.questions().get(0);
    assertThat(first.text()).isEqualTo("<p>Sản phẩm của dự án là <b>gì</b>?</p>");
    assertThat(first.generalFeedback()).isEqualTo("Xem bài 2.");
    assertThat(first.choices()).extracting(Choice::feedback).containsExactly("Đúng", "Chưa đúng");
    assertThat(file.questions().get(1).choices()).extracting(Choice::weight).containsExactly(50.0, 50.0, -100.0);
    assertThat(file.questions().get(2).choices()).extracting(Choice::text).containsExactly("Đúng", "Sai");
  }

  @Test
  void readsEachQuestionsMarkFromDefaultgradeAndOneWithoutIt() {
    var file = QuestionFile.parse("""
        <quiz>
          <question type="truefalse">
            <name><text>Hai điểm</text></name>
            <questiontext format="html"><text>Dự án gắn với thực tiễn.</text></questiontext>
            <defaultgrade>2.0000000</defaultgrade>
            <answer fraction="100"><text>true</text></answer>
            <answer fraction="0"><text>false</text></answer>
          </question>
          <question type="truefalse">
            <name><text>Một điểm</text></name>
            <questiontext format="html"><text>Dự án không cần sản phẩm.</text></questiontext>
            <answer fraction="0"><text>true</text></answer>
            <answer fraction="100"><text>false</text></answer>
          </question>
          <question type="truefalse">
            <name><text>Không điểm</text></name>
            <questiontext format="html"><text>Sai điểm.</text></questiontext>
            <defaultgrade>hai</defaultgrade>
            <answer fraction="0"><text>true</text></answer>
            <answer fraction="100"><text>false</text></answer>
          </question>
        </quiz>
        """, "Mặc định", Question.Use.QUIZ);
    assertThat(file.questions()).extracting(Question::name, q -> q.mark().stripTrailingZeros().toPlainString())
        .containsExactly(tuple("Hai điểm", "2"), tuple("Một điểm", "1"));
    assertThat(file.problems()).extracting(QuestionProblem::kind, QuestionProblem::detail)
        .containsExactly(tuple(QuestionProblem.Kind.BAD_MARK, "hai"));
  }

  @Test
  void skipsAnUnsupportedTypeByItsLineAndWordsAndReadsTheRest() {
    var file = QuestionFile.parse("""
        <quiz>
          <question type="multichoice">
            <questiontext><text>A?</text></questiontext>
            <answer fraction="100"><text>Có</text></answer>
            <answer fraction="0"><text>Không</text></answer>
          </question>
          <question type="essay">
            <questiontext><text>Viết</text></questiontext>
          </question>
        </quiz>
        """, "Mặc định", Question.Use.QUIZ);
    assertThat(file.problems()).isEmpty();
    assertThat(file.questions()).extracting(Question::text).containsExactly("A?");
    assertThat(file.skipped()).extracting(QuestionFile.Skipped::line, QuestionFile.Skipped::type, QuestionFile.Skipped::firstWords)
        .containsExactly(tuple(7, "essay", "Viết"));
  }

  @Test
  void reportsBrokenXmlAtItsLine() {
    var file = QuestionFile.parse("<quiz>\n<question type=\"truefalse\">\n<name><text>x</name>\n</quiz>", "M", Question.Use.QUIZ);
    assertThat(file.problems()).extracting(QuestionProblem::line, QuestionProblem::kind)
        .containsExactly(tuple(3, QuestionProblem.Kind.BAD_XML));
  }

  @Test
  void refusesADoctypeSoNoExternalEntityIsEverRead() {
    var file = QuestionFile.parse("<?xml version=\"1.0\"?>\n<!DOCTYPE quiz [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<quiz>&x;</quiz>",
        "M", Question.Use.QUIZ);
    assertThat(file.problems()).extracting(QuestionProblem::kind).containsExactly(QuestionProblem.Kind.BAD_XML);
    assertThat(file.questions()).isEmpty();
  }
}
