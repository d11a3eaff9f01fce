package vn.bdtx.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.domain.catalog.QuestionKind;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.Uploads;
import vn.bdtx.support.WebSession;

/**
 * Moodle banks in and out through the lecturer's bank page: the hand-written
 * exports holding every type (test resources moodle/), what is skipped listed by
 * name, images kept as course media, markup kept and cleaned, the bank exported
 * and imported again unchanged, and a second import of the same file never
 * doubling the bank.
 */
@BdtxIntegrationTest
class QuestionBankTest {

  static final String PW = "ngan hang cau hoi";
  static final Pattern PENDING = Pattern.compile("name=\"pending\"[^>]*value=\"([^\"]+)\"");

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired Courses courses;

  static int n;
  String lecturer;

  @BeforeEach
  void people() {
    n++;
    lecturer = "bcv-nh-" + n;
    new TestAccounts(db, encoder).create(lecturer, PW, Role.LECTURER);
  }

  static byte[] fixture(String name) throws Exception {
    return Files.readAllBytes(Path.of("src/test/resources/moodle/" + name));
  }

  private String newCourse(WebSession bcv) {
    var created = bcv.postForm("/lecturer/courses", WebSession.form("module", "GV-02", "level", "UPPER_SECONDARY",
        "subject", "Toán", "title", "Ngân hàng " + n));
    return String.valueOf(created.getResponseHeaders().getLocation());
  }

  private static long courseId(String course) {
    return Long.parseLong(course.substring(course.lastIndexOf('/') + 1));
  }

  private EntityExchangeResult<String> importFile(WebSession bcv, String course, String category, String name, byte[] content) {
    return Uploads.form(web, bcv, course + "/questions/import",
        Map.of("category", category, "revision", String.valueOf(CourseContentTest.revision(bcv.get(course + "/questions")))),
        "file", name, content);
  }

  private EntityExchangeResult<String> confirm(WebSession bcv, String course, String category, String pending, String choice) {
    return Uploads.form(web, bcv, course + "/questions/import",
        Map.of("category", category, "revision", String.valueOf(CourseContentTest.revision(bcv.get(course + "/questions"))),
            "pending", pending, "duplicates", choice), "file", "", new byte[0]);
  }

  private List<Question> bank(String course) {
    return courses.find(courseId(course)).block(Duration.ofSeconds(5)).draft().questions();
  }

  @Test
  void aMoodleBankWithEveryTypeImportsInOneGoListingWhatWasSkippedAndShowsItsMarkupAndImage() throws Exception {
    var bcv = WebSession.loggedIn(web, lecturer, PW);
    String course = newCourse(bcv);

    var xml = importFile(bcv, course, "Mặc định", "ngan-hang-moodle.xml", fixture("ngan-hang-moodle.xml"));
    assertThat(xml.getStatus().value()).isEqualTo(200);
    assertThat(xml.getResponseBody()).contains("Đã nhập 7 câu hỏi.", "4 câu hỏi không được nhập",
        "tự luận: «Bài luận kế hoạch» — Trình bày kế hoạch đánh giá của thầy cô.",
        "tính toán: «Tính điểm trung bình»", "kéo thả vào văn bản: «Kéo thả từ»", "điền khuyết nhiều phần (cloze): «Điền khuyết»");
    var gift = importFile(bcv, course, "Mặc định", "ngan-hang.gift", fixture("ngan-hang.gift"));
    assertThat(gift.getResponseBody()).contains("Đã nhập 8 câu hỏi.", "1 câu hỏi không được nhập", "tự luận: «Bài luận»");

    List<Question> bank = bank(course);
    assertThat(bank).hasSize(15);
    assertThat(bank).extracting(Question::kind).containsOnly(QuestionKind.values());
    // The image embedded in the XML is course media, type checked by content, and the text points at it.
    String sha = db.sql("SELECT sha256 FROM course_media WHERE course_id = :c AND content_type = 'image/png'")
        .bind("c", courseId(course)).map((r, m) -> r.get("sha256", String.class)).one().block(Duration.ofSeconds(5));
    Question description = bank.get(0);
    assertThat(description.text()).contains("src=\"/question-media/" + sha + "\"").doesNotContain("@@PLUGINFILE@@");
    var page = bcv.get(course + "/questions/" + description.id()).getResponseBody();
    assertThat(page).contains("<strong>Thông tư 22</strong>", "src=\"" + course + "/media/" + sha + "\"");
    assertThat(bcv.get(course + "/media/" + sha).getStatus().is3xxRedirection()).isTrue();

    // Markup kept and cleaned whichever format it came from: no script, handler or javascript: reaches a page.
    Question single = bank.get(1);
    var singlePage = bcv.get(course + "/questions/" + single.id()).getResponseBody();
    assertThat(singlePage).contains("<em>mục đích</em>", "<strong>tiến bộ</strong>")
        .doesNotContain("<script>alert", "onerror=", "onclick=", "javascript:");
    assertThat(bcv.get(course + "/questions/" + bank.get(2).id()).getResponseBody()).contains("<th>Hình thức</th>");
    // The bank lists each question by its words, never its tags.
    assertThat(bcv.get(course + "/questions").getResponseBody()).contains("Theo Thông tư 22, đánh giá thường xuyên")
        .doesNotContain("&lt;p&gt;");
  }

