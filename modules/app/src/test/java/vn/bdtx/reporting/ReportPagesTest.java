package vn.bdtx.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.reporting.Tally;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.ReportFixture;
import vn.bdtx.support.SharedProvinceContext;
import vn.bdtx.support.Sql;
import vn.bdtx.support.WebSession;

/**
 * The dashboards over a small province written into the read model as fixtures
 * (ReportFixture): each official sees their own level, worst first against 98%,
 * drills down to the teacher, reminds who is behind today, and downloads the
 * tables with the page's columns; nothing outside their scope is found.
 */
@BdtxIntegrationTest
@SharedProvinceContext
class ReportPagesTest {

  static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired Cohorts cohorts;
  @Autowired ReportQueries queries;

  static ReportFixture p;

  @BeforeEach
  void aProvinceInTheReadModel() {
    if (p == null) {
      p = ReportFixture.create(db, encoder, cohorts, "rp", 9_100_000, LocalDate.now(VIETNAM));
    }
  }

  private WebSession as(String who) {
    return WebSession.loggedIn(web, p.username(who), ReportFixture.PASSWORD);
  }

  private static String text(WebSession s, String path) {
    var r = s.get(path);
    assertThat(r.getStatus().value()).as(path).isEqualTo(200);
    return HtmlUtils.htmlUnescape(r.getResponseBody());
  }

  private byte[] download(WebSession s, String path) {
    return web.get().uri(path).cookie(WebSession.COOKIE, s.sessionId()).exchange()
        .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
  }

  @Test
  void theDistrictOfficerSeesTheDistrictsSchoolsWorstFirstAgainstNinetyEightPercent() {
    String page = text(as("pgd1"), "/reports");
    assertThat(page).contains("Phòng GD&ĐT huyện Một", "Cả năm học " + p.year, "Tỉ lệ hoàn thành (mục tiêu 98%)",
        "50,0%", "còn thiếu 4 người", "Khảo sát tích cực (mục tiêu 75%)");
    // Worst first: school 1 (1 of 5) before school 2 (3 of 3); school 3 belongs to another district.
    assertThat(page.indexOf("Trường Tiểu học Một")).isLessThan(page.indexOf("Trường Tiểu học Hai"));
    assertThat(page).doesNotContain("Trường THCS Ba").contains("20,0%", "100,0%");
    assertThat(page).contains("role=\"img\"", "<title id=\"chart-completion-title\">Tỉ lệ hoàn thành theo đơn vị so với mục tiêu 98%");
    assertThat(page).contains("href=\"/reports/units/" + p.school1 + "?year=" + p.year + "\"");
  }

  @Test
  void theProvinceShowsItsDistrictsAndTheSchoolsUnderTheDepartment() {
    String page = text(as("so"), "/reports/units/" + p.province);
    assertThat(page).contains("Sở GD&ĐT Báo Cáo", "Phòng GD&ĐT huyện Một", "Phòng GD&ĐT huyện Hai", "Trường THPT Bốn");
    // 9 of 16 counted enrollments completed: 4 in district 1, 3 in district 2, 2 in school 4.
    assertThat(page).contains("56,3%");
    assertThat(page).contains("Các đợt bồi dưỡng trong năm học", "Đợt 1");
  }

