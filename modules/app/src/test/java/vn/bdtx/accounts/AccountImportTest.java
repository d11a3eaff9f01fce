package vn.bdtx.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
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

/** The IT team imports the schools' lists: the real sample files, broken files, re-imports. */
@BdtxIntegrationTest
@DirtiesContext
class AccountImportTest {

  static final String HEADER = "ho_va_ten,email,ngay_sinh,dien_thoai,ma_truong,cap_hoc,chuc_vu,mon_chinh,mon_khac,vai_tro\n";

  static final String SAMPLE_ACCOUNTS = "SELECT count(*) FROM account WHERE email IN ('hoa.nguyen@thtanphu.edu.vn', "
      + "'minh.tran@thtanphu.edu.vn', 'ha.le@thcsdongxoai.edu.vn')";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  static boolean provinceBuilt;
  WebSession admin;

  @BeforeEach
  void aProvinceWithTwoSchools() {
    if (!provinceBuilt) {
      new TestAccounts(db, encoder).create("cntt-import", "nhap danh sach giao vien", Role.IT_ADMIN);
    }
    admin = WebSession.loggedIn(web, "cntt-import", "nhap danh sach giao vien");
    if (!provinceBuilt) {
      var province = new Province(admin);
      long so = province.department("SO-IMP", "Sở GD&ĐT Bình Phước");
      long pgd = province.district("PGD-DX", "Phòng GD&ĐT Đồng Xoài", so);
      province.school("TH-TAN-PHU", "Trường TH Tân Phú", pgd, null, "PRIMARY");
      province.school("THCS-DONG-XOAI", "Trường THCS Đồng Xoài", pgd, null, "LOWER_SECONDARY");
      provinceBuilt = true;
    }
    admin.get("/admin/accounts/import");
  }

  @Test
  void theSampleXlsxImportsThreeAccountsAndImportingItAgainDuplicatesNothing() throws IOException {
    byte[] xlsx = new ClassPathResource("static/samples/tai-khoan-mau.xlsx").getContentAsByteArray();
    var first = Uploads.upload(web, admin, "/admin/accounts/import", "tai-khoan-mau.xlsx", xlsx);
    assertThat(first.getStatus().value()).isEqualTo(200);
    assertThat(first.getResponseBody()).containsPattern("Đã nhập tệp tai-khoan-mau.xlsx: 3 dòng, [0-3] tài khoản mới");
    long accounts = count(SAMPLE_ACCOUNTS);
    assertThat(accounts).isEqualTo(3);

    admin.get("/admin/accounts/import");
    var again = Uploads.upload(web, admin, "/admin/accounts/import", "tai-khoan-mau.xlsx", xlsx);
    assertThat(again.getResponseBody()).contains("3 dòng, 0 tài khoản mới, 0 tài khoản được cập nhật, 3 tài khoản không thay đổi");
    assertThat(count(SAMPLE_ACCOUNTS)).isEqualTo(accounts);
    assertThat(count("SELECT count(*) FROM role_grant g JOIN account a ON a.id = g.account_id "
        + "WHERE a.email = 'ha.le@thcsdongxoai.edu.vn'")).as("learner and core teacher, once each").isEqualTo(2);
    assertThat(text("SELECT date_of_birth::text FROM account WHERE email = 'hoa.nguyen@thtanphu.edu.vn'")).isEqualTo("1985-09-05");
  }

  @Test
  void theSampleCsvWithItsByteOrderMarkImports() throws IOException {
    byte[] csv = new ClassPathResource("static/samples/tai-khoan-mau.csv").getContentAsByteArray();
    var result = Uploads.upload(web, admin, "/admin/accounts/import", "tai-khoan-mau.csv", csv);
    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(result.getResponseBody()).contains("Đã nhập tệp tai-khoan-mau.csv: 3 dòng");
  }