  @Test
  void theBankExportsToGiftAndMoodleXmlAndImportsAgainUnchanged() throws Exception {
    var bcv = WebSession.loggedIn(web, lecturer, PW);
    String course = newCourse(bcv);
    importFile(bcv, course, "Mặc định", "ngan-hang-moodle.xml", fixture("ngan-hang-moodle.xml"));
    importFile(bcv, course, "Mặc định", "ngan-hang.gift", fixture("ngan-hang.gift"));
    List<Question> original = bank(course);

    var xml = bcv.get(course + "/questions/export.xml");
    assertThat(xml.getResponseHeaders().getContentType().toString()).startsWith("application/xml");
    assertThat(xml.getResponseHeaders().getContentDisposition().getType()).isEqualTo("attachment");
    assertThat(xml.getResponseBody()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>")
        .contains("<question type=\"category\">", "$course$/top/Bài 2 - Đổi mới kiểm tra", "$course$/top/Bài 3 - GIFT",
            "<file name=\"so-do.png\" path=\"/\" encoding=\"base64\">", "src=\"@@PLUGINFILE@@/so-do.png\"");
    var gift = bcv.get(course + "/questions/export.gift").getResponseBody();
    assertThat(gift).contains("$CATEGORY: $course$/top/Bài 3 - GIFT", "::Thủ đô::");

    for (var file : List.of(Map.entry("bank.xml", xml.getResponseBody()), Map.entry("bank.gift", gift))) {
      String other = newCourse(bcv);
      var imported = importFile(bcv, other, "Mặc định", file.getKey(), file.getValue().getBytes(StandardCharsets.UTF_8));
      assertThat(imported.getStatus().is3xxRedirection()).as(file.getKey() + ": " + imported.getResponseBody()).isTrue();
      List<Question> again = bank(other);
      assertThat(again).extracting(Question::category, Question::name, Question::kind, Question::fingerprint)
          .containsExactlyElementsOf(original.stream().map(q -> tuple(q.category(), q.name(), q.kind(), q.fingerprint())).toList());
      assertThat(again).extracting(Question::choices).containsExactlyElementsOf(original.stream().map(Question::choices).toList());
    }

    // One category alone.
    var category = bcv.get(course + "/questions/export.xml?category=Bài 3 - GIFT");
    assertThat(category.getResponseBody()).contains("Bài 3 - GIFT").doesNotContain("Bài 2 - Đổi mới kiểm tra");
  }

  @Test
  void importingTheSameFileAgainAsksAndSkipsOrReplacesWithoutDoubling() throws Exception {
    var bcv = WebSession.loggedIn(web, lecturer, PW);
    String course = newCourse(bcv);
    importFile(bcv, course, "Mặc định", "ngan-hang.gift", fixture("ngan-hang.gift"));
    List<Question> first = bank(course);
    assertThat(first).hasSize(8);

    // The same file again: the page says which questions are there already, and nothing changes yet.
    var again = importFile(bcv, course, "Mặc định", "ngan-hang.gift", fixture("ngan-hang.gift"));
    assertThat(again.getStatus().value()).isEqualTo(200);
    assertThat(again.getResponseBody()).contains("8 trong 8 câu hỏi của tệp đã có trong ngân hàng",
        "Bỏ qua các câu đã có", "Thay các câu đã có");
    assertThat(bank(course)).hasSize(8);
    var token = PENDING.matcher(again.getResponseBody());
    assertThat(token.find()).isTrue();

    // A file with one question changed and one new: skipping keeps the bank's and adds the new one.
    String changed = new String(fixture("ngan-hang.gift"), StandardCharsets.UTF_8)
        + "\n::Mới::Câu hỏi mới? {=Có ~Không}\n";
    var mixed = importFile(bcv, course, "Mặc định", "moi.gift", changed.getBytes(StandardCharsets.UTF_8));
    var mixedToken = PENDING.matcher(mixed.getResponseBody());
    assertThat(mixedToken.find()).isTrue();
    var skipped = confirm(bcv, course, "Mặc định", mixedToken.group(1), "SKIP");
    // The file's essay is skipped again, so the page itself says what happened.
    assertThat(skipped.getResponseBody()).contains("Đã nhập 1 câu hỏi.", "Bỏ qua 8 câu hỏi đã có trong ngân hàng.",
        "tự luận: «Bài luận»");
    assertThat(bank(course)).hasSize(9);

    // Replacing: the questions keep their ids (and their place in quizzes); none is added.
    var replaced = confirm(bcv, course, "Mặc định", token.group(1), "REPLACE");
    assertThat(replaced.getResponseBody()).contains("Đã nhập 0 câu hỏi.", "Đã thay 8 câu hỏi đã có bằng bản trong tệp.");
    assertThat(bank(course)).hasSize(9).extracting(Question::id).startsWith(first.stream().map(Question::id).toArray(String[]::new));

    // Used once: the kept file is gone, and the page says so in Vietnamese.
    var gone = confirm(bcv, course, "Mặc định", token.group(1), "SKIP");
    assertThat(gone.getStatus().value()).isEqualTo(422);
    assertThat(gone.getResponseBody()).contains("Tệp chờ xác nhận đã hết hạn");
    assertThat(bank(course)).hasSize(9);
  }
}
