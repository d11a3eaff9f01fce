package vn.bdtx.accounts;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Chromium;
import vn.bdtx.support.Province;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * On a phone, the IT admin imports a school's list as Excel saved it on a Vietnamese
 * Windows and reads which encoding was used and which columns were not read; then a
 * corrected list renames a teacher to another person: the row is held, and the admin
 * ticks it and chooses the same file again to confirm.
 */
@BdtxIntegrationTest
@DirtiesContext
class SchoolListsImportBrowserTest {

  @LocalServerPort int port;
  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;

  @Test
  void theItAdminReadsHowTheListWasReadAndConfirmsARenamedTeacher() throws Exception {
    new TestAccounts(db, encoder).create("cntt-dt", "nhap danh sach tren dien thoai", Role.IT_ADMIN);
    var province = new Province(WebSession.loggedIn(web, "cntt-dt", "nhap danh sach tren dien thoai"));
    long so = province.department("SO-DT", "Sở GD&ĐT Bình Phước");
    long pgd = province.district("PGD-DX", "Phòng GD&ĐT Đồng Xoài", so);
    province.school("TH-TAN-PHU", "Trường TH Tân Phú", pgd, null, "PRIMARY");
    province.school("THCS-DONG-XOAI", "Trường THCS Đồng Xoài", pgd, null, "LOWER_SECONDARY");

    Path dir = Path.of(System.getProperty("bdtx.test.screenshots", "target/screenshots"), "school-lists");
    Files.createDirectories(dir);
    Path windows = dir.resolve("danh-sach-giao-vien.csv");
    Files.write(windows, new ClassPathResource("imports/danh-sach-giao-vien.windows-1258.csv").getContentAsByteArray());
    Path renamed = dir.resolve("danh-sach-sua.csv");
    Files.writeString(renamed, "Họ và tên,Email,Trường,Cấp học,Chức vụ,Môn dạy chính\n"
        + "Nguyễn Văn Thu,hoa.nguyen.tg@thtanphu.edu.vn,Trường TH Tân Phú,Tiểu học,Giáo viên,Toán\n", StandardCharsets.UTF_8);

    try (var chromium = new Chromium()) {
      Page admin = chromium.browser().newContext(chromium.phone()).newPage();
      String base = "http://127.0.0.1:" + port;
      Chromium.logIn(admin, base, "cntt-dt", "nhap danh sach tren dien thoai");

      admin.navigate(base + "/admin/accounts/import");
      // The columns' table fits the phone: its meaning is read, not cut off at the screen's edge.
      assertThat(admin.locator("#columns tbody tr").first().locator("td").nth(3)).hasText("Họ tên đầy đủ, có dấu.");
      Chromium.fitsThePhone(admin, "#columns td");

      // A column named twice: the report says where, by the file's header and both columns' letters.
      Path twice = dir.resolve("email-hai-lan.csv");
      Files.writeString(twice, "Họ và tên,Email,Trường,Cấp học,Chức vụ,Email\n"
          + "Đỗ Thị Mỹ,my.dt@thtanphu.edu.vn,TH-TAN-PHU,TH,GV,my2@thtanphu.edu.vn\n", StandardCharsets.UTF_8);
      admin.setInputFiles("#file", twice);
      admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Kiểm tra và nhập")).click();
      var problem = admin.locator("#problems tbody tr").first();
      assertThat(problem.locator("td").nth(0)).hasText("1");
      assertThat(problem.locator("td").nth(1)).hasText("Email (cột F)");
      assertThat(problem.locator("td").nth(3)).containsText("cột B và cột F");
      Chromium.fitsThePhone(admin, "#problems td");
      admin.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("0-column-twice.png")).setFullPage(true));

      admin.setInputFiles("#file", windows);
      admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Kiểm tra và nhập")).click();
      assertThat(admin.locator(".alert.ok")).containsText("6 dòng, 6 tài khoản mới");
      assertThat(admin.locator("#encoding")).containsText("Đã đọc tệp theo bảng mã Windows-1258");
      assertThat(admin.locator("#ignored")).containsText("Cột D: “Giới tính”");
      admin.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("1-windows-1258.png")).setFullPage(true));
      assertThat((Integer) admin.evaluate("document.documentElement.scrollWidth")).isLessThanOrEqualTo(390);

      admin.setInputFiles("#file", renamed);
      admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Kiểm tra và nhập")).click();
      assertThat(admin.locator(".alert.ok")).containsText("0 tài khoản được cập nhật");
      assertThat(admin.locator("#flagged")).containsText("Nguyễn Thị Hoà");
      assertThat(admin.locator("#flagged")).containsText("Nguyễn Văn Thu");
      admin.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("2-held.png")).setFullPage(true));
      assertThat((Integer) admin.evaluate("document.documentElement.scrollWidth")).isLessThanOrEqualTo(390);
      assertThat(name()).isEqualTo("Nguyễn Thị Hoà");

      admin.getByLabel("Xác nhận dòng 2").check();
      admin.setInputFiles("#confirm-file", renamed);
      admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Xác nhận và ghi các dòng đã đánh dấu")).click();
      assertThat(admin.locator(".alert.ok")).containsText("1 tài khoản được cập nhật");
      assertThat(admin.locator("#changes")).containsText("Nguyễn Văn Thu");
      // The corrected list has no birth-date or phone column: those are kept, not erased.
      assertThat(admin.locator("#changes")).not().containsText("Ngày sinh");
      assertThat(admin.locator("#changes")).not().containsText("Điện thoại");
      assertThat(admin.locator("#flagged")).hasCount(0);
      admin.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("3-confirmed.png")).setFullPage(true));
      assertThat(name()).isEqualTo("Nguyễn Văn Thu");
    }
  }

  private String name() {
    return db.sql("SELECT full_name FROM account WHERE email = 'hoa.nguyen.tg@thtanphu.edu.vn'")
        .map((r, m) -> r.get(0, String.class)).one().block(Duration.ofSeconds(5));
  }
}
