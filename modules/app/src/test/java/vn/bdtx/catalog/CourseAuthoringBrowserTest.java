package vn.bdtx.catalog;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
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
 * Issue 4's "done", tried as a new lecturer would in Debian's Chromium on a
 * phone-sized screen: create a course, upload a PDF and a video, import a GIFT
 * file with a mistake and read which line is wrong, fix and import it, import
 * the survey, write the final assignment (a rubric that does not add up to 10
 * first), preview as a learner — the video really plays from the store — and
 * publish version 1.
 */
@BdtxIntegrationTest
class CourseAuthoringBrowserTest {

  static final Path MEDIA = Path.of("../../content/courses/gv-02-thcs/media");

  @LocalServerPort int port;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;

  @Test
  void aLecturerWritesACourseImportsQuestionsAfterAMistakePreviewsAndPublishes() throws Exception {
    new TestAccounts(db, encoder).create("bcv-toan", "bao cao vien mon toan", Role.LECTURER);
    Path dir = Path.of(System.getProperty("bdtx.test.screenshots", "target/screenshots"), "course");
    Files.createDirectories(dir);
    Path broken = dir.resolve("cau-hoi-bai-1-loi.gift");
    Path fixed = dir.resolve("cau-hoi-bai-1.gift");
    Path survey = dir.resolve("khao-sat.gift");
    Files.writeString(broken, quiz(false));
    Files.writeString(fixed, quiz(true));
    Files.writeString(survey, """
        ::KS1::Nội dung mô đun đáp ứng nhu cầu công việc của tôi. {~Đồng ý ~Phân vân ~Không đồng ý}

        ::KS2::Video bài giảng xem được trên điện thoại của tôi. {~Đồng ý ~Phân vân ~Không đồng ý}
        """);

    try (var chromium = new Chromium()) {
      String base = "http://127.0.0.1:" + port;
      Page page = chromium.browser().newContext(chromium.phone()).newPage();
      page.setDefaultTimeout(30_000);
      Chromium.logInToDashboard(page, base, "bcv-toan", "bao cao vien mon toan");

      // A new course for module GV-02, lower secondary, mathematics.
      page.navigate(base + "/lecturer/courses");
      page.selectOption("#module", new SelectOption().setValue("GV-02"));
      page.selectOption("#level", "LOWER_SECONDARY");
      page.fill("#subject", "Toán");
      page.fill("#title", "Dạy học phát triển năng lực môn Toán THCS");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Tạo khóa học")).click();
      assertThat(page.locator("h1")).hasText("Dạy học phát triển năng lực môn Toán THCS");
      assertThat(page.locator("#blockers")).containsText("Chưa có bài giảng nào.");

      // Two lectures: one with the PDF, one with the video.
      lecture(page, "Bài 1. Kĩ thuật khăn trải bàn trong giờ Toán",
          "## Mục tiêu\n\n- tổ chức được **kĩ thuật khăn trải bàn**;\n- đánh giá được sản phẩm nhóm.", MEDIA.resolve("phieu-ky-thuat-day-hoc.pdf"));
      lecture(page, "Bài 2. Dạy học giải quyết vấn đề",
          "Xem video rồi thử với một bài toán thực tế.", MEDIA.resolve("gioi-thieu-mo-dun-2.webm"));
      assertThat(page.locator("#lectures li")).hasCount(2);
      assertThat(page.locator("#lectures")).containsText("phieu-ky-thuat-day-hoc.pdf");
      assertThat(page.locator("#lectures")).containsText("gioi-thieu-mo-dun-2.webm");

      // A GIFT file with a mistake: the page names the line, nothing is imported.
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Ngân hàng câu hỏi")).first().click();
      importQuestions(page, "Câu hỏi bài 1", broken);
      assertThat(page.locator("#problems")).containsText("không câu hỏi nào được nhập");
      var row = page.locator("#import-problems tbody tr").first();
      assertThat(row.locator("td").nth(0)).hasText("6");
      assertThat(row.locator("td").nth(1)).hasText("Không có đáp án đúng (đánh dấu bằng = hoặc trọng số dương)");
      assertThat(row.locator("td").nth(2)).hasText("C2");
      assertThat(page.getByText("Ngân hàng chưa có câu hỏi nào.")).isVisible();
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("1-gift-error.png")).setFullPage(true));

      importQuestions(page, "Câu hỏi bài 1", fixed);
      assertThat(page.locator(".alert.ok")).hasText("Đã nhập 5 câu hỏi.");
      importQuestions(page, "Khảo sát cuối khóa", survey);
      assertThat(page.locator(".alert.ok")).hasText("Đã nhập 2 câu hỏi.");
      assertThat(page.locator("main")).containsText("Câu hỏi bài 1 5 câu");

