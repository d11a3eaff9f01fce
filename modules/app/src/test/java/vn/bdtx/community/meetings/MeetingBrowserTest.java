package vn.bdtx.community.meetings;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Chromium;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.SampleFiles;
import vn.bdtx.support.SharedClockContext;
import vn.bdtx.support.TestAccounts;

/**
 * Issue 17's "done" for meetings, on a phone in Debian's Chromium: a core teacher
 * schedules the group's professional meeting in days 6–8, and after it records
 * attendance (one learner absent, with a note), the minutes and the shared lesson
 * plan as evidence; the learner finds the meeting in their to-do list.
 */
@BdtxIntegrationTest
@SharedClockContext
class MeetingBrowserTest {

  static final String PW = "sinh hoat tren dien thoai";

  @LocalServerPort int port;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Cohorts cohorts;

  private long one(String sql, Object... binds) {
    return vn.bdtx.support.Sql.number(db, sql, binds);
  }

  private static void login(Page page, String base, String username) {
    Chromium.logInToDashboard(page, base, username, PW);
  }

  @Test
  void aCoreTeacherRecordsTheMeetingWithAttendanceAndEvidenceOnAPhone() throws Exception {
    clock.setVietnam("2026-12-09T20:00:00");
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("mb.bcv", PW, Role.LECTURER);
    long core = accounts.create("mb.cc", PW, Role.CORE_TEACHER);
    var by = new Caller(lecturer, "mb.bcv", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = one("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'");
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp GV-02 cụm Bù Đăng", LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    long cluster = one("INSERT INTO org_unit (kind, code, name) VALUES ('CLUSTER', 'CUM-BD', 'Cụm Bù Đăng') RETURNING id");
    long group = one("INSERT INTO cohort_group (cohort_id, cluster_id, core_teacher_id) VALUES ($1, $2, $3) RETURNING id",
        cohort, cluster, core);
    String[] names = {"Điểu Thị Lan", "Trần Minh Khoa"};
    long[] e = new long[2];
    for (int i = 0; i < 2; i++) {
      long account = accounts.create("mb.gv" + (i + 1), PW, Role.LEARNER);
      vn.bdtx.support.Sql.run(db, "UPDATE account SET full_name = $1 WHERE id = $2", names[i], account);
      cohorts.enroll(cohort, account, "MAIN").block(Duration.ofSeconds(5));
      e[i] = cohorts.enrollment(cohort, account).block(Duration.ofSeconds(5)).id();
      vn.bdtx.support.Sql.run(db, "UPDATE enrollment SET group_id = $1, registered_at = now() WHERE id = $2", group, e[i]);
    }
    String base = "http://127.0.0.1:" + port;
    Path dir = Path.of(System.getProperty("bdtx.test.screenshots", "target/screenshots"), "meetings");
    Files.createDirectories(dir);
    Path plan = dir.resolve("Kế hoạch bài dạy chung.pdf");
    Files.write(plan, SampleFiles.pdf("Ke hoach bai day chung cum Bu Dang"));

    try (var chromium = new Chromium()) {
      BrowserContext phone = chromium.browser().newContext(chromium.phone());
      Page cc = phone.newPage();
      login(cc, base, "mb.cc");
      // 1. Schedule: a day outside 6–8 is refused with the days named; inside, saved.
      cc.navigate(base + "/cohorts/" + cohort);
      cc.locator("#meetings-link").click();
      assertThat(cc.locator("#meeting-days")).containsText("từ 12/12/2026 đến 14/12/2026");
      var form = cc.locator("#schedule-" + group);
      form.getByLabel("theo cụm trường").check();
      form.locator("input[name=date]").fill("2026-12-16");
      form.locator("input[name=time]").fill("08:00");
      form.locator("input[name=place]").fill("Trường THCS Bù Đăng, phòng họp");
      form.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Xếp lịch")).click();
      assertThat(cc.locator("#problems")).containsText("Thời gian phải nằm trong các ngày sinh hoạt chuyên môn");
      form = cc.locator("#schedule-" + group);
      form.locator("input[name=date]").fill("2026-12-12");
      form.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Xếp lịch")).click();
      assertThat(cc.locator("#saved")).containsText("Đã xếp lịch");
      assertThat(cc.locator("#when")).containsText("08:00 12/12/2026");
      cc.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("1-scheduled.png")).setFullPage(true));

      // 2. The learner sees it in the to-do list.
      BrowserContext other = chromium.browser().newContext(chromium.phone());
      Page gv = other.newPage();
      login(gv, base, "mb.gv1");
      assertThat(gv.locator("#my-classes")).containsText("Lịch: 08:00 12/12/2026, sinh hoạt theo cụm trường");
      other.close();

      // 3. After the meeting: attendance with a note, the minutes, the lesson plan.
      clock.setVietnam("2026-12-12T11:00:00");
      cc.reload();
      cc.locator("#present-" + e[0]).check();
      cc.locator("#absent-" + e[1]).check();
      cc.locator("#note-" + e[1]).fill("Đi coi thi, báo trước");
      cc.locator("#minutes").fill("Cụm thảo luận nội dung mô đun 2 và thống nhất kế hoạch bài dạy chung.");
      cc.locator("#record").click();
      assertThat(cc.locator("#recorded-ok")).isVisible();
      assertThat(cc.locator("#attendance-summary")).containsText("Có mặt 1/2 học viên");
      cc.locator("#evidence-files").setInputFiles(plan);
      cc.locator("#upload").click();
      assertThat(cc.locator("#uploaded-ok")).isVisible();
      assertThat(cc.locator("#files")).containsText("Kế hoạch bài dạy chung.pdf");
      cc.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve("2-recorded.png")).setFullPage(true));
      // Nothing wider than the phone's screen.
      assertThat((Boolean) cc.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")).isTrue();
      phone.close();
    }
    // This group's meeting: the classes sharing the application hold meetings of their own.
    long meeting = one("SELECT id FROM professional_meeting WHERE group_id = $1", group);
    assertThat(one("SELECT count(*) FROM meeting_attendance WHERE meeting_id = $1 AND present = false AND note = 'Đi coi thi, báo trước'",
        meeting)).isEqualTo(1);
    assertThat(one("SELECT count(*) FROM meeting_file WHERE meeting_id = $1", meeting)).isEqualTo(1);
  }
}
