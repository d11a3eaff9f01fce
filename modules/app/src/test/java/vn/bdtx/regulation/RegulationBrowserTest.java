package vn.bdtx.regulation;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Chromium;
import vn.bdtx.support.TestAccounts;

/**
 * The IT admin on a phone: from the dashboard to the regulation page, a form
 * with mistakes (each named, in Vietnamese, nothing saved), then version 2 saved
 * and listed under version 1; the page fits 390 px.
 */
@BdtxIntegrationTest
@DirtiesContext
class RegulationBrowserTest {

  static final String PW = "quy dinh tren dien thoai";

  @LocalServerPort int port;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;

  @Test
  void theItAdminMakesANewVersionOnAPhone() throws Exception {
    new TestAccounts(db, encoder).create("it.dt", PW, Role.IT_ADMIN);
    Path screenshots = Path.of(System.getProperty("bdtx.test.screenshots", "target/screenshots"));
    Files.createDirectories(screenshots);
    String base = "http://127.0.0.1:" + port;
    try (var chromium = new Chromium()) {
      Page page = chromium.browser().newContext(chromium.phone()).newPage();
      Chromium.logIn(page, base, "it.dt", PW);
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Quy định đánh giá và hoàn thành")).click();
      assertThat(page.locator("h1")).hasText("Quy định đánh giá và hoàn thành");
      assertThat(page.locator("#current h2")).containsText("Phiên bản đang áp dụng: số 1");
      assertThat(page.getByLabel("Điểm đạt (bài tập cuối khóa)")).hasValue("5,0");
      page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve("regulation-1.png")).setFullPage(true));

      page.getByLabel("Điểm đạt (bài tập cuối khóa)").fill("6,05");
      page.getByLabel("Số mô đun mỗi năm học").fill("ba");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lưu thành phiên bản mới")).click();
      assertThat(page.locator("#problems")).containsText("Điểm đạt (bài tập cuối khóa): \"6,05\" chỉ được có một chữ số thập phân.");
      assertThat(page.locator("#problems")).containsText("Số mô đun mỗi năm học: \"ba\" không phải là số.");
      assertThat(page.locator("#problems")).containsText("Lý do thay đổi: chưa nhập.");
      assertThat(page.locator("#versions tbody tr")).hasCount(1);
      page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve("regulation-2-refused.png")).setFullPage(true));
      assertThat(((Number) page.evaluate("document.scrollingElement.scrollWidth")).intValue()).as("page width").isLessThanOrEqualTo(390);

      page.getByLabel("Điểm đạt (bài tập cuối khóa)").fill("6,0");
      page.getByLabel("Số mô đun mỗi năm học").fill("3");
      page.getByLabel("Lý do thay đổi").fill("Quyết định số 12/QĐ-SGDĐT");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lưu thành phiên bản mới")).click();
      assertThat(page.locator("#saved")).hasText("Đã lưu phiên bản 2. Các lớp mở từ bây giờ áp dụng phiên bản này.");
      assertThat(page.locator("#versions tbody tr")).hasCount(2);
      assertThat(page.locator("#versions tbody tr").first()).containsText("Quyết định số 12/QĐ-SGDĐT");
      page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve("regulation-3-saved.png")).setFullPage(true));
      assertThat(((Number) page.evaluate("document.scrollingElement.scrollWidth")).intValue()).as("page width").isLessThanOrEqualTo(390);
    }
  }
}
