package vn.bdtx.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;
import static vn.bdtx.support.WebSession.redirectsTo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Province;
import vn.bdtx.support.SharedProvinceContext;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.Uploads;
import vn.bdtx.support.WebSession;

/**
 * Credential sheets: downloaded per school, their passwords work once, and the latest sheet wins. The schools are
 * built under the install's one department ({@link SharedProvinceContext}) with codes and names of their own, and
 * the sample list is imported with its schools' codes turned into these.
 */
@BdtxIntegrationTest
@SharedProvinceContext
class CredentialSheetsTest {

  /** The sample's school codes, and this class's own. */
  static final Map<String, String> CODES = Map.of("TH-TAN-PHU", "PHIEU-TAN-PHU", "THCS-DONG-XOAI", "PHIEU-DONG-XOAI");
  static final String SCHOOL = "Trường TH Tân Phú (phiếu)";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  static long school;
  WebSession admin;

  @BeforeEach
  void importedTeachers() throws IOException {
    if (school == 0) {
      new TestAccounts(db, encoder).create("cntt-phieu", "phat phieu cho truong", Role.IT_ADMIN);
      new TestAccounts(db, encoder).create("hv-phieu", "phat phieu cho truong", Role.LEARNER);
    }
    admin = WebSession.loggedIn(web, "cntt-phieu", "phat phieu cho truong");
    if (school == 0) {
      var province = new Province(admin);
      long so = province.sharedDepartment(db);
      long pgd = province.district("PGD-PHIEU", "Phòng GD&ĐT Phiếu", so);
      school = province.school(CODES.get("TH-TAN-PHU"), SCHOOL, pgd, null, "PRIMARY");
      province.school(CODES.get("THCS-DONG-XOAI"), "Trường THCS Đồng Xoài (phiếu)", pgd, null, "LOWER_SECONDARY");
      admin.get("/admin/accounts/import");
      assertThat(Uploads.upload(web, admin, "/admin/accounts/import", "mau.xlsx", sampleWithOwnCodes()).getResponseBody())
          .contains("3 tài khoản mới");
    }
  }

  @Test
  void anImportedTeacherCannotLogInBeforeASheetIsIssued() {
    var attempt = WebSession.anonymous(web).postForm("/login", form("username", "ha.le@thcsdongxoai.edu.vn", "password", "anything at all"));
    assertThat(redirectsTo(attempt, "/login?error")).isTrue();
  }

  @Test
  void aSheetsPasswordLogsTheTeacherInOnceAndMustBeChangedAndTheNextSheetReplacesIt() throws IOException {
    assertThat(schoolRow(admin.get("/admin/accounts/credentials").getResponseBody())).contains("Tải phiếu (2 tài khoản)");
    Map<String, String> first = sheet();
    assertThat(first).containsOnlyKeys("hoa.nguyen@thtanphu.edu.vn", "minh.tran@thtanphu.edu.vn");
    assertThat(first.values()).allSatisfy(p -> assertThat(p).hasSize(12)).doesNotHaveDuplicates();

    Map<String, String> second = sheet();
    var old = WebSession.anonymous(web).postForm("/login", form("username", "hoa.nguyen@thtanphu.edu.vn",
        "password", first.get("hoa.nguyen@thtanphu.edu.vn")));
    assertThat(redirectsTo(old, "/login?error")).as("the older sheet no longer works").isTrue();

    var teacher = WebSession.loggedIn(web, "hoa.nguyen@thtanphu.edu.vn", second.get("hoa.nguyen@thtanphu.edu.vn"));
    assertThat(redirectsTo(teacher.get("/"), "/account/password")).isTrue();
    teacher.get("/account/password");
    var changed = teacher.postForm("/account/password", form("currentPassword", second.get("hoa.nguyen@thtanphu.edu.vn"),
        "newPassword", "lop mot a cua co hoa", "confirmPassword", "lop mot a cua co hoa"));
    assertThat(redirectsTo(changed, "/?passwordChanged")).isTrue();

    Map<String, String> third = sheet();
    assertThat(third).as("an activated teacher is not on later sheets").containsOnlyKeys("minh.tran@thtanphu.edu.vn");
    WebSession.loggedIn(web, "hoa.nguyen@thtanphu.edu.vn", "lop mot a cua co hoa");

    String details = db.sql("SELECT string_agg(details::text, ' ') FROM audit_event WHERE action = 'CREDENTIALS_ISSUED'")
        .map((r, m) -> r.get(0, String.class)).one().block(Duration.ofSeconds(5));
    assertThat(details).contains(CODES.get("TH-TAN-PHU")).doesNotContain(second.get("minh.tran@thtanphu.edu.vn"));
  }

