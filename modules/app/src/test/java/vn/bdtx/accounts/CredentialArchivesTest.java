package vn.bdtx.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Province;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.Uploads;
import vn.bdtx.support.WebSession;

/** The credential sheets of a whole district or of the province, as one ZIP with one XLSX per school. */
@BdtxIntegrationTest
@DirtiesContext
class CredentialArchivesTest {

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  static long district1;
  static long school;
  WebSession admin;

  @BeforeEach
  void twoDistrictsWithFourSchoolsOneOfThemClosed() {
    if (district1 == 0) {
      new TestAccounts(db, encoder).create("cntt-zip", "phieu ca tinh mot tep", Role.IT_ADMIN);
      new TestAccounts(db, encoder).create("pgd-zip", "phieu ca tinh mot tep", Role.DISTRICT_OFFICER);
    }
    admin = WebSession.loggedIn(web, "cntt-zip", "phieu ca tinh mot tep");
    if (district1 == 0) {
      var province = new Province(admin);
      long so = province.department("SO-ZIP", "Sở GD&ĐT Bình Phước");
      district1 = province.district("PGD-DX", "Phòng GD&ĐT Đồng Xoài", so);
      long district2 = province.district("PGD-BL", "Phòng GD&ĐT Bình Long", so);
      school = province.school("TH-TAN-PHU", "Trường TH Tân Phú", district1, null, "PRIMARY");
      province.school("THCS-DONG-XOAI", "Trường THCS Đồng Xoài", district1, null, "LOWER_SECONDARY");
      long closed = province.school("TH-CU", "Trường TH Cũ", district1, null, "PRIMARY");
      province.school("TH-AN-LOC", "Trường TH An Lộc", district2, null, "PRIMARY");
      admin.get("/admin/accounts/import");
      String csv = "Họ và tên,Email,Trường,Cấp học,Chức vụ\n"
          + "Nguyễn Thị Hoa,hoa@tanphu.edu.vn,TH-TAN-PHU,TH,GV\n"
          + "Trần Văn Minh,minh@tanphu.edu.vn,TH-TAN-PHU,TH,GV\n"
          + "Lê Thị Hà,ha@dongxoai.edu.vn,THCS-DONG-XOAI,THCS,GV\n"
          + "Phạm Văn Cũ,cu@thcu.edu.vn,TH-CU,TH,GV\n"
          + "Đỗ Thị Lộc,loc@anloc.edu.vn,TH-AN-LOC,TH,GV\n";
      assertThat(Uploads.upload(web, admin, "/admin/accounts/import", "ds.csv", csv.getBytes(StandardCharsets.UTF_8))
          .getResponseBody()).contains("5 tài khoản mới");
      admin.get("/admin/org");
      assertThat(admin.postForm("/admin/org/" + closed + "/deactivate", form()).getStatus().is3xxRedirection()).isTrue();
    }
  }

  @Test
  void aDistrictsSheetsComeAsOneZipWithOneSheetPerActiveSchoolNamedAfterIt() throws IOException {
    var entries = zip("/admin/accounts/credentials/districts/" + district1, "phieu-tai-khoan-PGD-DX.zip");
    assertThat(entries.keySet()).containsExactly("Trường TH Tân Phú.xlsx", "Trường THCS Đồng Xoài.xlsx");
    try (var wb = new XSSFWorkbook(new ByteArrayInputStream(entries.get("Trường TH Tân Phú.xlsx")))) {
      var sheet = wb.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains("Trường TH Tân Phú");
      var logins = new ArrayList<String>();
      for (int r = 3; r <= sheet.getLastRowNum(); r++) {
        logins.add(sheet.getRow(r).getCell(1).getStringCellValue() + " " + sheet.getRow(r).getCell(2).getStringCellValue());
        assertThat(sheet.getRow(r).getCell(3).getStringCellValue()).hasSizeGreaterThanOrEqualTo(12);
      }
      assertThat(logins).containsExactly("Nguyễn Thị Hoa hoa@tanphu.edu.vn", "Trần Văn Minh minh@tanphu.edu.vn");
    }
    assertThat(count("SELECT count(*) FROM account WHERE email = 'cu@thcu.edu.vn' AND password_expires_at IS NOT NULL"))
        .as("the closed school's teacher got no password").isZero();
  }

  @Test
  void theProvincesSheetsLeaveOutTheClosedSchool() throws IOException {
    var entries = zip("/admin/accounts/credentials/province", "phieu-tai-khoan-ca-tinh.zip");
    assertThat(entries.keySet()).containsExactly("Trường TH An Lộc.xlsx", "Trường TH Tân Phú.xlsx", "Trường THCS Đồng Xoài.xlsx");
  }

  @Test
  void onlyTheProvinceItTeamDownloadsThemAndAnUnknownDistrictIsNotFound() {
    var officer = WebSession.loggedIn(web, "pgd-zip", "phieu ca tinh mot tep");
    officer.get("/");
    assertThat(officer.postForm("/admin/accounts/credentials/districts/" + district1, form()).getStatus().value()).isEqualTo(403);
    assertThat(officer.postForm("/admin/accounts/credentials/province", form()).getStatus().value()).isEqualTo(403);
    admin.get("/admin/accounts/credentials");
    assertThat(admin.postForm("/admin/accounts/credentials/districts/" + school, form()).getStatus().value())
        .as("a school is not a district").isEqualTo(404);
    assertThat(admin.get("/admin/accounts/credentials").getResponseBody())
        .contains("Tải phiếu cả huyện (ZIP", "Tải phiếu cả tỉnh (ZIP");
  }

  private Map<String, byte[]> zip(String path, String fileName) throws IOException {
    admin.get("/admin/accounts/credentials");
    byte[] body = web.post().uri(path).cookie(WebSession.COOKIE, admin.sessionId())
        .body(org.springframework.web.reactive.function.BodyInserters.fromFormData("_csrf", admin.csrf()))
        .exchange().expectStatus().isOk()
        .expectHeader().contentType("application/zip")
        .expectHeader().valueEquals("Cache-Control", "no-store")
        .expectHeader().value("Content-Disposition", v -> assertThat(v).contains("attachment", fileName))
        .expectBody(byte[].class).returnResult().getResponseBody();
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (var in = new ZipInputStream(new ByteArrayInputStream(body), StandardCharsets.UTF_8)) {
      for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  private long count(String sql) {
    return db.sql(sql).map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5));
  }
}
