package vn.bdtx.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written Moodle bank fixtures (every type), their markup and their round trip. */
class MoodleBankTest {

  static String fixture(String name) throws IOException {
    return Files.readString(Path.of("../app/src/test/resources/moodle/" + name), StandardCharsets.UTF_8);
  }

  @Test
  void moodleXmlReadsEveryTypeAndSkipsTheOthersByName() throws IOException {
    QuestionFile file = QuestionFile.parse(fixture("ngan-hang-moodle.xml"), "Mặc định", Question.Use.QUIZ);

    assertThat(file.problems()).isEmpty();
    assertThat(file.ok()).isTrue();
    assertThat(file.questions()).extracting(Question::name, Question::kind).containsExactly(
        tuple("Giới thiệu", QuestionKind.DESCRIPTION),
        tuple("Mục đích đánh giá", QuestionKind.SINGLE),
        tuple("Hình thức đánh giá", QuestionKind.MULTIPLE),
        tuple("Nhận xét bằng lời", QuestionKind.TRUE_FALSE),
        tuple("Thủ đô", QuestionKind.SHORT_ANSWER),
        tuple("Số tiết", QuestionKind.NUMERICAL),
        tuple("Ghép mức đánh giá", QuestionKind.MATCHING));
    assertThat(file.questions()).allMatch(q -> q.category().equals("Bài 2 - Đổi mới kiểm tra"));
    assertThat(file.skipped()).extracting(QuestionFile.Skipped::type, QuestionFile.Skipped::name, QuestionFile.Skipped::firstWords)
        .containsExactly(
            tuple("essay", "Bài luận kế hoạch", "Trình bày kế hoạch đánh giá của thầy cô."),
            tuple("calculated", "Tính điểm trung bình", "Điểm trung bình của {a} và {b} là bao nhiêu?"),
            tuple("ddwtos", "Kéo thả từ", "Đánh giá [[1]] và đánh giá [[2]]."),
            tuple("cloze", "Điền khuyết", "Thông tư {1:SHORTANSWER:=22} quy định đánh giá."));
    assertThat(file.images()).containsOnlyKeys("so-do.png");
    assertThat(file.images().get("so-do.png")).startsWith(0x89, 'P', 'N', 'G');

    Question description = file.questions().get(0);
    assertThat(description.text()).contains("<strong>Thông tư 22</strong>").contains("src=\"@@PLUGINFILE@@/so-do.png\"");
    Question single = file.questions().get(1);
    assertThat(single.html()).isTrue();
    assertThat(single.text()).contains("<em>mục đích</em>").doesNotContain("script").doesNotContain("alert");
    assertThat(single.generalFeedback()).contains("href=\"https://thuvienphapluat.vn\"").doesNotContain("onclick");
    assertThat(single.choices().get(0).text()).isEqualTo("<p>Hỗ trợ học sinh <strong>tiến bộ</strong></p>");
    assertThat(single.choices().get(2).text()).isEqualTo("<p>Lập hồ sơ</p>");
    Question multiple = file.questions().get(2);
    assertThat(multiple.text()).contains("<table>").contains("<th>Hình thức</th>").contains("<td>Quan sát</td>");
    assertThat(multiple.choices()).extracting(Choice::weight).containsExactly(33.33333, 33.33333, 33.33334, -100.0);
    assertThat(multiple.choices().get(3).text()).doesNotContain("javascript").contains("Thi cuối kỳ");
    Question trueFalse = file.questions().get(3);
    assertThat(trueFalse.html()).isFalse();
    assertThat(Markup.render(trueFalse.text(), trueFalse.html()))
        .isEqualTo("Giáo viên có thể nhận xét bằng lời nói.<br>Dòng thứ hai giữ nguyên xuống dòng.");
    assertThat(trueFalse.choices()).extracting(Choice::text, Choice::weight, Choice::feedback)
        .containsExactly(tuple("Đúng", 100.0, "Đúng vậy."), tuple("Sai", 0.0, "Chưa đúng."));
    Question shortAnswer = file.questions().get(4);
    assertThat(shortAnswer.caseSensitive()).isFalse();
    assertThat(shortAnswer.choices()).extracting(Choice::text, Choice::weight).containsExactly(tuple("Hà Nội", 100.0), tuple("Thăng Long*", 50.0));
    Question numerical = file.questions().get(5);
    assertThat(numerical.choices()).extracting(Choice::text, Choice::weight, Choice::tolerance)
        .containsExactly(tuple("40", 100.0, 0.0), tuple("37.5", 50.0, 2.5));
    Question matching = file.questions().get(6);
    assertThat(matching.choices()).extracting(Choice::text, Choice::match).containsExactly(
        tuple("<p>Tốt</p>", "Hoàn thành tốt"), tuple("<p>Đạt</p>", "Hoàn thành"),
        tuple("<p>Cần cố gắng</p>", "Chưa hoàn thành"), tuple("", "Xuất sắc"));
  }

