package vn.bdtx.catalog;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Chromium;
import vn.bdtx.support.TestAccounts;

/**
 * The lecture editor on a 390 px phone, for a course loaded from files: it fits
 * the width (the quiz settings used to make it 409 px), each quiz setting's label
 * sits above its control, and the lecturer reads, in their words, why nothing
 * can be changed here, with every field disabled.
 */
@BdtxIntegrationTest
class LectureEditorBrowserTest {

  static final String PW = "bao cao vien soan bai";
  static final String WHY = "Khóa học mẫu này do Tổ CNTT cài đặt từ tệp; muốn sửa, hãy tạo một khóa học mới hoặc liên hệ Tổ CNTT.";

  @LocalServerPort int port;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired Courses courses;

  @Test
  void aCourseFromFilesShowsItsLectureReadOnlyWithTheReasonAndFitsThePhone() throws Exception {
    new TestAccounts(db, encoder).create("bcv.sb", PW, Role.LECTURER);
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'")
        .map((r, m) -> ((Number) r.get(0)).longValue()).one().block(Duration.ofSeconds(5));
    var content = courses.latestVersion(course).block(Duration.ofSeconds(5)).content();
    String lecture = content.lectures().stream().filter(l -> l.quizCategory() != null && !l.quizCategory().isBlank())
        .findFirst().orElseThrow().id();
    Path dir = Path.of(System.getProperty("bdtx.test.screenshots", "target/screenshots"), "lecture-editor");
    Files.createDirectories(dir);

    try (var chromium = new Chromium()) {
      String base = "http://127.0.0.1:" + port;
      Page page = chromium.browser().newContext(chromium.phone()).newPage();
      Chromium.logInToDashboard(page, base, "bcv.sb", PW);

      page.navigate(base + "/lecturer/courses/" + course);
      assertThat(page.locator("main")).containsText(WHY);
      assertThat(page.locator("main")).not().containsText("content/courses");

      page.navigate(base + "/lecturer/courses/" + course + "/lectures/" + lecture);
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("lecture-from-files.png")).setFullPage(true));
      assertThat(((Number) page.evaluate("document.scrollingElement.scrollWidth")).intValue()).as("page width")
          .isLessThanOrEqualTo(390);
      assertThat(page.locator("#read-only")).hasText(WHY);
      assertThat(page.locator("#title")).isDisabled();
      assertThat(page.locator("#quizPolicy")).isDisabled();
      assertThat(page.locator("#quizQuestions")).isDisabled();
      for (String id : new String[] {"quizPolicy", "quizReview", "quizQuestions"}) {
        var label = page.locator("label[for=" + id + "]").boundingBox();
        var control = page.locator("#" + id).boundingBox();
        assertThat(label.y + label.height).as("label of " + id + " above its control").isLessThanOrEqualTo(control.y + 1);
      }
    }
  }
}
