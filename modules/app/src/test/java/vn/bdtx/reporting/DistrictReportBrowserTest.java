package vn.bdtx.reporting;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Chromium;
import vn.bdtx.support.ReportFixture;
import vn.bdtx.support.SharedProvinceContext;

/**
 * Issue 16's "done", tried as a district officer would in Debian's Chromium on a
 * phone: from the home page to the district's report, the run chosen and read
 * against 98%, down to a school, a class and a teacher, then the district's
 * results per teacher and the district's module results report downloaded as
 * XLSX and read back with Apache POI.
 */
@BdtxIntegrationTest
@SharedProvinceContext
class DistrictReportBrowserTest {

  @LocalServerPort int port;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired Cohorts cohorts;

  @Test
  void aDistrictOfficerReadsTheRunAgainstTheTargetDrillsDownToATeacherAndDownloadsTheResults() throws Exception {
    var p = ReportFixture.create(db, encoder, cohorts, "bt", 9_300_000, LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")));
    Path dir = Path.of(System.getProperty("bdtx.test.screenshots", "target/screenshots"), "reports");
    Files.createDirectories(dir);
    try (var chromium = new Chromium()) {
      String base = "http://127.0.0.1:" + port;
      Page page = chromium.browser().newContext(chromium.phone().setAcceptDownloads(true)).newPage();
      page.setDefaultTimeout(30_000);
      Chromium.logInToDashboard(page, base, p.username("pgd1"), ReportFixture.PASSWORD);

      page.locator("#reports-link").click();
      assertThat(page.locator("h1")).hasText("Phòng GD&ĐT huyện Một");
      page.locator("#run").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Đợt 1"));
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Xem")).click();
      assertThat(page.locator("#period-line")).containsText("Đợt «Đợt 1»");
      assertThat(page.locator("#completion-rate")).containsText("Tỉ lệ hoàn thành (mục tiêu 98%)");
      assertThat(page.locator("#completion-rate")).containsText("50,0%");
      assertThat(page.locator("#completion-rate")).containsText("còn thiếu 4 người");
      assertThat(page.locator("#chart-completion")).hasAttribute("role", "img");
      assertThat(page.locator("#chart-completion title")).hasText("Tỉ lệ hoàn thành theo đơn vị so với mục tiêu 98%");
      // Worst first: school 1 (20%) above school 2 (100%).
      assertThat(page.locator("#table-below tbody tr").first()).containsText("Trường Tiểu học Một");
      assertThat(page.locator("#table-below tbody tr").nth(1)).containsText("Trường Tiểu học Hai");
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("1-district.png")).setFullPage(true));

      Download download = page.waitForDownload(() -> page.locator("#export-people-xlsx").click());
      Path xlsx = dir.resolve("ket-qua-huyen.xlsx");
      download.saveAs(xlsx);
      Map<String, Row> byName = new HashMap<>();
      try (var wb = new XSSFWorkbook(Files.newInputStream(xlsx))) {
        var sheet = wb.getSheetAt(0);
        assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Họ và tên");
        assertThat(sheet.getRow(0).getCell(11).getStringCellValue()).isEqualTo("Điểm bài cuối khóa");
        assertThat(sheet.getLastRowNum()).as("ten enrollments of the district's teachers in the run").isEqualTo(10);
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
          var row = sheet.getRow(r);
          byName.put(row.getCell(0).getStringCellValue() + "|" + row.getCell(3).getStringCellValue(), row);
        }
        var a1 = byName.get("Giáo viên A1|Lớp bt 2");
        assertThat(a1.getCell(2).getStringCellValue()).isEqualTo("Trường Tiểu học Một");
        assertThat(a1.getCell(11).getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(a1.getCell(11).getNumericCellValue()).isEqualTo(9.5);
        assertThat(a1.getCell(12).getStringCellValue()).isEqualTo("Hoàn thành");
        assertThat(a1.getCell(15).getStringCellValue()).isEqualTo("BC-0001");
        assertThat(a1.getCell(6).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(40));
        assertThat(byName.get("Giáo viên A2|Lớp bt 2").getCell(12).getStringCellValue())
            .isEqualTo("Chưa hoàn thành: thiếu tiêu chí (ii)");
        assertThat(byName.get("Giáo viên A3|Lớp bt 1").getCell(14).getStringCellValue())
            .isEqualTo("Chưa bắt đầu học (lớp đã sang ngày 3)");
        assertThat(byName.keySet()).noneMatch(k -> k.startsWith("Giáo viên C"));
      }

      page.locator("#table-below").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions()
          .setName("Trường Tiểu học Một")).click();
      assertThat(page.locator("h1")).hasText("Trường Tiểu học Một");
      assertThat(page.locator(".trail")).containsText("Phòng GD&ĐT huyện Một");
      assertThat(page.locator("#behind-list")).containsText("Giáo viên A3");
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("2-school.png")).setFullPage(true));

      page.locator("#table-below").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions()
          .setName("Lớp bt 1")).click();
      assertThat(page.locator("h1")).hasText("Lớp bt 1");
      assertThat(page.locator("#class-day")).hasText("Hôm nay là ngày 14 của lớp.");
      assertThat(page.locator("#chart-funnel")).hasAttribute("role", "img");
      assertThat(page.locator("#table-people")).not().containsText("Giáo viên C1");
      page.locator("#remind-all button").click();
      assertThat(page.locator("#reminded")).containsText("Đã gửi nhắc việc cho 2 học viên");
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("3-class.png")).setFullPage(true));

      page.locator("#table-people").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions()
          .setName("Giáo viên A1")).click();
      assertThat(page.locator("h1")).hasText("Giáo viên A1");
      assertThat(page.locator("#table-history")).containsText("Lớp bt 2");
      assertThat(page.locator("#table-history")).containsText("BC-0001");
      assertThat(page.locator("#table-years")).containsText("40");
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("4-teacher.png")).setFullPage(true));

      // The module results report the district sends to the department: one line per school, then the total.
      page.navigate(base + "/");
      page.locator("main a[href='/reports/exports']").first().click();
      page.locator("#results-unit").selectOption(String.valueOf(p.district1));
      page.locator("#results-run").selectOption(String.valueOf(p.run));
      Download results = page.waitForDownload(() -> page.locator("#export-results button").first().click());
      Path report = dir.resolve("bao-cao-ket-qua-huyen.xlsx");
      results.saveAs(report);
      try (var wb = new XSSFWorkbook(Files.newInputStream(report))) {
        var sheet = wb.getSheetAt(0);
        assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("Đơn vị");
        assertThat(sheet.getRow(0).getCell(3).getStringCellValue()).isEqualTo("Số đăng ký");
        assertThat(sheet.getRow(0).getCell(4).getStringCellValue()).isEqualTo("Số hoàn thành");
        Map<String, Row> lines = new HashMap<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
          lines.put(sheet.getRow(r).getCell(1).getStringCellValue(), sheet.getRow(r));
        }
        assertThat(lines.keySet()).containsExactlyInAnyOrder("Trường Tiểu học Một", "Trường Tiểu học Hai", "Tổng cộng");
        var total = lines.get("Tổng cộng");
        for (int c = 3; c <= 4; c++) {
          assertThat(total.getCell(c).getCellType()).isEqualTo(CellType.NUMERIC);
          assertThat(total.getCell(c).getNumericCellValue()).isEqualTo(lines.get("Trường Tiểu học Một").getCell(c).getNumericCellValue()
              + lines.get("Trường Tiểu học Hai").getCell(c).getNumericCellValue());
        }
        // Registered = completed + not completed, on every line.
        lines.values().forEach(row -> assertThat(row.getCell(3).getNumericCellValue())
            .isEqualTo(row.getCell(4).getNumericCellValue() + row.getCell(6).getNumericCellValue()));
      }
    }
  }
}
