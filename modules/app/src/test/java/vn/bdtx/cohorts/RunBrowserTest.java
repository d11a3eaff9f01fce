package vn.bdtx.cohorts;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Chromium;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.Province;
import vn.bdtx.support.SharedClockContext;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Issue 5's "done", tried as a new user would in Debian's Chromium: the IT admin
 * uploads a class list with a mistake, reads the row and what is wrong, uploads
 * the corrected list and sees three classes open; on day 2 a teacher on a phone
 * sees "Ngày 2/15 — Tự học" with the deadline and registers the main subject.
 * It shares an application with other classes ({@link SharedClockContext}): its district, cluster, school and
 * accounts are its own, under the install's one department, and the run page it reads lists only its run's classes.
 */
@BdtxIntegrationTest
@SharedClockContext
class RunBrowserTest {

  static final String PW = "mo lop boi duong";

  @LocalServerPort int port;
  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;

  @Test
  void anItAdminOpensThreeClassesFromAListAndATeacherRegistersOnDayTwo() throws Exception {
    clock.setVietnam("2026-12-01T10:00:00");
    var accounts = new TestAccounts(db, encoder);
    accounts.create("cntt.so", PW, Role.IT_ADMIN);
    accounts.create("bcv.lop", PW, Role.LECTURER);
    accounts.create("cc.lop", PW, Role.CORE_TEACHER, Role.LEARNER);
    var province = new Province(WebSession.loggedIn(web, "cntt.so", PW));
    long dept = province.sharedDepartment(db);
    long district = province.district("PGD-PT", "Phòng GD&ĐT Phan Thiết", dept);
    long cluster = province.cluster("CUM-PT", "Cụm Phan Thiết", district);
    long school = province.school("THCS-PT", "THCS Phan Thiết", district, cluster, "LOWER_SECONDARY");
    for (int i = 1; i <= 6; i++) {
      long id = accounts.create("gv" + i + ".pt", PW, Role.LEARNER);
      db.sql("UPDATE account SET school_id = :s WHERE id = :id").bind("s", school).bind("id", id).then().block(Duration.ofSeconds(5));
    }
    Path dir = Path.of(System.getProperty("bdtx.test.screenshots", "target/screenshots"), "run");
    Files.createDirectories(dir);
    String header = "lop,mo_dun,cap_hoc,mon,ngay_bat_dau,bao_cao_vien,hoc_vien,cot_can,da_hoan_thanh\n";
    String course = ",GV-02,THCS,Chung (mọi môn học),07/12/2026,bcv.lop,";
    StringBuilder good = new StringBuilder(header);
    for (int i = 1; i <= 6; i++) {
      good.append("Lớp ").append(1 + (i - 1) / 2).append(course).append("gv").append(i).append(".pt,cc.lop,GV-01\n");
    }
    Path broken = dir.resolve("lop-loi.csv");
    Path fixed = dir.resolve("lop.csv");
    // The broken list as a department writes it: Vietnamese headers, a missing prior module, an e-mail nobody has.
    String vietnamese = "Lớp,Mô đun,Cấp học,Môn,Ngày bắt đầu,Báo cáo viên,Học viên,Cốt cán,Đã hoàn thành\n";
    Files.writeString(broken, good.toString().replace(header, vietnamese).replace("gv4.pt,cc.lop,GV-01", "gv4.pt,cc.lop,")
        + "Lớp 3" + course + "nguyen.van.khong-co-tai-khoan@thcs-phanthiet.edu.vn,cc.lop,GV-01\n", StandardCharsets.UTF_8);
    Files.writeString(fixed, good.toString(), StandardCharsets.UTF_8);

    try (var chromium = new Chromium()) {
      String base = "http://127.0.0.1:" + port;
      Page admin = chromium.browser().newContext(chromium.phone()).newPage();
      admin.setDefaultTimeout(30_000);
      login(admin, base, "cntt.so");
      admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Đợt bồi dưỡng và lớp")).click();
      // The columns: each by its name in words, "(bắt buộc)" apart from it, with the Vietnamese headers it reads.
      var lop = admin.locator("#run-columns tbody tr").first();
      assertThat(lop.locator("td").nth(0)).hasText("Lớp (bắt buộc)");
      assertThat(lop.locator("td").nth(2)).hasText("Lớp, Tên lớp");
      assertThat(admin.locator("#run-columns")).containsText("Đã hoàn thành, Đã học");
      Chromium.fitsThePhone(admin, "#run-columns td");
      admin.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("0-run-columns.png")).setFullPage(true));
      // A sample file to start from, whose header row the import reads whole.
      var sample = admin.request().get(base + admin.locator("#run-sample").getAttribute("href"));
      org.assertj.core.api.Assertions.assertThat(sample.status()).isEqualTo(200);
      Path samplePath = dir.resolve("lop-hoc-mau.csv");
      Files.write(samplePath, sample.body());
      admin.setInputFiles("#file", samplePath);
      admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Kiểm tra và mở các lớp")).click();
      assertThat(admin.locator("#run-problems")).not().containsText("Thiếu cột");
      assertThat(admin.locator("#run-problems tbody tr").first().locator("td").nth(0)).not().hasText("1");