  @Test
  void aFileWithErrorsIsReportedByRowAndColumnAndChangesNothing() {
    long before = count("SELECT count(*) FROM account");
    String csv = HEADER
        + "Phạm Văn Đúng,dung@x.edu.vn,01/01/1980,0912345678,TH-TAN-PHU,TH,GV,Toán,,\n"
        + "=HYPERLINK(\"http://x\";\"y\"),sai-email,31/02/1985,123,KHONG-CO,TH,GV,,,\n"
        + "Võ Thị Trùng,DUNG@x.edu.vn,01/01/1980,,THCS-DONG-XOAI,TH,GV,,,IT_ADMIN\n";
    var result = Uploads.upload(web, admin, "/admin/accounts/import", "loi.csv", csv.getBytes(StandardCharsets.UTF_8));
    assertThat(result.getStatus().value()).isEqualTo(422);
    assertThat(result.getResponseBody())
        .contains("Tệp loi.csv có 8 lỗi", "Chưa có tài khoản nào được tạo hay thay đổi.")
        .contains("Họ tên chỉ gồm chữ cái", "Email không đúng dạng", "Ngày không tồn tại",
            "Số điện thoại không đúng dạng", "Không có trường nào mang mã hay tên này",
            "Email này đã có ở dòng 2 của tệp", "Trường này không có cấp học đó",
            "Vai trò «IT_ADMIN» không cấp qua tệp nhập")
        .contains("data-label=\"Dòng\">3</td>", "data-label=\"Dòng\">4</td>");
    assertThat(count("SELECT count(*) FROM account")).isEqualTo(before);
  }

  @Test
  void aCsvWhoseEncodingCannotBeToldIsRefusedWithTheLineAndHowToSaveItAsUtf8() {
    // Latin-1 German: not UTF-8, and read as Windows-1258, VNI or TCVN3 it is not Vietnamese.
    String csv = HEADER + "Nguyen Van A,a@x.edu.vn,,,TH-TAN-PHU,TH,GV,,,\nMüller Groß,b@x.edu.vn,,,TH-TAN-PHU,TH,GV,Straße,,\n";
    var result = Uploads.upload(web, admin, "/admin/accounts/import", "latin1.csv", csv.getBytes(StandardCharsets.ISO_8859_1));
    assertThat(result.getStatus().value()).isEqualTo(422);
    assertThat(result.getResponseBody()).contains("Không nhận ra bảng mã của tệp CSV (không phải UTF-8 từ dòng 3", "CSV UTF-8");
  }

  /**
   * VNI-Windows bytes written from the published VNI table (each byte shown as its
   * Windows-1252 character): ễ = "e" 0xE3 ("eã"), ị = 0xF2 ("ò"), ế = "e" 0xE1 ("eá"),
   * ệ = "e" 0xE4 ("eä"), á = "a" 0xF9 ("aù").
   */
  @Test
  void aCsvInVniIsReadAndTheReportSaysSo() {
    String vni = HEADER + "Nguyeãn Thò Lan,lan.vni@x.edu.vn,,,TH-TAN-PHU,TH,GV,Tieáng Vieät,Toaùn,\n";
    var result = Uploads.upload(web, admin, "/admin/accounts/import", "vni.csv", vni.getBytes(StandardCharsets.ISO_8859_1));
    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(result.getResponseBody()).contains("Đã đọc tệp theo bảng mã VNI-Windows");
    assertThat(text("SELECT full_name || '|' || main_subject || '|' || other_subjects FROM account WHERE email = 'lan.vni@x.edu.vn'"))
        .isEqualTo("Nguyễn Thị Lan|Tiếng Việt|Toán");
  }

  /**
   * TCVN3 (ABC) bytes written from the published TCVN 5712 VN3 table (each byte shown as
   * its Windows-1252 character): ễ = 0xD4 ("Ô"), ị = 0xDE ("Þ"), ế = 0xD5 ("Õ"), ệ = 0xD6 ("Ö"),
   * á = 0xB8 ("¸").
   */
  @Test
  void aCsvInTcvn3IsReadAndTheReportSaysSo() {
    String tcvn3 = HEADER + "NguyÔn ThÞ Mai,mai.tcvn3@x.edu.vn,,,TH-TAN-PHU,TH,GV,TiÕng ViÖt,To¸n,\n";
    var result = Uploads.upload(web, admin, "/admin/accounts/import", "tcvn3.csv", tcvn3.getBytes(StandardCharsets.ISO_8859_1));
    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(result.getResponseBody()).contains("Đã đọc tệp theo bảng mã TCVN3 (ABC)");
    assertThat(text("SELECT full_name || '|' || main_subject || '|' || other_subjects FROM account WHERE email = 'mai.tcvn3@x.edu.vn'"))
        .isEqualTo("Nguyễn Thị Mai|Tiếng Việt|Toán");
  }