  @Test
  void eachLevelCountsWhatItsSqlAndTheDomainRuleAgreeOn() {
    var today = LocalDate.now(VIETNAM);
    var unit = queries.unit(p.district1).block(Duration.ofSeconds(5));
    var where = ReportQueries.unitWhere(unit);
    var scope = new ReportScope(true, java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), null);
    var level = queries.level(where.getKey(), where.getValue(), ReportQueries.below(unit),
        ReportQueries.Period.year(p.year), scope, today).block(Duration.ofSeconds(5));
    var rows = queries.rows(where.getKey(), where.getValue(), ReportQueries.Period.year(p.year), scope, "e.enrollment_id")
        .collectList().block(Duration.ofSeconds(5));
    assertThat(level.total()).isEqualTo(Tally.of(rows.stream().map(r -> r.standing(today)).toList()));
    assertThat(level.total().behindToday()).isEqualTo(2);
    assertThat(level.total().counted()).isEqualTo(8);
    assertThat(level.total().completed()).isEqualTo(4);
    assertThat(level.total().enrolledReference()).isEqualTo(1);
    assertThat(level.total().exempt()).isEqualTo(1);
    assertThat(level.total().reduced()).isEqualTo(1);
    assertThat(level.runs()).containsKey(p.run);
    assertThat(level.scores().total()).isEqualTo(6);
    // The run alone gives the same figures (every class of the fixture is in it).
    var byRun = queries.level(where.getKey(), where.getValue(), ReportQueries.below(unit),
        ReportQueries.Period.run(p.run), scope, today).block(Duration.ofSeconds(5));
    assertThat(byRun.total()).isEqualTo(level.total());
  }

  @Test
  void thePrincipalSeesTheSchoolsClassesAndTeachersAndWhoIsBehindToday() {
    String page = text(as("ht1"), "/reports");
    assertThat(page).contains("Trường Tiểu học Một", "Lớp rp 1", "Lớp rp 2", "Giáo viên A1", "Giáo viên A5")
        .doesNotContain("Giáo viên B1", "Giáo viên C1");
    int behind = page.indexOf("id=\"behind-list\"");
    assertThat(behind).isPositive();
    String list = page.substring(behind, page.indexOf("</table>", behind));
    assertThat(list).contains("Giáo viên A2", "Chưa nộp bài cuối khóa", "Giáo viên A3", "Chưa bắt đầu học")
        .doesNotContain("Giáo viên A4", "Giáo viên A5", "Giáo viên A1");
  }

  @Test
  void nothingOutsideTheCallersScopeIsFound() {
    assertThat(as("pgd1").get("/reports/units/" + p.district2).getStatus().value()).isEqualTo(404);
    assertThat(as("pgd1").get("/reports/units/" + p.province).getStatus().value()).isEqualTo(404);
    assertThat(as("ht1").get("/reports/units/" + p.school2).getStatus().value()).isEqualTo(404);
    assertThat(as("ht1").get("/reports/people/" + p.people.get("c1")).getStatus().value()).isEqualTo(404);
    assertThat(as("ht1").get("/reports/cohorts/" + p.cohort3).getStatus().value()).isEqualTo(404);
    assertThat(as("core1").get("/reports/people/" + p.people.get("a4")).getStatus().value()).isEqualTo(404);
    assertThat(as("core1").get("/reports/units/" + p.school1).getStatus().value()).isEqualTo(404);
    assertThat(as("pgd2").get("/reports/units/" + p.school1 + "/export.xlsx?table=people").getStatus().value()).isEqualTo(404);
    assertThat(as("ht3").get("/reports/people/" + p.people.get("a1") + "/export.csv").getStatus().value()).isEqualTo(404);
    // The class both districts have learners in shows each only their own.
    String own = text(as("pgd2"), "/reports/cohorts/" + p.cohort1);
    assertThat(own).contains("Giáo viên C1", "Giáo viên C2").doesNotContain("Giáo viên A1");
  }

  @Test
  void aCoreTeacherSeesTheirGroupsLearnersOnly() {
    String page = text(as("core1"), "/reports");
    assertThat(page).contains("Nhóm học viên tôi phụ trách", "Lớp rp 1").doesNotContain("Lớp rp 2", "Giáo viên C1");
    String behind = page.substring(page.indexOf("id=\"behind-list\""));
    assertThat(behind.substring(0, behind.indexOf("</table>"))).contains("Giáo viên A2", "Giáo viên A3")
        .doesNotContain("Giáo viên A1");
    String cohort = text(as("core1"), "/reports/cohorts/" + p.cohort1);
    assertThat(cohort).contains("Giáo viên A1", "Giáo viên A2", "Giáo viên A3")
        .doesNotContain("Giáo viên A4", "Giáo viên C1");
    String a1 = text(as("core1"), "/reports/people/" + p.people.get("a1"));
    assertThat(a1).contains("Lớp rp 1").doesNotContain("Lớp rp 2");
  }

  @Test
  void aTeachersPageGivesTheirWholeHistory() {
    String page = text(as("pgd1"), "/reports/people/" + p.people.get("a1"));
    assertThat(page).contains("Giáo viên A1", "Lớp rp 1", "Lớp rp 2", "BC-0001", "9,5", "Hoàn thành", "20/05/1985");
    assertThat(page).contains(p.year, "40");
    String a2 = text(as("pgd1"), "/reports/people/" + p.people.get("a2"));
    assertThat(a2).contains("Chưa hoàn thành: thiếu tiêu chí (ii)");
  }

  @Test
  void aReminderReachesWhoIsBehindOnceADay() {
    var ht1 = as("ht1");
    String page = text(ht1, "/reports/cohorts/" + p.cohort1);
    assertThat(page).contains("Nhắc cả 2 học viên chậm tiến độ", "Hôm nay là ngày 14 của lớp.");
    var first = ht1.postForm("/reports/cohorts/" + p.cohort1 + "/remind", form());
    assertThat(first.getStatus().value()).isEqualTo(303);
    assertThat(String.valueOf(first.getResponseHeaders().getLocation())).endsWith("reminded=2");
    assertThat(text(ht1, "/reports/cohorts/" + p.cohort1 + "?reminded=2")).contains("Đã gửi nhắc việc cho 2 học viên");
    ht1.postForm("/reports/cohorts/" + p.cohort1 + "/remind", form("enrollment", String.valueOf(p.enrollments.get("a3@1"))));
    assertThat(Sql.number(db, "SELECT count(*) FROM reminder WHERE kind LIKE 'BEHIND_%' AND enrollment_id = ANY($1)",
        (Object) new Long[] {p.enrollments.get("a2@1"), p.enrollments.get("a3@1")})).isEqualTo(2);
    assertThat(Sql.number(db, "SELECT count(*) FROM reminder WHERE kind = 'BEHIND_NOT_STARTED' AND enrollment_id = $1",
        p.enrollments.get("a3@1"))).isEqualTo(1);
    // Nobody out of the principal's school, nor anyone on time, was reminded.
    assertThat(Sql.number(db, "SELECT count(*) FROM reminder WHERE kind LIKE 'BEHIND_%' AND enrollment_id = ANY($1)",
        (Object) new Long[] {p.enrollments.get("c1@1"), p.enrollments.get("a1@1"), p.enrollments.get("a4@1")})).isZero();
    // Without the form's token nothing is sent; outside the scope, nothing is found.
    assertThat(ht1.postRaw("/reports/cohorts/" + p.cohort1 + "/remind", form()).getStatus().value()).isEqualTo(403);
    var pgd2 = as("pgd2");
    pgd2.get("/reports");
    assertThat(pgd2.postForm("/reports/cohorts/" + p.cohort2 + "/remind", form()).getStatus().value()).isEqualTo(404);
    // The learner reads it on their own page, in their language (stored as the key and its arguments).
    assertThat(Sql.number(db, "SELECT count(*) FROM reminder WHERE message_key = 'cohorts.reminder.BEHIND_NOT_STARTED' AND enrollment_id = $1",
        p.enrollments.get("a3@1"))).isEqualTo(1);
  }

  @Test
  void theDistrictTableDownloadsWithThePagesColumnsAndTypedCells() throws Exception {
    var pgd1 = as("pgd1");
    String page = text(pgd1, "/reports/units/" + p.district1);
    byte[] xlsx = download(pgd1, "/reports/units/" + p.district1 + "/export.xlsx?year=" + p.year + "&table=below");
    try (var wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      var sheet = wb.getSheetAt(0);
      var header = sheet.getRow(0);
      for (int c = 0; c < header.getLastCellNum(); c++) {
        assertThat(page).contains(">" + header.getCell(c).getStringCellValue() + "<");
      }
      assertThat(header.getCell(0).getStringCellValue()).isEqualTo("Đơn vị");
      var worst = sheet.getRow(1);
      assertThat(worst.getCell(0).getStringCellValue()).isEqualTo("Trường Tiểu học Một");
      assertThat(worst.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(worst.getCell(1).getNumericCellValue()).isEqualTo(6.0);
      assertThat(worst.getCell(8).getNumericCellValue()).isEqualTo(0.2);
      assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("Trường Tiểu học Hai");
      assertThat(sheet.getLastRowNum()).isEqualTo(2);
    }
    byte[] csv = download(pgd1, "/reports/units/" + p.district1 + "/export.csv?table=people");
    assertThat(csv[0]).isEqualTo((byte) 0xEF);
    String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
    assertThat(text.split("\r\n")).hasSize(1 + 10);
    assertThat(text).startsWith("Họ và tên,Tên đăng nhập,Trường,").contains("Giáo viên B3").doesNotContain("Giáo viên C1");
  }

  @Test
  void everyReportingRoleFindsTheReportsFromItsHomeAndMenu() {
    for (String who : new String[] {"pgd1", "ht1", "core1", "so"}) {
      String home = as(who).get("/").getResponseBody();
      assertThat(home).as(who).contains("id=\"reports-link\"", "href=\"/reports\"");
    }
    assertThat(Map.of()).isEmpty();
  }
}
