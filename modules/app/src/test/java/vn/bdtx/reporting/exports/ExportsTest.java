package vn.bdtx.reporting.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.completion.Certificates;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Chromium;
import vn.bdtx.support.SharedProvinceContext;
import vn.bdtx.support.Sql;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * The formal exports read back as an official's spreadsheet program would read them:
 * the XLSX with Apache POI (typed numbers and dates, no formula, the total), the CSV
 * as bytes (BOM, UTF-8 Vietnamese, neutralised formula text), the ZIP entry by entry;
 * and each only within the caller's scope — a principal never gets another school's
 * teachers, a district officer never another district's unit.
 */
@BdtxIntegrationTest
@SharedProvinceContext
class ExportsTest {

  static final String PW = "xuat bao cao chinh thuc";
  static final String YEAR = "2025-2026";
  /**
   * Added to every id the test writes into the read model (units, people, classes, runs, enrollments), far above the
   * ids of real rows, which other classes of the shared application make (a real class 11 or account 1001 would be
   * recomputed over the test's rows by the refresher).
   */
  static final long ID = 9_400_000;
  static final long SO = ID + 9001;
  static final long D1 = ID + 9101;
  static final long D2 = ID + 9102;
  static final long A = ID + 9201;
  static final long B = ID + 9202;
  static final long C = ID + 9203;
  static final long RUN2 = ID + 77;
  static final long RUN_ZIP = ID + 88;

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired Cohorts cohorts;
  @Autowired Certificates certificates;
  @org.springframework.boot.test.web.server.LocalServerPort int port;

  static boolean ready;

