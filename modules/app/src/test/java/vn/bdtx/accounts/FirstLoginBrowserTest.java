package vn.bdtx.accounts;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Chromium;
import vn.bdtx.support.FirstAdminLog;

/**
 * What a new IT admin does on day one, in a real browser (Debian's Chromium):
 * open the login page, log in with the printed password, be made to change it,
 * land on the Vietnamese dashboard.
 */
@BdtxIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "bdtx.admin.username=admin")
@DirtiesContext
class FirstLoginBrowserTest {

  @LocalServerPort int port;

  @Test
  void theFirstAdminLogsInIsMadeToChangeThePasswordAndLandsOnTheDashboard(CapturedOutput output) throws Exception {
    String password = FirstAdminLog.passwordIn(output.getOut());
    Path screenshots = Path.of(System.getProperty("bdtx.test.screenshots", "target/screenshots"));
    Files.createDirectories(screenshots);

    try (var chromium = new Chromium()) {
      var context = chromium.browser().newContext(chromium.phone());
      Page page = context.newPage();
      page.navigate("http://127.0.0.1:" + port + "/");

      assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login$"));
      assertThat(page.locator("h1")).hasText("Đăng nhập");
      page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve("1-login.png")).setFullPage(true));

      page.getByLabel("Tên đăng nhập").fill("admin");
      page.getByLabel("Mật khẩu").fill(password);
      page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
          new Page.GetByRoleOptions().setName("Đăng nhập")).click();

      assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/account/password$"));
      assertThat(page.locator(".alert.info")).containsText("lần đăng nhập đầu tiên");
      page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve("2-change-password.png")).setFullPage(true));

      page.getByLabel("Mật khẩu hiện tại").fill(password);
      page.getByLabel("Mật khẩu mới", new Page.GetByLabelOptions().setExact(true)).fill("sang nay troi dep qua");
      page.getByLabel("Nhập lại mật khẩu mới").fill("sang nay troi dep qua");
      page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
          new Page.GetByRoleOptions().setName("Lưu mật khẩu mới")).click();

      assertThat(page.locator("h1")).hasText("Trang chủ");
      assertThat(page.locator(".alert.ok")).hasText("Đã đổi mật khẩu.");
      assertThat(page.locator(".lead")).hasText("Xin chào, Quản trị hệ thống.");
      Path dashboard = screenshots.resolve("3-dashboard.png");
      page.screenshot(new Page.ScreenshotOptions().setPath(dashboard).setFullPage(true));
      assertThat(Files.size(dashboard)).isPositive();
    }
  }
}