  @Test
  void anExpiredOneTimePasswordIsRefusedWithAClearMessage() throws IOException {
    Map<String, String> sheet = sheet();
    db.sql("UPDATE account SET password_expires_at = now() - interval '1 minute' WHERE email = 'minh.tran@thtanphu.edu.vn'")
        .then().block(Duration.ofSeconds(5));
    var attempt = WebSession.anonymous(web).postForm("/login", form("username", "minh.tran@thtanphu.edu.vn",
        "password", sheet.get("minh.tran@thtanphu.edu.vn")));
    assertThat(redirectsTo(attempt, "/login?expired")).isTrue();
    assertThat(WebSession.anonymous(web).get("/login?expired").getResponseBody()).contains("Mật khẩu ban đầu đã hết hạn");
  }

  @Test
  void onlyTheItAdminIssuesSheets() {
    var learner = WebSession.loggedIn(web, "hv-phieu", "phat phieu cho truong");
    learner.get("/");
    assertThat(learner.postForm("/admin/accounts/credentials/" + school, form()).getStatus().value()).isEqualTo(403);
    assertThat(admin.get("/admin/accounts/credentials").getStatus().value()).isEqualTo(200);
    assertThat(admin.postForm("/admin/accounts/credentials/999999", form()).getStatus().value()).isEqualTo(404);
  }

  /** Downloads the school's sheet as the admin does, and reads login name → password from it. */
  private Map<String, String> sheet() throws IOException {
    admin.get("/admin/accounts/credentials");
    EntityExchangeResult<byte[]> result = web.post().uri("/admin/accounts/credentials/" + school)
        .cookie(WebSession.COOKIE, admin.sessionId())
        .body(org.springframework.web.reactive.function.BodyInserters.fromFormData("_csrf", admin.csrf()))
        .exchange().expectStatus().isOk()
        .expectHeader().valueEquals("Cache-Control", "no-store")
        .expectHeader().value("Content-Disposition", v -> assertThat(v).contains("attachment", "phieu-tai-khoan-" + CODES.get("TH-TAN-PHU") + ".xlsx"))
        .expectBody(byte[].class).returnResult();
    Map<String, String> passwords = new HashMap<>();
    try (var wb = new XSSFWorkbook(new ByteArrayInputStream(result.getResponseBody()))) {
      var sheet = wb.getSheetAt(0);
      for (int r = 3; r <= sheet.getLastRowNum(); r++) {
        var row = sheet.getRow(r);
        passwords.put(row.getCell(2).getStringCellValue(), row.getCell(3).getStringCellValue());
      }
    }
    return passwords;
  }

  /** The credentials page's row of this class's school (the page lists every school of the province). */
  private static String schoolRow(String page) {
    var m = java.util.regex.Pattern.compile("<tr>\\s*<td>" + java.util.regex.Pattern.quote(SCHOOL) + "</td>.*?</tr>",
        java.util.regex.Pattern.DOTALL).matcher(page);
    assertThat(m.find()).as("the school's row on the credentials page").isTrue();
    return m.group();
  }

  /** The sample list as downloaded from the import page, with its schools' codes turned into this class's own. */
  private static byte[] sampleWithOwnCodes() throws IOException {
    try (var wb = new XSSFWorkbook(new ClassPathResource("static/samples/tai-khoan-mau.xlsx").getInputStream());
         var out = new ByteArrayOutputStream()) {
      int replaced = 0;
      for (var row : wb.getSheetAt(0)) {
        for (var cell : row) {
          if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING && CODES.containsKey(cell.getStringCellValue())) {
            cell.setCellValue(CODES.get(cell.getStringCellValue()));
            replaced++;
          }
        }
      }
      assertThat(replaced).as("the sample's three rows name a school by code").isEqualTo(3);
      wb.write(out);
      return out.toByteArray();
    }
  }
}
