package vn.bdtx.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright, headless, for the browser tests:
 * Playwright never downloads a browser of its own, and assertions wait up to
 * 30 s because a busy 2-core CI machine renders slower than a laptop.
 */
public final class Chromium implements AutoCloseable {

  public static final String PATH = System.getProperty("bdtx.test.chromium", "/usr/bin/chromium");

  private final Playwright playwright;
  private final Browser browser;

  public Chromium() {
    PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(Path.of(PATH)).setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
  }

  /** A new browser profile with a phone-sized screen (390 × 844), as most teachers use. */
  public Browser.NewContextOptions phone() {
    return new Browser.NewContextOptions().setViewportSize(390, 844);
  }

  public Browser browser() {
    return browser;
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }

  /** Logs in through the login form as a person does: the page, the name, the password, "Đăng nhập". */
  public static void logIn(com.microsoft.playwright.Page page, String base, String username, String password) {
    page.navigate(base + "/login");
    page.getByLabel("Tên đăng nhập").fill(username);
    page.getByLabel("Mật khẩu").fill(password);
    page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new com.microsoft.playwright.Page.GetByRoleOptions().setName("Đăng nhập")).click();
  }

  /** {@link #logIn}, then waits for the dashboard, whose heading is "Trang chủ". */
  public static void logInToDashboard(com.microsoft.playwright.Page page, String base, String username, String password) {
    logIn(page, base, username, password);
    PlaywrightAssertions.assertThat(page.locator("h1")).hasText("Trang chủ");
  }

  /** Every cell of the selector lies within the phone's 390 px, and the page does not scroll sideways. */
  public static void fitsThePhone(com.microsoft.playwright.Page page, String cells) {
    @SuppressWarnings("unchecked")
    var rights = (java.util.List<Number>) page.evaluate("s => [...document.querySelectorAll(s)]"
        + ".map(e => e.getBoundingClientRect().right)", cells);
    org.assertj.core.api.Assertions.assertThat(rights).isNotEmpty()
        .allSatisfy(r -> org.assertj.core.api.Assertions.assertThat(r.doubleValue()).isLessThanOrEqualTo(390));
    org.assertj.core.api.Assertions.assertThat((Integer) page.evaluate("document.documentElement.scrollWidth"))
        .isLessThanOrEqualTo(390);
  }

}