  @Test
  void giftReadsEveryTypeAndSkipsTheEssayByName() throws IOException {
    QuestionFile file = QuestionFile.parse(fixture("ngan-hang.gift"), "Mặc định", Question.Use.QUIZ);

    assertThat(file.problems()).isEmpty();
    assertThat(file.questions()).extracting(Question::name, Question::kind).containsExactly(
        tuple("Lời dẫn", QuestionKind.DESCRIPTION),
        tuple("Mục đích", QuestionKind.SINGLE),
        tuple("Hình thức", QuestionKind.MULTIPLE),
        tuple("Nhận xét bằng lời", QuestionKind.TRUE_FALSE),
        tuple("Thủ đô", QuestionKind.SHORT_ANSWER),
        tuple("Số tiết", QuestionKind.NUMERICAL),
        tuple("Khoảng", QuestionKind.NUMERICAL),
        tuple("Ghép mức", QuestionKind.MATCHING));
    assertThat(file.skipped()).extracting(QuestionFile.Skipped::type, QuestionFile.Skipped::name)
        .containsExactly(tuple("essay", "Bài luận"));
    Question single = file.questions().get(1);
    assertThat(single.html()).isTrue();
    assertThat(single.text()).isEqualTo("<p>Đánh giá thường xuyên nhằm <em>mục đích</em> gì?</p>");
    assertThat(single.choices().get(0).text()).isEqualTo("<strong>Hỗ trợ</strong> học sinh tiến bộ");
    assertThat(single.generalFeedback()).isEqualTo("<p>Xem Thông tư 22.</p>");
    assertThat(file.questions().get(6).choices()).extracting(Choice::text, Choice::tolerance).containsExactly(tuple("35", 5.0));
    assertThat(file.questions().get(7).choices()).extracting(Choice::text, Choice::match)
        .containsExactly(tuple("Tốt", "Hoàn thành tốt"), tuple("Đạt", "Hoàn thành"), tuple("Cần cố gắng", "Chưa hoàn thành"));
  }

  @Test
  void theSameHtmlRendersTheSameWhicheverFormatItCameFrom() throws IOException {
    String xml = """
        <quiz><question type="multichoice"><name><text>A</text></name>
        <questiontext format="html"><text><![CDATA[<p>Chọn <strong>một</strong></p>]]></text></questiontext>
        <single>true</single>
        <answer fraction="100" format="html"><text>x</text></answer><answer fraction="0" format="html"><text>y</text></answer>
        </question></quiz>""";
    String gift = "::A::[html]<p>Chọn <strong>một</strong></p> {=x ~y}";
    Question fromXml = QuestionFile.parse(xml, "C", Question.Use.QUIZ).questions().get(0);
    Question fromGift = QuestionFile.parse(gift, "C", Question.Use.QUIZ).questions().get(0);
    assertThat(Markup.render(fromXml.text(), fromXml.html())).isEqualTo(Markup.render(fromGift.text(), fromGift.html()))
        .isEqualTo("<p>Chọn <strong>một</strong></p>");
  }

