package vn.bdtx.home;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
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
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.SharedClockContext;
import vn.bdtx.support.TestAccounts;

/**
 * Small things the tester saw on a phone: an account without a school reads
 * "gv.x" (not "gv.x · "); the exemption form's example is this school year;
 * "Khóa học của tôi" is offered only to someone who is or was enrolled.
 */
@BdtxIntegrationTest
@SharedClockContext
class AccountPagesBrowserTest {

  static final String PW = "trang tai khoan nho";

  @LocalServerPort int port;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;

  @Test
  void anEmptySchoolLeavesNoDotTheYearHintIsThisYearAndMyCoursesOnlyForLearners() throws Exception {
    clock.setVietnam("2026-12-01T09:00:00");
    var accounts = new TestAccounts(db, encoder);
    accounts.create("cntt.nho", PW, Role.IT_ADMIN);
    accounts.create("csbd.nho", PW, Role.INSTITUTION);
    long teacher = accounts.create("gv.nho", PW, Role.LEARNER);
    Path dir = Path.of(System.getProperty("bdtx.test.screenshots", "target/screenshots"), "account-pages");
    Files.createDirectories(dir);
    String base = "http://127.0.0.1:" + port;
    try (var chromium = new Chromium()) {
      Page page = chromium.browser().newContext(chromium.phone()).newPage();
      login(page, base, "cntt.nho");
      assertThat(page.locator("#my-courses-link")).hasCount(0);
      page.navigate(base + "/admin/accounts/" + teacher);
      assertThat(page.locator("#account-lead")).hasText("gv.nho");
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("account.png")).setFullPage(true));
      page.navigate(base + "/exemptions/" + teacher);
      assertThat(page.locator("label[for=schoolYear]")).hasText("Năm học (ví dụ 2026-2027)");
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("exemption.png")).setFullPage(true));

      page.context().clearCookies();
      login(page, base, "csbd.nho");
      assertThat(page.locator("#my-courses-link")).hasCount(0);
      assertThat(page.locator("main")).not().containsText("Khóa học của tôi");
    }
  }

  private static void login(Page page, String base, String username) {
    Chromium.logInToDashboard(page, base, username, PW);
  }
}
