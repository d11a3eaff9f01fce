package vn.bdtx.catalog;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * A lecturer who does not know GIFT writes a multiple-answer question on a
 * 390 px phone: the page says as the weights are typed whether the right choices
 * make 100% (a decimal comma accepted), a row is added, the question is saved
 * and listed in the bank.
 */
@BdtxIntegrationTest
class QuestionFormBrowserTest {

  @LocalServerPort int port;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;

  private static com.microsoft.playwright.Locator field(Page page, String name) {
    return page.locator("[name='" + name + "']:not([type=hidden])");
  }

  @Test
  void aLecturerTypesWeightsSeesTheSumAndSavesTheQuestionFromAPhone() throws Exception {
    new TestAccounts(db, encoder).create("bcv-bieu-mau", "bao cao vien bieu mau", Role.LECTURER);
    Path dir = Path.of(System.getProperty("bdtx.test.screenshots", "target/screenshots"), "question-form");
    Files.createDirectories(dir);
    try (var chromium = new Chromium()) {
      String base = "http://127.0.0.1:" + port;
      Page page = chromium.browser().newContext(chromium.phone()).newPage();
      page.setDefaultTimeout(30_000);
      Chromium.logInToDashboard(page, base, "bcv-bieu-mau", "bao cao vien bieu mau");

      page.navigate(base + "/lecturer/courses");
      page.selectOption("#module", new SelectOption().setValue("GV-02"));
      page.selectOption("#level", "LOWER_SECONDARY");
      page.fill("#subject", "Ngữ văn");
      page.fill("#title", "Dạy học tích cực môn Ngữ văn THCS");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Tạo khóa học")).click();
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Ngân hàng câu hỏi")).first().click();
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Thêm câu hỏi")).click();
      assertThat(page.locator("h1")).hasText("Thêm câu hỏi");

      page.fill("#category", "Câu hỏi bài 1");
      page.fill("#text", "Chọn các kĩ thuật dạy học tích cực:\n(chọn hai)");
      page.selectOption("#kind", "MULTIPLE");
      // The true/false part is hidden for a multiple-answer question.
      assertThat(page.locator("#true-false")).isHidden();
      assertThat(page.getByText("Phân biệt chữ hoa, chữ thường")).isHidden();
      field(page, "rows[0].text").fill("Khăn trải bàn");
      field(page, "rows[0].right").check();
      field(page, "rows[0].weight").fill("50");
      field(page, "rows[1].text").fill("Mảnh ghép");
      field(page, "rows[1].right").check();
      field(page, "rows[1].weight").fill("40");
      assertThat(page.locator("#weight-sum")).hasText("Các lựa chọn đúng cộng lại 90%, phải đúng 100%.");
      // Saved anyway: the server refuses beside the choices, everything typed still there.
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lưu").setExact(true)).click();
      assertThat(page.locator("#rows-error")).hasText("Các lựa chọn đúng cộng lại 90%, phải đúng 100%.");
      assertThat(page.locator("#problems")).containsText("Chưa có gì thay đổi.");
      assertThat(page.locator("#text")).hasValue("Chọn các kĩ thuật dạy học tích cực:\n(chọn hai)");
      assertThat(field(page, "rows[1].weight")).hasValue("40");
      assertThat(field(page, "rows[1].right")).isChecked();
      assertThat(page.locator("#weight-sum")).hasText("Các lựa chọn đúng cộng lại 90%, phải đúng 100%.");
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("0-refused.png")).setFullPage(true));
      field(page, "rows[2].text").fill("Đọc chép");
      field(page, "rows[2].weight").fill("25");
      assertThat(page.locator("#weight-sum")).hasText("Lựa chọn 3: lựa chọn sai chỉ được có trọng số 0% hoặc âm.");
      field(page, "rows[2].weight").fill("−100");
      field(page, "rows[1].weight").fill("50,0");
      assertThat(page.locator("#weight-sum")).hasText("Các lựa chọn đúng cộng lại 100% — hợp lệ.");
      field(page, "rows[0].feedback").fill("Đúng: học sinh cùng viết rồi thống nhất.");
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("1-weights.png")).setFullPage(true));
      assertThat(((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);

      // One more row, without losing what was typed (a real submit; the server draws the row).
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Thêm một lựa chọn")).click();
      assertThat(page.locator("fieldset.choice-row")).hasCount(5);
      assertThat(field(page, "rows[1].weight")).hasValue("50,0");
      assertThat(field(page, "rows[0].right")).isChecked();
      field(page, "rows[4].text").fill("Thuyết trình");
      assertThat(page.locator("#weight-sum")).hasText("Các lựa chọn đúng cộng lại 100% — hợp lệ.");

      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lưu").setExact(true)).click();
      assertThat(page.locator(".alert.ok")).hasText("Đã lưu bản nháp.");
      assertThat(page.locator("main")).containsText("Câu hỏi bài 1 1 câu");
      assertThat(page.locator("main")).containsText("Chọn các kĩ thuật dạy học tích cực");
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("2-in-the-bank.png")).setFullPage(true));

      // The same question in the GIFT box.
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sửa bằng biểu mẫu")).click();
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sửa bằng GIFT (dành cho người quen viết GIFT)")).click();
      assertThat(page.locator("#gift")).hasValue(java.util.regex.Pattern.compile(
          ".*~%50%Khăn trải bàn#Đúng\\\\: học sinh cùng viết rồi thống nhất\\..*~%50%Mảnh ghép.*~%-100%Đọc chép.*~%0%Thuyết trình.*", java.util.regex.Pattern.DOTALL));
    }
  }
}
