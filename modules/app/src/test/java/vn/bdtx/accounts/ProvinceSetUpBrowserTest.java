package vn.bdtx.accounts;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
 * Issue 3's "done": a new IT admin builds a small province, imports 200 learners
 * from XLSX after a broken file, downloads a credential sheet, and one imported
 * teacher logs in, is made to change the password, edits the profile and asks to
 * change school — all in Debian's Chromium, on a phone-sized screen.
 */
@BdtxIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "bdtx.admin.username=tocntt")
@DirtiesContext
class ProvinceSetUpBrowserTest {

  @LocalServerPort int port;

  @Test
  void anItAdminBringsTwoHundredTeachersOnAndOneOfThemStarts(CapturedOutput output) throws Exception {
    String firstPassword = FirstAdminLog.passwordIn(output.getOut());
    Path dir = Path.of(System.getProperty("bdtx.test.screenshots", "target/screenshots"), "province");
    Files.createDirectories(dir);
    Path broken = dir.resolve("danh-sach-loi.xlsx");
    Path good = dir.resolve("danh-sach-200.xlsx");
    writeList(broken, 5, true);
    writeList(good, 200, false);

    try (var chromium = new Chromium()) {
      Browser browser = chromium.browser();
      String base = "http://127.0.0.1:" + port;
      Page admin = browser.newContext(chromium.phone().setAcceptDownloads(true)).newPage();
      Chromium.logIn(admin, base, "tocntt", firstPassword);
      admin.getByLabel("Mật khẩu hiện tại").fill(firstPassword);
      admin.getByLabel("Mật khẩu mới", new Page.GetByLabelOptions().setExact(true)).fill("to cong nghe thong tin so");
      admin.getByLabel("Nhập lại mật khẩu mới").fill("to cong nghe thong tin so");
      admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lưu mật khẩu mới")).click();
      assertThat(admin.locator("h1")).hasText("Trang chủ");

      // The province: department, two district offices, two clusters, six schools.
      admin.navigate(base + "/admin/org");
      // On a phone each level's box sits on the line of its name, before it (not centred on a line of its own).
      var box = admin.locator("input[name=levels]").first().boundingBox();
      var name = admin.locator("input[name=levels] + span").first().boundingBox();
      org.assertj.core.api.Assertions.assertThat(box.x + box.width).as("box before its name").isLessThanOrEqualTo(name.x);
      org.assertj.core.api.Assertions.assertThat(Math.abs((box.y + box.height / 2) - (name.y + name.height / 2)))
          .as("box on its name's line").isLessThan(name.height);
      unit(admin, "DEPARTMENT", "SO-BP", "Sở GD&ĐT Bình Phước", null, null);
      unit(admin, "DISTRICT_OFFICE", "PGD-DX", "Phòng GD&ĐT Đồng Xoài", "Sở GD&ĐT Bình Phước (SO-BP)", null);
      unit(admin, "DISTRICT_OFFICE", "PGD-BL", "Phòng GD&ĐT Bình Long", "Sở GD&ĐT Bình Phước (SO-BP)", null);
      unit(admin, "CLUSTER", "CUM-DX", "Cụm trường Đồng Xoài", "Phòng GD&ĐT Đồng Xoài (PGD-DX)", null);
      unit(admin, "CLUSTER", "CUM-BL", "Cụm trường Bình Long", "Phòng GD&ĐT Bình Long (PGD-BL)", null);
      for (int i = 1; i <= 3; i++) {
        unit(admin, "SCHOOL", "TH-DX-" + i, "Trường TH Đồng Xoài " + i, "Phòng GD&ĐT Đồng Xoài (PGD-DX)", "Cụm trường Đồng Xoài");
        unit(admin, "SCHOOL", "TH-BL-" + i, "Trường TH Bình Long " + i, "Phòng GD&ĐT Bình Long (PGD-BL)", "Cụm trường Bình Long");
      }
      assertThat(admin.locator("table.list tbody tr")).hasCount(11);
      admin.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("1-province.png")).setFullPage(true));

