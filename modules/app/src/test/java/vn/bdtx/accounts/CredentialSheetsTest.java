package vn.bdtx.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;
import static vn.bdtx.support.WebSession.redirectsTo;

import java.io.ByteArrayInputStream;
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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Province;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.Uploads;
import vn.bdtx.support.WebSession;

/** Credential sheets: downloaded per school, their passwords work once, and the latest sheet wins. */
@BdtxIntegrationTest
@DirtiesContext
class CredentialSheetsTest {

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
      long so = province.department("SO-PHIEU", "Sở GD&ĐT");
      long pgd = province.district("PGD-PHIEU", "Phòng GD&ĐT", so);
      school = province.school("TH-TAN-PHU", "Trường TH Tân Phú", pgd, null, "PRIMARY");
      province.school("THCS-DONG-XOAI", "Trường THCS Đồng Xoài", pgd, null, "LOWER_SECONDARY");
      admin.get("/admin/accounts/import");
      Uploads.upload(web, admin, "/admin/accounts/import", "mau.xlsx",
          new ClassPathResource("static/samples/tai-khoan-mau.xlsx").getContentAsByteArray());
    }
  }

  @Test
  void anImportedTeacherCannotLogInBeforeASheetIsIssued() {
    var attempt = WebSession.anonymous(web).postForm("/login", form("username", "ha.le@thcsdongxoai.edu.vn", "password", "anything at all"));
    assertThat(redirectsTo(attempt, "/login?error")).isTrue();
  }

  @Test
  void aSheetsPasswordLogsTheTeacherInOnceAndMustBeChangedAndTheNextSheetReplacesIt() throws IOException {
    assertThat(admin.get("/admin/accounts/credentials").getResponseBody()).contains("Trường TH Tân Phú", "Tải phiếu (2 tài khoản)");
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
    assertThat(details).contains("TH-TAN-PHU").doesNotContain(second.get("minh.tran@thtanphu.edu.vn"));
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
        .expectHeader().value("Content-Disposition", v -> assertThat(v).contains("attachment", "phieu-tai-khoan-TH-TAN-PHU.xlsx"))
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
}
