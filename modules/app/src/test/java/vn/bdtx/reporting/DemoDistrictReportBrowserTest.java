package vn.bdtx.reporting;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Chromium;
import vn.bdtx.support.Sql;

/**
 * Issue 16's "done" on the demo province itself (BDTX_DEMO=true), in Debian's
 * Chromium on a phone: the district officer phong.demo opens the reports from
 * the home page, reads the demo run against 98%, drills down to a school, a
 * class and a teacher, and downloads the district's module results report from
 * the exports page; its lines are read with Apache POI and checked against the
 * enrollments themselves (not the read model the page was drawn from).
 */
@BdtxIntegrationTest
@TestPropertySource(properties = "bdtx.demo.enabled=true")
class DemoDistrictReportBrowserTest {

  @LocalServerPort int port;
  @Autowired DatabaseClient db;
  @Autowired ReportRefresher refresher;
  @Autowired ReportRebuild rebuild;

  /** Whether no text of the chart shares a pixel with a target line, as the browser lays them out. */
  static final String NOTHING_CROSSES_THE_TARGET = """
      id => {
        const svg = document.querySelector(id);
        const lines = [...svg.querySelectorAll('line.target')].map(l => l.getBoundingClientRect());
        const texts = [...svg.querySelectorAll('text')].map(t => t.getBoundingClientRect());
        return lines.length > 0 && texts.length > 0 && lines.every(l => texts.every(t =>
            l.right < t.left || l.left > t.right || l.bottom < t.top || l.top > t.bottom));
      }""";

  @Test
  void theDemoDistrictOfficerReadsTheRunDrillsDownAndDownloadsTheDistrictsResults() throws Exception {
    rebuild.rebuildIfEmpty().block(Duration.ofMinutes(2));
    refresher.refreshNow().block(Duration.ofMinutes(2));
    long district = Sql.number(db, "SELECT id FROM org_unit WHERE code = 'PGD-DONG'");
    long run = Sql.number(db, "SELECT id FROM module_run WHERE name = 'Mô đun 2 THCS — đợt demo'");
    Path dir = Path.of(System.getProperty("bdtx.test.screenshots", "target/screenshots"), "reports-demo");
    Files.createDirectories(dir);
    try (var chromium = new Chromium()) {
      String base = "http://127.0.0.1:" + port;
      Page page = chromium.browser().newContext(chromium.phone().setAcceptDownloads(true)).newPage();
      page.setDefaultTimeout(30_000);
      Chromium.logInToDashboard(page, base, "phong.demo", "demo-bdtx-2026");

      page.locator("#reports-link").click();
      assertThat(page.locator("h1")).hasText("Phòng GD&ĐT huyện Đông");
      page.locator("#run").selectOption(new SelectOption().setLabel("Mô đun 2 THCS — đợt demo"));
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Xem")).click();
      assertThat(page.locator("#completion-rate")).containsText("Tỉ lệ hoàn thành (mục tiêu 98%)");
      assertThat(page.locator("#chart-completion")).hasAttribute("role", "img");
      // Only the district's three schools, never the other district's.
      assertThat(page.locator("#table-below tbody tr")).hasCount(3);
      assertThat(page.locator("#table-below")).not().containsText("THCS Lê Lợi");
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("1-district.png")).setFullPage(true));
      // Tour of session 13: at 390 px the 98% line crosses no label or value, and the report tables are cards
      // (a value per line under its column's name), not 14 columns scrolled sideways.
      assertThat((Boolean) page.evaluate(NOTHING_CROSSES_THE_TARGET, "#chart-completion")).isTrue();
      Chromium.fitsThePhone(page, "table.report td");
      assertThat(page.locator("#table-below td[data-label]").first()).isVisible();