      admin.fill("#name", "Mô đun 2 THCS — tháng 12/2026");
      admin.setInputFiles("#file", broken);
      admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Kiểm tra và mở các lớp")).click();
      assertThat(admin.locator("#problems")).containsText("có 2 lỗi");
      // The column as the file names it, the value of that very cell, advice naming the column in words.
      var row = admin.locator("#run-problems tbody tr").first();
      assertThat(row.locator("td").nth(0)).hasText("5");
      assertThat(row.locator("td").nth(1)).hasText("Học viên (cột G)");
      assertThat(row.locator("td").nth(2)).hasText("gv4.pt");
      assertThat(row.locator("td").nth(3)).containsText("Chưa hoàn thành mô đun học trước GV-01");
      assertThat(row.locator("td").nth(3)).containsText("«Đã hoàn thành»");
      assertThat(admin.locator("#run-problems")).not().containsText("hoc_vien");
      assertThat(admin.locator("#run-problems")).not().containsText("da_hoan_thanh");
      var unknown = admin.locator("#run-problems tbody tr").nth(1);
      assertThat(unknown.locator("td").nth(2)).hasText("nguyen.van.khong-co-tai-khoan@thcs-phanthiet.edu.vn");
      assertThat(unknown.locator("td").nth(3)).containsText("Không có tài khoản nào");
      // On a phone the long e-mail wraps: the problem's text stays on the screen.
      Chromium.fitsThePhone(admin, "#run-problems td");
      assertThat(admin.locator("#problems")).not().containsText("tài khoản");
      admin.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("1-run-problems.png")).setFullPage(true));

      admin.fill("#name", "Mô đun 2 THCS — tháng 12/2026");
      admin.setInputFiles("#file", fixed);
      admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Kiểm tra và mở các lớp")).click();
      assertThat(admin.locator(".alert.ok")).hasText("Đã mở 3 lớp cho 6 học viên.");
      assertThat(admin.locator("#cohorts tbody tr")).hasCount(3);
      assertThat(admin.locator("#cohorts")).containsText("Bắt đầu ngày 07/12/2026");
      admin.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("2-run-opened.png")).setFullPage(true));

      clock.setVietnam("2026-12-08T19:30:00");
      Page teacher = chromium.browser().newContext(chromium.phone()).newPage();
      teacher.setDefaultTimeout(30_000);
      login(teacher, base, "gv3.pt");
      teacher.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Khóa học của tôi")).click();
      var card = teacher.locator(".enrollment").first();
      assertThat(card.locator(".phase")).hasText("Ngày 2/15 — Tự học");
      assertThat(card.locator("[data-activity=REGISTRATION]")).containsText("hạn chót 23:59 ngày 08/12/2026");
      card.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Môn chính")).click();
      assertThat(teacher.locator(".alert.ok")).hasText("Đã ghi nhận đăng ký môn học.");
      assertThat(teacher.locator(".enrollment").first().locator("[data-activity=REGISTRATION]")).containsText("đã xong");
      teacher.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("3-teacher-day-2.png")).setFullPage(true));
    }
  }

  private static void login(Page page, String base, String username) {
    Chromium.logInToDashboard(page, base, username, PW);
  }
}