      // Lecture 1 gets its quiz.
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Bài giảng").setExact(true)).click();
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Bài 1. Kĩ thuật khăn trải bàn trong giờ Toán")).click();
      page.selectOption("#quizCategory", "Câu hỏi bài 1");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lưu").setExact(true)).click();
      assertThat(page.locator(".alert.ok")).hasText("Đã lưu bản nháp.");
      assertThat(page.locator("#lectures")).containsText("Câu hỏi bài 1 (5 câu)");

      // The final assignment: a rubric that adds up to 9 is refused and kept in the form.
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Bài tập cuối khóa")).first().click();
      page.fill("#brief", "Xây dựng một kế hoạch bài dạy môn Toán dùng kĩ thuật khăn trải bàn.");
      page.fill("#rubric", "Mục tiêu | 2 | rõ, đo được\nHoạt động học | 4 | đủ bốn hoạt động\nĐánh giá | 3 | có công cụ");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lưu").setExact(true)).click();
      assertThat(page.locator("#rubric-problems")).containsText("9");
      assertThat(page.locator("#rubric")).hasValue("Mục tiêu | 2 | rõ, đo được\nHoạt động học | 4 | đủ bốn hoạt động\nĐánh giá | 3 | có công cụ");
      page.fill("#rubric", "Mục tiêu | 2 | rõ, đo được\nHoạt động học | 4 | đủ bốn hoạt động\nĐánh giá | 3 | có công cụ\nTrình bày | 1 | đúng mẫu");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lưu").setExact(true)).click();
      assertThat(page.locator(".alert.ok")).hasText("Đã lưu bản nháp.");
      assertThat(page.locator("#blockers")).hasCount(0);

      // Preview as a learner: the PDF link and a video that loads from the store and seeks (range requests).
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Xem như học viên")).first().click();
      assertThat(page.locator("#outline li")).hasCount(2);
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Bài 1. Kĩ thuật khăn trải bàn trong giờ Toán")).click();
      assertThat(page.locator("#lecture-pdf")).containsText("phieu-ky-thuat-day-hoc.pdf");
      assertThat(page.locator(".lecture-body strong")).hasText("kĩ thuật khăn trải bàn");
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("Bài 2\\. Dạy học giải quyết vấn đề"))).click();
      page.waitForFunction("() => { const v = document.getElementById('lecture-video'); return v && v.readyState >= 1 && v.duration > 4; }");
      page.evaluate("() => { document.getElementById('lecture-video').currentTime = 4; }");
      page.waitForFunction("() => { const v = document.getElementById('lecture-video'); return !v.seeking && v.currentTime >= 4 && v.readyState >= 2; }");
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("2-preview-video.png")).setFullPage(true));

      // Publish: version 1.
      page.click("#preview-back");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Xuất bản bản mới")).click();
      assertThat(page.locator(".alert.ok")).containsText("Đã xuất bản bản 1.");
      assertThat(page.locator("#versions tbody tr")).hasCount(1);
      assertThat(page.locator("#versions")).containsText("Bản 1");
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("3-published.png")).setFullPage(true));
    }
  }

  private static void lecture(Page page, String title, String body, Path file) {
    page.fill("#title", title);
    page.fill("#body", body);
    page.setInputFiles("#file", file);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Thêm bài giảng")).click();
    assertThat(page.locator(".alert.ok")).hasText("Đã lưu bản nháp.");
  }

  private static void importQuestions(Page page, String category, Path file) {
    page.fill("#category", category);
    page.setInputFiles("#file", file);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Nhập câu hỏi từ tệp")).click();
  }

  /** Five questions; without the fix, the second has no right answer (reported at line 6, where its answers open). */
  private static String quiz(boolean fixed) {
    return """
        // Câu hỏi bài 1: kĩ thuật khăn trải bàn

        ::C1::Kĩ thuật khăn trải bàn chia tờ giấy thành phần chung và các phần cá nhân. {TRUE}

        ::C2::Mỗi nhóm nên có bao nhiêu học sinh?
        {
          %s4 đến 6
          ~1 đến 2
          ~cả lớp
        }

        ::C3::Phần giữa tờ giấy ghi gì? {=Ý kiến chung của nhóm ~Ý kiến của giáo viên ~Đáp án}

        ::C4::Chọn các bước của kĩ thuật: {~%%50%%Làm việc cá nhân ~%%50%%Thống nhất ý kiến chung ~%%-100%%Chép bài của bạn}

        ::C5::Kĩ thuật này chỉ dùng được trong giờ Ngữ văn. {FALSE#Dùng được ở mọi môn.}
        """.formatted(fixed ? "=" : "~");
  }
}