      page.locator("#table-below").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("THCS Hòa Bình")).click();
      assertThat(page.locator("h1")).hasText("THCS Hòa Bình");
      assertThat(page.locator(".trail")).containsText("Phòng GD&ĐT huyện Đông");
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("2-school.png")).setFullPage(true));

      page.locator("#table-below a").filter(new Locator.FilterOptions().setHasText("lớp demo 4")).first().click();
      assertThat(page.locator("h1")).containsText("GV-02 THCS — lớp demo 4");
      assertThat(page.locator("#chart-funnel")).hasAttribute("role", "img");
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("3-class.png")).setFullPage(true));

      Locator teacher = page.locator("#table-people a").first();
      String name = teacher.textContent().trim();
      teacher.click();
      assertThat(page.locator("h1")).hasText(name);
      assertThat(page.locator("#table-history")).containsText("GV-02 THCS — lớp demo 4");
      page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("4-teacher.png")).setFullPage(true));

      page.navigate(base + "/");
      page.locator("main a[href='/reports/exports']").first().click();
      page.locator("#results-unit").selectOption(String.valueOf(district));
      page.locator("#results-run").selectOption(String.valueOf(run));
      Download download = page.waitForDownload(() -> page.locator("#export-results button").first().click());
      Path xlsx = dir.resolve("bao-cao-ket-qua-huyen-dong.xlsx");
      download.saveAs(xlsx);

      Map<String, Row> lines = new HashMap<>();
      try (var wb = new XSSFWorkbook(Files.newInputStream(xlsx))) {
        var sheet = wb.getSheetAt(0);
        assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("Đơn vị");
        assertThat(sheet.getRow(0).getCell(3).getStringCellValue()).isEqualTo("Số đăng ký");
        assertThat(sheet.getRow(0).getCell(4).getStringCellValue()).isEqualTo("Số hoàn thành");
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
          lines.put(sheet.getRow(r).getCell(1).getStringCellValue(), sheet.getRow(r));
        }
      }
      assertThat(lines.keySet()).containsExactlyInAnyOrder("THCS Hòa Bình", "THCS Tân Tiến", "THCS Quang Trung", "Tổng cộng");
      for (String school : new String[] {"THCS Hòa Bình", "THCS Tân Tiến", "THCS Quang Trung"}) {
        Row row = lines.get(school);
        assertThat(row.getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
        // Registered: the school's main enrollments in the run, counted from the enrollments themselves.
        long registered = Sql.number(db, """
            SELECT count(*) FROM enrollment e JOIN cohort h ON h.id = e.cohort_id JOIN account a ON a.id = e.account_id
            JOIN org_unit s ON s.id = a.school_id WHERE h.run_id = $1 AND e.kind = 'MAIN' AND s.name = $2""", run, school);
        assertThat(row.getCell(3).getNumericCellValue()).as(school).isEqualTo((double) registered);
        // Completed: settled as completed.
        long completed = Sql.number(db, """
            SELECT count(*) FROM enrollment_completion x JOIN enrollment e ON e.id = x.enrollment_id
            JOIN cohort h ON h.id = e.cohort_id JOIN account a ON a.id = e.account_id JOIN org_unit s ON s.id = a.school_id
            WHERE h.run_id = $1 AND e.kind = 'MAIN' AND x.outcome = 'COMPLETED' AND s.name = $2""", run, school);
        assertThat(row.getCell(4).getNumericCellValue()).as(school).isEqualTo((double) completed);
        assertThat(row.getCell(3).getNumericCellValue())
            .isEqualTo(row.getCell(4).getNumericCellValue() + row.getCell(6).getNumericCellValue());
      }
      Row total = lines.get("Tổng cộng");
      assertThat(total.getCell(3).getNumericCellValue()).isEqualTo(lines.get("THCS Hòa Bình").getCell(3).getNumericCellValue()
          + lines.get("THCS Tân Tiến").getCell(3).getNumericCellValue() + lines.get("THCS Quang Trung").getCell(3).getNumericCellValue());
    }
  }
}