      // A broken list first: the report names rows and columns, nothing is written.
      admin.navigate(base + "/admin/accounts/import");
      admin.setInputFiles("#file", broken);
      admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Kiểm tra và nhập")).click();
      assertThat(admin.locator(".alert.error").first()).containsText("lỗi");
      assertThat(admin.locator("#problems")).containsText("Không có trường nào mang mã hay tên này");
      admin.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("2-import-report.png")).setFullPage(true));

      admin.setInputFiles("#file", good);
      admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Kiểm tra và nhập")).click();
      assertThat(admin.locator(".alert.ok")).containsText("200 dòng, 200 tài khoản mới");

      // The credential sheet of Trường TH Đồng Xoài 1.
      admin.navigate(base + "/admin/accounts/credentials");
      var row = admin.locator("tr", new Page.LocatorOptions().setHasText("TH-DX-1"));
      var download = admin.waitForDownload(() -> row.getByRole(AriaRole.BUTTON).click());
      Path sheet = dir.resolve("phieu-TH-DX-1.xlsx");
      download.saveAs(sheet);
      String login;
      String oneTime;
      try (var wb = new XSSFWorkbook(new FileInputStream(sheet.toFile()))) {
        var first = wb.getSheetAt(0).getRow(3);
        login = first.getCell(2).getStringCellValue();
        oneTime = first.getCell(3).getStringCellValue();
      }
      assertThat(login).endsWith("@dongxoai.edu.vn");

      // The teacher, on their own phone.
      Page teacher = browser.newContext(chromium.phone()).newPage();
      teacher.navigate(base + "/");
      teacher.getByLabel("Tên đăng nhập").fill(login);
      teacher.getByLabel("Mật khẩu").fill(oneTime);
      teacher.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
      assertThat(teacher).hasURL(Pattern.compile(".*/account/password$"));
      teacher.getByLabel("Mật khẩu hiện tại").fill(oneTime);
      teacher.getByLabel("Mật khẩu mới", new Page.GetByLabelOptions().setExact(true)).fill("hoc tap suot doi cung dong nghiep");
      teacher.getByLabel("Nhập lại mật khẩu mới").fill("hoc tap suot doi cung dong nghiep");
      teacher.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lưu mật khẩu mới")).click();
      assertThat(teacher.locator("h1")).hasText("Trang chủ");
      assertThat(teacher.locator("body")).containsText("Học viên");

      teacher.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Hồ sơ cá nhân")).click();
      teacher.getByLabel("Điện thoại").fill("0912 345 678");
      teacher.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lưu hồ sơ")).click();
      assertThat(teacher.locator(".alert.ok")).hasText("Đã lưu hồ sơ.");
      assertThat(teacher.getByLabel("Điện thoại")).hasValue("0912345678");

      teacher.getByLabel("Nội dung cần sửa").selectOption("SCHOOL");
      teacher.getByLabel("Mã trường mới").fill("TH-BL-2");
      teacher.getByLabel("Lý do").fill("Tôi đã chuyển công tác sang Trường TH Bình Long 2.");
      teacher.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Gửi đề nghị")).click();
      assertThat(teacher.locator(".alert.ok")).containsText("Đã gửi đề nghị");
      assertThat(teacher.locator("body")).containsText("đang chờ duyệt");
      teacher.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("3-teacher-profile.png")).setFullPage(true));

      admin.navigate(base + "/admin/requests");
      assertThat(admin.locator("main")).containsText("TH-BL-2 — Trường TH Bình Long 2");
    }
  }

  private static void unit(Page page, String kind, String code, String name, String parent, String cluster) {
    page.selectOption("#kind", kind);
    page.fill("#code", code);
    page.fill("#name", name);
    page.selectOption("#parentId", parent == null ? new SelectOption().setValue("") : new SelectOption().setLabel(parent));
    if ("SCHOOL".equals(kind)) {
      page.check("input[name=levels][value=PRIMARY]");
      page.selectOption("#clusterId", new SelectOption().setLabel(cluster));
    }
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Thêm đơn vị")).click();
    page.waitForURL(Pattern.compile(".*created=.*"));
    assertThat(page.locator(".alert")).hasText("Đã thêm đơn vị.");
  }

  /** A school's list as an XLSX: {@code rows} teachers spread over the Đồng Xoài and Bình Long schools. */
  private static void writeList(Path file, int rows, boolean withErrors) throws Exception {
    String[] header = {"ho_va_ten", "email", "ngay_sinh", "dien_thoai", "ma_truong", "cap_hoc", "chuc_vu", "mon_chinh"};
    String[] family = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ"};
    String[] given = {"Thị Hoa", "Văn Minh", "Thu Hà", "Quốc Bảo", "Ngọc Lan"};
    try (var wb = new XSSFWorkbook(); var out = new FileOutputStream(file.toFile())) {
      var sheet = wb.createSheet("Danh sách");
      var h = sheet.createRow(0);
      for (int c = 0; c < header.length; c++) {
        h.createCell(c).setCellValue(header[c]);
      }
      for (int i = 1; i <= rows; i++) {
        boolean dx = i % 2 == 1;
        String school = (dx ? "TH-DX-" : "TH-BL-") + (1 + (i / 2) % 3);
        String[] cells = {family[i % family.length] + " " + given[i % given.length],
            "gv" + i + (dx ? "@dongxoai.edu.vn" : "@binhlong.edu.vn"), "15/0" + (1 + i % 9) + "/1980",
            "09" + String.format("%08d", i), school, "TH", "GV", "Toán"};
        if (withErrors && i == 2) {
          cells[4] = "TH-KHONG-CO";
        }
        if (withErrors && i == 3) {
          cells[2] = "31/02/1985";
        }
        var r = sheet.createRow(i);
        for (int c = 0; c < cells.length; c++) {
          r.createCell(c).setCellValue(cells[c]);
        }
      }
      wb.write(out);
    }
  }
}
