package vn.bdtx.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.catalog.Choice;
import vn.bdtx.domain.catalog.Gift;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.domain.catalog.QuestionKind;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * The question form end to end: a lecturer writes a multiple-answer question
 * without GIFT, a wrong weight is refused beside its row with everything typed
 * kept and nothing saved, "add a choice" works without JavaScript, an edit through
 * the form shows the same question in the GIFT view, and a save over a newer
 * save is refused with the input kept.
 */
@BdtxIntegrationTest
class QuestionEditorTest {

  static final String PW = "bieu mau cau hoi";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired Courses courses;

  static int n;
  String lecturer;
  WebSession bcv;
  String course;
  long courseId;

  @BeforeEach
  void aLecturerWithACourse() {
    n++;
    lecturer = "bcv-form-" + n;
    new TestAccounts(db, encoder).create(lecturer, PW, Role.LECTURER);
    bcv = WebSession.loggedIn(web, lecturer, PW);
    var created = bcv.postForm("/lecturer/courses", WebSession.form("module", "GV-02", "level", "UPPER_SECONDARY",
        "subject", "Toán", "title", "Mô đun 2 — biểu mẫu " + n));
    course = String.valueOf(created.getResponseHeaders().getLocation());
    courseId = Long.parseLong(course.substring(course.lastIndexOf('/') + 1));
  }

  private int revision() {
    return courses.find(courseId).block(Duration.ofSeconds(5)).revision();
  }

  private java.util.List<Question> bank() {
    return courses.find(courseId).block(Duration.ofSeconds(5)).draft().questions();
  }

  /** The page as a person reads it (th:field writes "â" as "&acirc;"). */
  private static String read(EntityExchangeResult<String> page) {
    return HtmlUtils.htmlUnescape(page.getResponseBody());
  }

  private MultiValueMap<String, String> multiple(String thirdWeight) {
    return WebSession.form("revision", String.valueOf(revision()), "category", "Câu hỏi bài 1", "name", "KT tích cực",
        "text", "Chọn các kỹ thuật dạy học tích cực:\nchọn hai.", "kind", "MULTIPLE",
        "rows[0].text", "Khăn trải bàn", "rows[0].right", "true", "rows[0].weight", "50", "rows[0].feedback", "Đúng.",
        "rows[1].text", "Mảnh ghép", "rows[1].right", "true", "rows[1].weight", "50,0", "rows[1].feedback", "",
        "rows[2].text", "Đọc chép", "rows[2].weight", thirdWeight, "rows[2].feedback", "Không tích cực.",
        "rows[3].text", "", "rows[3].weight", "", "rows[3].feedback", "",
        "generalFeedback", "Xem mục 2.", "truth", "TRUE");
  }

  @Test
  void aLecturerAddsAMultipleAnswerQuestionThroughTheFormAndFindsItInTheBank() {
    var bankPage = bcv.get(course + "/questions");
    assertThat(read(bankPage)).contains("href=\"" + course + "/questions/new\"").contains("Thêm câu hỏi");
    var empty = bcv.get(course + "/questions/new");
    assertThat(empty.getStatus().value()).isEqualTo(200);
    assertThat(read(empty)).contains("name=\"rows[3].weight\"").contains("/js/question-form.js")
        .doesNotContain("<script>");

    var saved = bcv.postForm(course + "/questions/new", multiple("−100"));
    assertThat(String.valueOf(saved.getResponseHeaders().getLocation())).isEqualTo(course + "/questions?saved");
    assertThat(bank()).hasSize(1);
    Question q = bank().get(0);
    assertThat(q.kind()).isEqualTo(QuestionKind.MULTIPLE);
    assertThat(q.category()).isEqualTo("Câu hỏi bài 1");
    assertThat(q.text()).isEqualTo("Chọn các kỹ thuật dạy học tích cực:\nchọn hai.");
    assertThat(q.html()).isFalse();
    assertThat(q.choices()).extracting(Choice::text).containsExactly("Khăn trải bàn", "Mảnh ghép", "Đọc chép");
    assertThat(q.choices()).extracting(Choice::weight).containsExactly(50.0, 50.0, -100.0);
    assertThat(q.choices()).extracting(Choice::feedback).containsExactly("Đúng.", "", "Không tích cực.");
    assertThat(q.generalFeedback()).isEqualTo("Xem mục 2.");
    assertThat(read(bcv.get(course + "/questions"))).contains("Chọn các kỹ thuật dạy học tích cực")
        .contains("href=\"" + course + "/questions/" + q.id() + "/form\"");
  }

  @Test
  void aWrongWeightIsRefusedBesideItsRowWithEverythingTypedKeptAndNothingSaved() {
    var refused = bcv.postForm(course + "/questions/new", multiple("150"));
    assertThat(refused.getStatus().value()).isEqualTo(422);
    String body = read(refused);
    assertThat(body).contains("id=\"rows2.weight-error\"")
        .contains("Lựa chọn 3: trọng số phải từ −100% đến 100% (đang là «150»).")
        .contains(">Khăn trải bàn</textarea>").contains("value=\"50,0\"").contains("value=\"150\"")
        .contains("Chọn các kỹ thuật dạy học tích cực:\nchọn hai.</textarea>").contains("value=\"Không tích cực.\"")
        .contains("Xem mục 2.</textarea>");
    assertThat(bank()).isEmpty();

    var two = multiple("");
    two.set("rows[1].weight", "40");
    var notHundred = bcv.postForm(course + "/questions/new", two);
    assertThat(notHundred.getStatus().value()).isEqualTo(422);
    assertThat(read(notHundred)).contains("id=\"rows-error\"")
        .contains("Các lựa chọn đúng cộng lại 90%, phải đúng 100%.");
    assertThat(bank()).isEmpty();
  }