  @Test
  void theSanitiserKeepsMoodlesMarkupAndRemovesScripts() {
    assertThat(Markup.clean("<p onclick=\"x()\">a <strong>b</strong> <em>c</em></p><script>alert(1)</script>"))
        .isEqualTo("<p>a <strong>b</strong> <em>c</em></p>");
    assertThat(Markup.clean("<img src=\"https://evil.example/x.png\" onerror=\"alert(1)\"><img src=\"@@PLUGINFILE@@/a.png\" onerror=\"x\">"))
        .isEqualTo("<img src=\"@@PLUGINFILE@@/a.png\">");
    assertThat(Markup.clean("<a href=\"javascript:alert(1)\">x</a> <a href=\"mailto:a@b.vn\">m</a>"))
        .doesNotContain("javascript").contains("href=\"mailto:a@b.vn\"");
    assertThat(Markup.clean("<table><tbody><tr><td colspan=\"2\">ô</td></tr></tbody></table><ul><li>một</li></ul>"))
        .isEqualTo("<table><tbody><tr><td colspan=\"2\">ô</td></tr></tbody></table><ul><li>một</li></ul>");
    assertThat(Markup.escape("a <b> & c\nd")).isEqualTo("a &lt;b&gt; &amp; c<br>d");
  }

  @Test
  void exportsReimportAsTheSameQuestions() throws IOException {
    for (String name : List.of("ngan-hang-moodle.xml", "ngan-hang.gift")) {
      QuestionFile original = QuestionFile.parse(fixture(name), "Mặc định", Question.Use.QUIZ);
      Map<String, byte[]> media = new HashMap<>();
      // As the app does: embedded images become course media.
      List<Question> bank = original.questions().stream()
          .map(q -> q.mapTexts(t -> t.replace(Markup.PLUGINFILE, Markup.MEDIA_PREFIX + "7/"))).toList();
      original.images().forEach((n, bytes) -> media.put(Markup.MEDIA_PREFIX + "7/" + n, bytes));

      QuestionFile xml = QuestionFile.parse(MoodleXml.write(bank, media::get), "Khác", Question.Use.QUIZ);
      assertThat(xml.problems()).isEmpty();
      assertThat(xml.questions()).extracting(Question::fingerprint)
          .containsExactlyElementsOf(original.questions().stream().map(Question::fingerprint).toList());
      assertThat(xml.questions()).extracting(Question::category, Question::name, Question::html)
          .containsExactlyElementsOf(original.questions().stream().map(q -> tuple(q.category(), q.name(), q.html())).toList());
      assertThat(xml.images().keySet()).isEqualTo(original.images().keySet());

      QuestionFile gift = QuestionFile.parse(Gift.writeAll(bank), "Khác", Question.Use.QUIZ);
      assertThat(gift.problems()).isEmpty();
      assertThat(gift.questions()).extracting(Question::kind, Question::name, Question::category)
          .containsExactlyElementsOf(original.questions().stream().map(q -> tuple(q.kind(), q.name(), q.category())).toList());
      assertThat(gift.questions()).extracting(Question::fingerprint)
          .containsExactlyElementsOf(bank.stream().map(Question::fingerprint).toList());
    }
  }

  @Test
  void theXmlExportHasMoodlesStructure() throws IOException {
    List<Question> bank = QuestionFile.parse(fixture("ngan-hang-moodle.xml"), "M", Question.Use.QUIZ).questions();
    String xml = MoodleXml.write(bank, src -> null);
    assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n")
        .contains("<question type=\"category\">\n    <category>\n      <text>$course$/top/Bài 2 - Đổi mới kiểm tra</text>")
        .contains("<question type=\"multichoice\">", "<question type=\"truefalse\">", "<question type=\"shortanswer\">",
            "<question type=\"numerical\">", "<question type=\"matching\">", "<question type=\"description\">")
        .contains("<defaultgrade>1.0000000</defaultgrade>", "<penalty>0.3333333</penalty>", "<hidden>0</hidden>",
            "<single>false</single>", "<shuffleanswers>true</shuffleanswers>", "<answernumbering>abc</answernumbering>",
            "<usecase>0</usecase>", "<tolerance>2.5</tolerance>")
        .contains("<answer fraction=\"33.33333\" format=\"html\">", "<answer fraction=\"-100\" format=\"html\">")
        .contains("<text><![CDATA[<p>Hỗ trợ học sinh <strong>tiến bộ</strong></p>]]></text>")
        .endsWith("</quiz>\n");
  }
}
