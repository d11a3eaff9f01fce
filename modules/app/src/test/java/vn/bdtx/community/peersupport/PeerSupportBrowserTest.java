package vn.bdtx.community.peersupport;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Chromium;
import vn.bdtx.support.SampleFiles;

/**
 * Issue 17's "done" for peer support, on a phone in Debian's Chromium: a core teacher submits their plan, their
 * principal returns it with a comment, the teacher reads the comment and resubmits, the principal approves the new
 * version and the teacher sees it approved, the first version still listed.
 */
@BdtxIntegrationTest
@DirtiesContext
class PeerSupportBrowserTest {

  @LocalServerPort int port;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired Cohorts cohorts;

  static Page login(BrowserContext context, String base, String user) {
    Page page = context.newPage();
    page.setDefaultTimeout(30_000);
    Chromium.logInToDashboard(page, base, user, PeerSupportFixture.PW);
    return page;
  }

  @Test
  void aPlanIsSubmittedReturnedResubmittedAndApprovedByTheTeachersPrincipal() throws Exception {
    var f = new PeerSupportFixture(db, encoder, cohorts).create("");
    long run = f.run("Đợt mô đun 2", LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(10));
    Path dir = Path.of(System.getProperty("bdtx.test.screenshots", "target/screenshots"), "peer-support");
    Files.createDirectories(dir);
    String base = "http://127.0.0.1:" + port;
    try (var chromium = new Chromium()) {
      Page gv = login(chromium.browser().newContext(chromium.phone()), base, "gv.a");
      gv.locator("#menu summary").click();
      gv.locator("#menu a[href='/peer-support']").click();
      assertThat(gv.locator("h1")).hasText("Hỗ trợ đồng nghiệp");
      gv.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Đợt mô đun 2")).click();
      var plan = gv.locator("#kind-PLAN");
      plan.locator("input[type=file]").setInputFiles(new FilePayload("Kế hoạch hỗ trợ đồng nghiệp.pdf", "application/pdf",
          SampleFiles.pdf("Kế hoạch")));
      plan.getByLabel("Trần Văn Bình").check();
      plan.getByLabel("Cụm trường số 1").check();
      plan.locator("#submit-PLAN").click();
      assertThat(gv.locator("#version-PLAN-1")).containsText("Chờ phê duyệt");
      gv.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("1-submitted.png")).setFullPage(true));

      Page ht = login(chromium.browser().newContext(chromium.phone()), base, "ht.a");
      ht.navigate(base + "/peer-support/approvals");
      ht.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Nguyễn Thị Ánh")).click();
      assertThat(ht.locator("main")).containsText("Trần Văn Bình");
      ht.locator("#comment").fill("Bổ sung thời gian sinh hoạt chuyên môn của cụm");
      ht.locator("#return").click();
      assertThat(ht.locator("main")).containsText("Đã ghi quyết định");
      ht.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("2-returned.png")).setFullPage(true));

      gv.reload();
      assertThat(gv.locator("#version-PLAN-1")).containsText("Bị trả lại để chỉnh sửa");
      assertThat(gv.locator("#version-PLAN-1")).containsText("Bổ sung thời gian sinh hoạt chuyên môn của cụm");
      gv.locator("#kind-PLAN input[type=file]").setInputFiles(new FilePayload("Kế hoạch (sửa).docx",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document", SampleFiles.docx("Kế hoạch đã sửa")));
      gv.locator("#submit-PLAN").click();
      assertThat(gv.locator("#version-PLAN-2")).containsText("Chờ phê duyệt");

      ht.navigate(base + "/peer-support/approvals");
      ht.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Nguyễn Thị Ánh")).click();
      assertThat(ht.locator("main")).containsText("Lần nộp 2");
      ht.locator("#approve").click();
      assertThat(ht.locator("#empty-queue")).isVisible();

      gv.reload();
      assertThat(gv.locator("#version-PLAN-2")).containsText("Đã phê duyệt");
      assertThat(gv.locator("#version-PLAN-1")).containsText("Bị trả lại để chỉnh sửa");
      assertThat(gv.locator("#kind-PLAN form")).hasCount(0);
      gv.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("3-approved.png")).setFullPage(true));
    }
  }
}