  @Test
  void addingAChoiceRowWithoutJavaScriptKeepsWhatWasTypedAndSavesNothing() {
    var more = multiple("");
    more.add("addRow", "1");
    var page = bcv.postForm(course + "/questions/new", more);
    assertThat(page.getStatus().value()).isEqualTo(200);
    assertThat(read(page)).contains("name=\"rows[4].text\"").doesNotContain("name=\"rows[5].text\"")
        .contains(">Mảnh ghép</textarea>").contains("value=\"50,0\"").contains("KT tích cực");
    assertThat(bank()).isEmpty();
  }

  @Test
  void anEditThroughTheFormShowsTheSameQuestionInTheGiftViewAndASaveOverANewerOneIsRefused() {
    bcv.postForm(course + "/questions/new", multiple("−100"));
    String id = bank().get(0).id();
    var form = bcv.get(course + "/questions/" + id + "/form");
    assertThat(form.getStatus().value()).isEqualTo(200);
    assertThat(read(form)).contains("value=\"-100\"").contains("href=\"" + course + "/questions/" + id + "\"");
    int seen = revision();

    var edit = multiple("0");
    edit.set("rows[0].weight", "60");
    edit.set("rows[1].weight", "40");
    edit.set("text", "Chọn các kỹ thuật dạy học tích cực (đã sửa):");
    var saved = bcv.postForm(course + "/questions/" + id + "/form", edit);
    assertThat(String.valueOf(saved.getResponseHeaders().getLocation())).isEqualTo(course + "/questions?saved");
    assertThat(bank()).hasSize(1);
    Question q = bank().get(0);
    assertThat(q.id()).isEqualTo(id);
    assertThat(q.choices()).extracting(Choice::weight).containsExactly(60.0, 40.0, 0.0);

    // The GIFT view shows the same question, and reads back to it.
    var gift = bcv.get(course + "/questions/" + id);
    assertThat(read(gift)).contains("Chọn các kỹ thuật dạy học tích cực (đã sửa)\\:")
        .contains("~%60%Khăn trải bàn#Đúng.").contains("~%40%Mảnh ghép").contains("~%0%Đọc chép#Không tích cực.")
        .contains("href=\"" + course + "/questions/" + id + "/form\"");
    Question read = Gift.parse(Gift.write(q), "Câu hỏi bài 1", Question.Use.QUIZ).questions().get(0);
    assertThat(read.fingerprint()).isEqualTo(q.fingerprint());

    // A form shown before that save: refused, what was typed kept, nothing changed.
    var stale = multiple("0");
    stale.set("revision", String.valueOf(seen));
    stale.set("rows[0].text", "Khăn trải bàn (bản cũ)");
    var conflict = bcv.postForm(course + "/questions/" + id + "/form", stale);
    assertThat(conflict.getStatus().value()).isEqualTo(409);
    assertThat(read(conflict)).contains("Khóa học vừa được lưu ở một trang khác")
        .contains(">Khăn trải bàn (bản cũ)</textarea>");
    assertThat(bank().get(0).choices().get(0).text()).isEqualTo("Khăn trải bàn");
  }

  @Test
  void aNumericalQuestionOpensInTheGiftBoxWhichTheFormDoesNotWrite() {
    Question numerical = Gift.parse("::N1::Số đo góc vuông? {#90:0}", "Câu hỏi bài 1", Question.Use.QUIZ).questions().get(0);
    var course0 = courses.find(courseId).block(Duration.ofSeconds(5));
    courses.saveDraft(course0, course0.revision(), c -> c.addQuestions(java.util.List.of(numerical))).block(Duration.ofSeconds(5));
    String id = bank().get(0).id();
    var page = bcv.get(course + "/questions/" + id + "/form");
    assertThat(String.valueOf(page.getResponseHeaders().getLocation())).isEqualTo(course + "/questions/" + id);
    assertThat(read(bcv.get(course + "/questions"))).doesNotContain("/questions/" + id + "/form\"");
  }

  @Test
  void onlyTheCoursesLecturerReachesTheForm() {
    new TestAccounts(db, encoder).create("bcv-khac-" + n, PW, Role.LECTURER);
    var other = WebSession.loggedIn(web, "bcv-khac-" + n, PW);
    // Another lecturer does not even see this unpublished course: 404, nothing saved.
    assertThat(other.get(course + "/questions/new").getStatus().value()).isEqualTo(404);
    assertThat(other.postForm(course + "/questions/new", multiple("0")).getStatus().value()).isEqualTo(404);
    assertThat(bank()).isEmpty();
    assertThat(bcv.get(course + "/questions/Q99/form").getStatus().value()).isEqualTo(404);
  }
}