  @BeforeEach
  void province() {
    if (ready) {
      return;
    }
    var accounts = new TestAccounts(db, encoder);
    // The supervisor's grant is on the test's department: the shared application holds the install's department too.
    grant(accounts.create("so.giamsat", PW), Role.SUPERVISOR, ScopeType.PROVINCE, SO);
    grant(accounts.create("ht.truong-a", PW), Role.PRINCIPAL, ScopeType.SCHOOL, A);
    grant(accounts.create("ht.truong-b", PW), Role.PRINCIPAL, ScopeType.SCHOOL, B);
    grant(accounts.create("pgd.huyen-1", PW), Role.DISTRICT_OFFICER, ScopeType.DISTRICT, D1);
    grant(accounts.create("pgd.huyen-2", PW), Role.DISTRICT_OFFICER, ScopeType.DISTRICT, D2);
    accounts.create("gv.hocvien", PW, Role.LEARNER);

    var rows = new ReportRows(db);
    rows.department(SO, "Sở GD&ĐT Bình Phước");
    rows.district(D1, "Phòng GD&ĐT Đồng Xoài", SO);
    rows.district(D2, "Phòng GD&ĐT Bù Đăng", SO);
    rows.school(A, "Trường Tiểu học Tân Phú", D1, SO);
    rows.school(B, "Trường Tiểu học Tân Bình", D1, SO);
    rows.school(C, "Trường Tiểu học Đức Liễu", D2, SO);
    rows.person(ID + 1001, "Nguyễn Thị Ánh", LocalDate.of(1980, 5, 17), A, D1, SO);
    rows.person(ID + 1002, "Trần Văn Bình", LocalDate.of(1985, 1, 2), A, D1, SO);
    rows.person(ID + 1003, "Lê Thị Cúc", LocalDate.of(1966, 12, 30), A, D1, SO);
    rows.person(ID + 1004, "=1+1 Đỗ Thị Hoa", null, A, D1, SO);
    rows.person(ID + 1005, "Phạm Văn Dũng", LocalDate.of(1990, 3, 4), B, D1, SO);
    rows.person(ID + 1006, "\u2212Hồ Thị Én", LocalDate.of(1991, 7, 8), B, D1, SO);
    rows.person(ID + 1007, "Vũ Văn Giang", LocalDate.of(1979, 9, 9), C, D2, SO);
    // A department official (no school): not a teacher of any unit's report.
    Sql.run(db, "INSERT INTO report_person (account_id, username, full_name, district_id, province_id) VALUES ($2, 'so.cv', 'Chuyên viên Sở', NULL, $1)", SO, ID + 1099);
    rows.cohort(ID + 11, RUN2, "Đợt mô đun 2 (2025)", "GV-02", LocalDate.of(2025, 10, 1));
    rows.cohort(ID + 12, ID + 78, "Đợt mô đun 1 (2025)", "GV-01", LocalDate.of(2025, 11, 1));
    rows.cohort(ID + 13, ID + 79, "Đợt mô đun 3 (2026)", "GV-03", LocalDate.of(2026, 2, 1));
    rows.enrollment(ID + 101, ID + 1001, ID + 11).completed().survey(9, 10).certificate("GV02-2025-000001-AAAA", Instant.parse("2025-10-20T03:00:00Z")).save();
    rows.enrollment(ID + 102, ID + 1002, ID + 11).completed().survey(8, 10).save();
    rows.enrollment(ID + 103, ID + 1003, ID + 11).notCompleted("SELF_STUDY:PENDING,CORE_TEACHER:PENDING,INSTITUTION:PENDING").save();
    rows.enrollment(ID + 104, ID + 1004, ID + 11).save();
    rows.enrollment(ID + 105, ID + 1005, ID + 11).completed().survey(10, 10)
        .certificate("GV02-2025-000002-BBBB", Instant.parse("2025-10-20T03:00:00Z"))
        .revoked(Instant.parse("2025-11-01T02:00:00Z"), "Sai họ tên").save();
    rows.enrollment(ID + 106, ID + 1006, ID + 11).notCompleted("CORE_TEACHER:FAILED").save();
    rows.enrollment(ID + 107, ID + 1007, ID + 11).completed().certificate("GV02-2025-000003-CCCC", Instant.parse("2025-10-20T03:00:00Z")).save();
    rows.enrollment(ID + 108, ID + 1001, ID + 12).completed().save();
    rows.enrollment(ID + 109, ID + 1001, ID + 13).completed().save();
    // A reference subject records study only: never counted as registered or completed.
    rows.enrollment(ID + 110, ID + 1002, ID + 12).reference().completed().save();
    long lecturer = accounts.create("bcv.zip", PW, Role.LECTURER);
    var by = new Caller(lecturer, "bcv.zip", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, Long.class)).one()
        .block(Duration.ofSeconds(5));
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp cấp giấy", LocalDate.of(2024, 10, 1))
        .block(Duration.ofSeconds(5))).cohortId();
    // Real certificates with their PDFs in the store, for the read model's people 1001, 1002 (revoked), 1007 (another district), 1004.
    String[][] people = {{"Nguyễn Thị Ánh", "GV02-2025-100001-AAAA", "1001"}, {"Trần Văn Bình", "GV02-2025-100002-BBBB", "1002"},
        {"Vũ Văn Giang", "GV02-2025-100003-CCCC", "1007"}, {"Lê/../Thị: Cúc", "GV02-2025-100004-DDDD", "1004"}};
    List<Long> enrollments = new ArrayList<>();
    List<Runnable> described = new ArrayList<>();
    for (int i = 0; i < people.length; i++) {
      long account = accounts.create("gv.zip" + i, PW, Role.LEARNER);
      cohorts.enroll(cohort, account, "MAIN").block(Duration.ofSeconds(5));
      long enrollment = Sql.number(db, "SELECT id FROM enrollment WHERE cohort_id = $1 AND account_id = $2", cohort, account);
      enrollments.add(enrollment);
      Sql.run(db, """
          INSERT INTO certificate (number, enrollment_id, full_name, module_code, module_title, periods, from_date, to_date, issued_at)
          VALUES ($1, $2, $3, 'GV-02', 'Mô đun 2', 40, DATE '2025-10-01', DATE '2025-10-15', TIMESTAMPTZ '2025-10-20 10:00+07')""",
          people[i][1], enrollment, people[i][0]);
      var e = rows.enrollment(enrollment, ID + Long.parseLong(people[i][2]), cohort).completed().certificate(people[i][1], Instant.parse("2025-10-20T03:00:00Z"));
      if (i == 1) {
        e.revoked(Instant.parse("2025-11-01T02:00:00Z"), "Cấp nhầm");
      }
      described.add(e::save);
    }
    // The read model describes these real enrollments as the rows below say, not as a refresher would compute them.
    vn.bdtx.support.ReadModelFixtures.describe(db, List.of(cohort), enrollments, List.of());
    rows.cohort(cohort, RUN_ZIP, "Đợt cấp giấy", "GV-02", LocalDate.of(2024, 10, 1));
    described.forEach(Runnable::run);
    certificates.render(cohort).block(Duration.ofSeconds(60));
    Sql.run(db, "UPDATE certificate SET revoked_at = now(), revoked_reason = 'Cấp nhầm' WHERE number = 'GV02-2025-100002-BBBB'");
    Sql.run(db, "INSERT INTO report_exemption (account_id, school_year, kind, reason) VALUES ($2, $1, 'EXEMPT', 'Nghỉ hưu tháng 12/2025')", YEAR, ID + 1003);
    ready = true;
  }

  private void grant(long account, Role role, ScopeType type, long scope) {
    Sql.run(db, "INSERT INTO role_grant (account_id, role, scope_type, scope_id) VALUES ($1, $2, $3, $4)", account, role.name(),
        type.name(), scope);
  }

  private EntityExchangeResult<byte[]> download(String user, String path) {
    var session = WebSession.loggedIn(web, user, PW);
    return web.get().uri(path).cookie(WebSession.COOKIE, session.sessionId()).exchange().expectBody(byte[].class).returnResult();
  }

  private static List<List<Object>> cells(byte[] xlsx) throws Exception {
    try (var wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet sheet = wb.getSheetAt(0);
      var rows = new ArrayList<List<Object>>();
      for (Row row : sheet) {
        var values = new ArrayList<Object>();
        for (int c = 0; c < row.getLastCellNum(); c++) {
          Cell cell = row.getCell(c);
          if (cell == null || cell.getCellType() == CellType.BLANK) {
            values.add(null);
          } else {
            assertThat(cell.getCellType()).as("no formula, ever").isNotEqualTo(CellType.FORMULA);
            if (cell.getCellType() == CellType.NUMERIC) {
              values.add(DateUtil.isCellDateFormatted(cell) ? cell.getLocalDateTimeCellValue().toLocalDate() : cell.getNumericCellValue());
            } else {
              values.add(cell.getStringCellValue());
            }
          }
        }
        rows.add(values);
      }
      return rows;
    }
  }

  @Test
  void theDistrictsResultsReportHasALinePerSchoolWithReasonsAndATypedTotal() throws Exception {
    var result = download("pgd.huyen-1", "/reports/exports/results.xlsx?unit=" + D1 + "&run=" + RUN2);
    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(result.getResponseHeaders().getContentType().toString()).startsWith("application/vnd.openxmlformats");
    String disposition = result.getResponseHeaders().getFirst("Content-Disposition");
    assertThat(disposition).startsWith("attachment; filename=\"Bao-cao-ket-qua-BDTX-Phong-GD-DT-Dong-Xoai")
        .contains("filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20k%E1%BA%BFt%20qu%E1%BA%A3%20BDTX");
    var rows = cells(result.getResponseBody());
    assertThat(rows.get(0)).containsExactly("STT", "Đơn vị", "Số CBQL, GV", "Số đăng ký", "Số hoàn thành", "Tỷ lệ hoàn thành (%)",
        "Số không hoàn thành", "Trong đó: chưa đạt tự học trực tuyến",
        "Trong đó: bài tập cuối khóa chưa nộp, chưa chấm hoặc chưa đạt", "Trong đó: cơ sở bồi dưỡng chưa đánh giá đạt",
        "Trong đó: chưa có kết quả đánh giá", "Tỷ lệ khảo sát tích cực (%)");
    assertThat(rows).hasSize(4);
    assertThat(rows.get(1)).containsExactly(1.0, "Trường Tiểu học Tân Bình", 2.0, 2.0, 1.0, 0.5, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0);
    assertThat(rows.get(2)).containsExactly(2.0, "Trường Tiểu học Tân Phú", 4.0, 4.0, 2.0, 0.5, 2.0, 1.0, 0.0, 0.0, 1.0, 0.85);
    assertThat(rows.get(3)).containsExactly(null, "Tổng cộng", 6.0, 6.0, 3.0, 0.5, 3.0, 1.0, 1.0, 0.0, 1.0, 0.9);
  }

  @Test
  void theProvincesResultsReportHasALinePerDistrictAndItsCsvIsUtf8WithABom() {
    var result = download("so.giamsat", "/reports/exports/results.csv?run=" + RUN2);
    assertThat(result.getStatus().value()).isEqualTo(200);
    byte[] body = result.getResponseBody();
    assertThat(body).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    String csv = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
    var lines = csv.split("\r\n");
    assertThat(lines[0]).startsWith("STT,Đơn vị,Số CBQL, GV".replace("Số CBQL, GV", "\"Số CBQL, GV\""));
    assertThat(lines).hasSize(4);
    assertThat(lines[1]).startsWith("1,Phòng GD&ĐT Bù Đăng,1,1,1,100");
    assertThat(lines[2]).startsWith("2,Phòng GD&ĐT Đồng Xoài,6,6,3,50");
    assertThat(lines[3]).startsWith(",Tổng cộng,7,7,4,");
  }

  @Test
  void theYearStatusPerTeacherFollowsTheRegulationAndNeutralisesFormulaText() throws Exception {
    var result = download("ht.truong-a", "/reports/exports/year-status.xlsx?year=" + YEAR);
    assertThat(result.getStatus().value()).isEqualTo(200);
    var rows = cells(result.getResponseBody());
    assertThat(rows).hasSize(5);
    assertThat(rows.get(0).subList(0, 4)).containsExactly("STT", "Họ và tên", "Ngày sinh", "Tên đăng nhập");
    var byName = new LinkedHashMap<String, List<Object>>();
    rows.subList(1, rows.size()).forEach(r -> byName.put((String) r.get(1), r));
    assertThat(byName.keySet()).as("the principal's school only")
        .containsExactlyInAnyOrder("Nguyễn Thị Ánh", "Trần Văn Bình", "Lê Thị Cúc", "'=1+1 Đỗ Thị Hoa");
    var anh = byName.get("Nguyễn Thị Ánh");
    assertThat(anh.get(2)).as("a real date").isEqualTo(LocalDate.of(1980, 5, 17));
    assertThat(anh.subList(4, 16)).containsExactly("Trường Tiểu học Tân Phú", "Phòng GD&ĐT Đồng Xoài", "Tiểu học", "Giáo viên",
        YEAR, 3.0, "GV-01, GV-02, GV-03", 120.0, 120.0, null, null, "Hoàn thành");
    assertThat(byName.get("Trần Văn Bình").subList(13, 16)).as("a reference subject does not count")
        .containsExactly(null, null, "Chưa hoàn thành");
    assertThat(byName.get("Trần Văn Bình").get(9)).isEqualTo(1.0);
    assertThat(byName.get("Lê Thị Cúc").subList(13, 16)).containsExactly("Miễn", "Nghỉ hưu tháng 12/2025", "Được miễn");
  }

  @Test
  void theYearStatusListsTheSamePeopleTheResultsReportCountsTeachersAndSchoolManagers() throws Exception {
    var years = cells(download("so.giamsat", "/reports/exports/year-status.xlsx?year=" + YEAR).getResponseBody());
    var results = cells(download("so.giamsat", "/reports/exports/results.xlsx?year=" + YEAR).getResponseBody());
    var total = results.get(results.size() - 1);
    assertThat(total.get(1)).isEqualTo("Tổng cộng");
    assertThat(years.subList(1, years.size())).extracting(r -> r.get(1)).doesNotContain("Chuyên viên Sở")
        .hasSize(((Double) total.get(2)).intValue());
  }

  @Test
  void theYearStatusCsvNeutralisesTheUnicodeMinusAndKeepsVietnamese() {
    var result = download("ht.truong-b", "/reports/exports/year-status.csv?year=" + YEAR);
    byte[] body = result.getResponseBody();
    assertThat(body).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    String csv = new String(body, StandardCharsets.UTF_8);
    assertThat(csv).contains("'\u2212Hồ Thị Én", "Phạm Văn Dũng,1990-03-04").doesNotContain("Nguyễn Thị Ánh", "Vũ Văn Giang");
  }

  @Test
  void aPrincipalGetsNoRowOfAnotherSchoolAndCannotAskForIt() {
    assertThat(download("ht.truong-a", "/reports/exports/year-status.csv?year=" + YEAR + "&unit=" + B).getStatus().value())
        .isEqualTo(404);
    assertThat(download("ht.truong-a", "/reports/exports/results.xlsx?unit=" + D1).getStatus().value()).isEqualTo(404);
    String register = new String(download("ht.truong-a", "/reports/exports/certificates.csv?year=" + YEAR).getResponseBody(),
        StandardCharsets.UTF_8);
    assertThat(register).contains("GV02-2025-000001-AAAA").doesNotContain("GV02-2025-000002-BBBB", "GV02-2025-000003-CCCC");
  }

  @Test
  void aDistrictOfficerOfAnotherDistrictGets404() {
    assertThat(download("pgd.huyen-2", "/reports/exports/results.xlsx?unit=" + D1 + "&run=" + RUN2).getStatus().value()).isEqualTo(404);
    assertThat(download("pgd.huyen-2", "/reports/exports/certificates.xlsx?unit=" + A).getStatus().value()).isEqualTo(404);
    assertThat(download("pgd.huyen-2", "/reports/exports/year-status.xlsx?unit=" + SO).getStatus().value()).isEqualTo(404);
    assertThat(download("gv.hocvien", "/reports/exports/results.xlsx").getStatus().value()).isEqualTo(403);
  }

  @Test
  void theCertificateRegisterNamesEachCertificateWithTypedDatesAndRevocations() throws Exception {
    var result = download("pgd.huyen-1", "/reports/exports/certificates.xlsx?year=" + YEAR + "&unit=" + D1);
    assertThat(result.getStatus().value()).isEqualTo(200);
    var rows = cells(result.getResponseBody());
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1)).containsExactly(1.0, "GV02-2025-000001-AAAA", "Nguyễn Thị Ánh", LocalDate.of(1980, 5, 17),
        "Trường Tiểu học Tân Phú", "GV-02", "Mô đun GV-02", 40.0, LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 15),
        LocalDate.of(2025, 10, 20), "Còn hiệu lực");
    assertThat(rows.get(2)).containsExactly(2.0, "GV02-2025-000002-BBBB", "Phạm Văn Dũng", LocalDate.of(1990, 3, 4),
        "Trường Tiểu học Tân Bình", "GV-02", "Mô đun GV-02", 40.0, LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 15),
        LocalDate.of(2025, 10, 20), "Đã thu hồi", LocalDate.of(2025, 11, 1), "Sai họ tên");
  }

  @Test
  void theExportsPageOffersTheCallersUnitsAndRunsOnly() {
    var page = WebSession.loggedIn(web, "pgd.huyen-1", PW).get("/reports/exports");
    assertThat(page.getStatus().value()).isEqualTo(200);
    assertThat(page.getResponseBody()).contains("Phòng GD&amp;ĐT Đồng Xoài", "Trường Tiểu học Tân Phú", "Đợt mô đun 2 (2025)",
        "/reports/exports/runs/" + RUN2 + "/certificates.zip", "/reports/exports/results.csv")
        .doesNotContain("Bù Đăng", "Đức Liễu");
    assertThat(WebSession.loggedIn(web, "pgd.huyen-1", PW).get("/").getResponseBody()).contains("/reports/exports");
    assertThat(WebSession.loggedIn(web, "so.giamsat", PW).get("/reports/exports").getResponseBody())
        .contains("Phòng GD&amp;ĐT Bù Đăng", "Phòng GD&amp;ĐT Đồng Xoài", "Đợt cấp giấy", "Đợt mô đun 3 (2026)");
    assertThat(WebSession.loggedIn(web, "ht.truong-b", PW).get("/reports/exports").getResponseBody())
        .contains("Trường Tiểu học Tân Bình", "Đợt mô đun 2 (2025)").doesNotContain("Tân Phú", "Đợt cấp giấy", "Đồng Xoài");
  }

  @Test
  void aRunsZipHoldsTheValidPdfsOfTheCallersScopeOnly() throws Exception {

    var principal = download("ht.truong-a", "/reports/exports/runs/" + RUN_ZIP + "/certificates.zip");
    assertThat(principal.getStatus().value()).isEqualTo(200);
    assertThat(principal.getResponseHeaders().getFirst("Content-Disposition"))
        .isEqualTo("attachment; filename=\"Giay-chung-nhan-Dot-cap-giay.zip\"; filename*=UTF-8''"
            + "Gi%E1%BA%A5y%20ch%E1%BB%A9ng%20nh%E1%BA%ADn%20-%20%C4%90%E1%BB%A3t%20c%E1%BA%A5p%20gi%E1%BA%A5y.zip");
    assertThat(entries(principal.getResponseBody())).as("school A's valid certificates, never a path")
        .containsExactly("GV02-2025-100001-AAAA - Nguyễn Thị Ánh.pdf", "GV02-2025-100004-DDDD - Lê .. Thị Cúc.pdf");
    assertThat(entries(download("so.giamsat", "/reports/exports/runs/" + RUN_ZIP + "/certificates.zip").getResponseBody()))
        .containsExactly("GV02-2025-100001-AAAA - Nguyễn Thị Ánh.pdf", "GV02-2025-100003-CCCC - Vũ Văn Giang.pdf",
            "GV02-2025-100004-DDDD - Lê .. Thị Cúc.pdf");
    assertThat(download("ht.truong-b", "/reports/exports/runs/" + RUN_ZIP + "/certificates.zip").getStatus().value())
        .as("a run with no learner of the school").isEqualTo(404);
  }

  @Test
  void onA360PixelPhoneTheDistrictOfficerPicksTheRunAndDownloadsTheDistrictsXlsx() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of(Chromium.PATH)),
        "no Chromium at " + Chromium.PATH);
    try (var chromium = new Chromium()) {
      String base = "http://127.0.0.1:" + port;
      var context = chromium.browser().newContext(chromium.phone().setViewportSize(360, 740).setAcceptDownloads(true));
      Page page = context.newPage();
      Chromium.logIn(page, base, "pgd.huyen-1", PW);
      page.locator("#exports-link").click();
      assertThat(page.url()).endsWith("/reports/exports");
      assertThat(((Number) page.evaluate("document.scrollingElement.scrollWidth")).intValue()).as("page width")
          .isLessThanOrEqualTo(360);
      page.locator("#results-unit").selectOption(String.valueOf(D1));
      page.locator("#results-run").selectOption(String.valueOf(RUN2));
      Download download = page.waitForDownload(() -> page.locator("#export-results button").first().click());
      assertThat(download.suggestedFilename()).isEqualTo("Báo cáo kết quả BDTX - Phòng GD&ĐT Đồng Xoài - Đợt mô đun 2 (2025).xlsx");
      var rows = cells(java.nio.file.Files.readAllBytes(download.path()));
      assertThat(rows).extracting(r -> r.get(1)).containsExactly("Đơn vị", "Trường Tiểu học Tân Bình", "Trường Tiểu học Tân Phú",
          "Tổng cộng");
      assertThat(rows.get(3).get(4)).isEqualTo(3.0);
    }
  }

  /** The entry names of a ZIP, each checked to be a whole PDF. */
  private static List<String> entries(byte[] zip) throws Exception {
    var names = new ArrayList<String>();
    try (var in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
      for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        byte[] pdf = in.readAllBytes();
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).as(e.getName()).isEqualTo("%PDF-");
        assertThat(new String(pdf, StandardCharsets.ISO_8859_1).stripTrailing()).as(e.getName()).endsWith("%%EOF");
        names.add(e.getName());
      }
    }
    return names;
  }

}