  @Test
  void semicolonsAndNamesTypedWithCombiningMarksAreHandled() {
    String csv = HEADER.replace(',', ';') + "Nguye\u0302\u0303n Thi\u0323 Lan;lan.nguyen@x.edu.vn;;;TH-TAN-PHU;TH;GV;;;\n";
    var result = Uploads.upload(web, admin, "/admin/accounts/import", "cham-phay.csv", csv.getBytes(StandardCharsets.UTF_8));
    assertThat(result.getStatus().value()).isEqualTo(200);
    assertThat(text("SELECT full_name FROM account WHERE email = 'lan.nguyen@x.edu.vn'")).isEqualTo("Nguyễn Thị Lan");
  }

  @Test
  void anExecutableRenamedCsvAndAnEmptyFileAreRefused() {
    byte[] exe = new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0};
    var binary = Uploads.upload(web, admin, "/admin/accounts/import", "danh-sach.csv", exe);
    assertThat(binary.getStatus().value()).isEqualTo(422);
    assertThat(binary.getResponseBody()).contains("Tệp không phải CSV hay Excel .xlsx");
    admin.get("/admin/accounts/import");
    var empty = Uploads.upload(web, admin, "/admin/accounts/import", "rong.csv", new byte[0]);
    assertThat(empty.getStatus().value()).isEqualTo(422);
    assertThat(empty.getResponseBody()).contains("Tệp không có dữ liệu");
  }

  @Test
  void aFileOverTheImportLimitIsRefusedWithTheLimitAndNothingIsWritten() {
    // A well-formed list just over 10 MB (BDTX_IMPORT_MAX_FILE_SIZE): refused before a row is read.
    var csv = new StringBuilder(HEADER);
    for (int i = 0; csv.length() <= 10 * 1024 * 1024; i++) {
      csv.append("Nguyễn Văn Lớn ").append(i).append(",lon").append(i).append("@x.edu.vn,,,TH-TAN-PHU,TH,GV,,,\n");
    }
    var result = Uploads.upload(web, admin, "/admin/accounts/import", "qua-lon.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(result.getStatus().value()).isEqualTo(422);
    assertThat(result.getResponseBody()).contains("Tệp lớn hơn giới hạn 10 MB cho một lần nhập");
    assertThat(text("SELECT count(*)::text FROM account WHERE email LIKE 'lon%@x.edu.vn'")).isEqualTo("0");
  }

  @Test
  void anUploadWithoutTheCsrfTokenIsRefused() {
    var forged = WebSession.loggedIn(web, "cntt-import", "nhap danh sach giao vien");
    String csv = HEADER + "Đỗ Văn Giả,gia@x.edu.vn,,,TH-TAN-PHU,TH,GV,,,\n";
    var parts = new org.springframework.http.client.MultipartBodyBuilder();
    parts.part("file", csv.getBytes(StandardCharsets.UTF_8)).filename("x.csv");
    web.post().uri("/admin/accounts/import").cookie(WebSession.COOKIE, forged.sessionId())
        .body(org.springframework.web.reactive.function.BodyInserters.fromMultipartData(parts.build()))
        .exchange().expectStatus().isForbidden();
    assertThat(count("SELECT count(*) FROM account WHERE email = 'gia@x.edu.vn'")).isZero();
  }

  private long count(String sql) {
    return db.sql(sql).map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5));
  }

  private String text(String sql) {
    return db.sql(sql).map((r, m) -> r.get(0, String.class)).one().block(Duration.ofSeconds(5));
  }
}
