package vn.bdtx.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Province;
import vn.bdtx.support.SharedProvinceContext;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.Uploads;
import vn.bdtx.support.WebSession;

/**
 * Lists as schools really send them (issue 14, item 4): an Excel sheet and a CSV that
 * Excel saved on a Vietnamese Windows, with the headers schools write; formulas;
 * corrected lists sent again.
 */
@BdtxIntegrationTest
@SharedProvinceContext
class SchoolListsImportTest {

  static final String HEADER = "ho_va_ten,email,ngay_sinh,dien_thoai,ma_truong,cap_hoc,chuc_vu,mon_chinh,mon_khac,vai_tro\n";
  /** Everyone the school list fixtures hold, one line each, as stored. */
  static final String PEOPLE = """
      SELECT string_agg(a.full_name || '|' || a.email || '|' || o.code || '|' || a.level || '|' || a.position || '|'
               || coalesce(a.main_subject, '') || '|' || coalesce(a.other_subjects, '') || '|'
               || coalesce(a.date_of_birth::text, '') || '|' || coalesce(a.phone, '')
               || '|' || (a.full_name = normalize(a.full_name, NFC)), E'\\n' ORDER BY a.email)
      FROM account a JOIN org_unit o ON o.id = a.school_id WHERE a.email LIKE '%.tg@%'""";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  static boolean provinceBuilt;
  WebSession admin;

  @BeforeEach
  void aProvinceWithTwoSchools() {
    if (!provinceBuilt) {
      new TestAccounts(db, encoder).create("cntt-lists", "nhap danh sach that", Role.IT_ADMIN);
    }
    admin = WebSession.loggedIn(web, "cntt-lists", "nhap danh sach that");
    if (!provinceBuilt) {
      var province = new Province(admin);
      long so = province.sharedDepartment(db);
      long pgd = province.district("PGD-DX", "Phòng GD&ĐT Đồng Xoài", so);
      province.school("TH-TAN-PHU", "Trường TH Tân Phú", pgd, null, "PRIMARY");
      province.school("THCS-DONG-XOAI", "Trường THCS Đồng Xoài", pgd, null, "LOWER_SECONDARY");
      provinceBuilt = true;
    }
    admin.get("/admin/accounts/import");
  }

  /**
   * Issue 14's done: the same list as a school's Excel sheet (built by openpyxl, script
   * beside it) and as the CSV Excel saves on a Vietnamese Windows (Windows-1258 with
   * decomposed tones, made by glibc's iconv from the UTF-8 copy) imports the same people.
   * The CSV comes first; the Excel sheet then finds every one of its six people exactly
   * as stored: nothing new, nothing updated.
   */
  @Test
  void aSchoolsExcelSheetAndItsWindows1258CsvWithVietnameseHeadersImportTheSamePeople() throws IOException {
    byte[] csv = new ClassPathResource("imports/danh-sach-giao-vien.windows-1258.csv").getContentAsByteArray();
    byte[] xlsx = new ClassPathResource("imports/danh-sach-giao-vien.xlsx").getContentAsByteArray();
    assertThat(new String(csv, StandardCharsets.ISO_8859_1)).as("decomposed: ê then the tilde byte").contains("Nguy\u00EA\u00DEn");

    var fromCsv = Uploads.upload(web, admin, "/admin/accounts/import", "danh-sach.csv", csv);
    assertThat(fromCsv.getStatus().value()).as(fromCsv.getResponseBody()).isEqualTo(200);
    assertThat(fromCsv.getResponseBody())
        .contains("Đã nhập tệp danh-sach.csv: 6 dòng, 6 tài khoản mới", "Đã đọc tệp theo bảng mã Windows-1258")
        .contains("Cột A: “STT”", "Cột D: “Giới tính”", "Cột L: “Ghi chú”");
    String people = text(PEOPLE);
    assertThat(people).isEqualTo(String.join("\n",
        "Vũ Thị Ngọc Ánh|anh.vu.tg@thtanphu.edu.vn|TH-TAN-PHU|PRIMARY|TEACHER|Âm nhạc|Mĩ thuật|1995-04-30|0977888999|true",
        "Lê Thị Thu Hà|ha.le.tg@thcsdongxoai.edu.vn|THCS-DONG-XOAI|LOWER_SECONDARY|TEACHER|Ngữ văn|Lịch sử|1990-11-23||true",
        "Nguyễn Thị Hoà|hoa.nguyen.tg@thtanphu.edu.vn|TH-TAN-PHU|PRIMARY|TEACHER|Toán|Tiếng Việt; Đạo đức|1985-09-05|0912345678|true",
        "Phạm Quỳnh Hương|huong.pham.tg@thcsdongxoai.edu.vn|THCS-DONG-XOAI|LOWER_SECONDARY|TEACHER|Khoa học tự nhiên||1988-02-01|0903111222|true",
        "Trần Văn Minh|minh.tran.tg@thtanphu.edu.vn|TH-TAN-PHU|PRIMARY|MANAGER|||1979-03-12|0987654321|true",
        "Đặng Hữu Nghĩa|nghia.dang.tg@thcsdongxoai.edu.vn|THCS-DONG-XOAI|LOWER_SECONDARY|TEACHER|Tiếng Anh||1992-07-17||true"));

    admin.get("/admin/accounts/import");
    var fromXlsx = Uploads.upload(web, admin, "/admin/accounts/import", "danh-sach.xlsx", xlsx);
    assertThat(fromXlsx.getStatus().value()).as(fromXlsx.getResponseBody()).isEqualTo(200);
    assertThat(fromXlsx.getResponseBody())
        .contains("6 dòng, 0 tài khoản mới, 0 tài khoản được cập nhật, 6 tài khoản không thay đổi")
        .contains("Cột A: “STT”", "Cột D: “Giới tính”", "Cột L: “Ghi chú”")
        .doesNotContain("Đã đọc tệp theo bảng mã");
    assertThat(text(PEOPLE)).isEqualTo(people);
  }

  /**
   * The cell holds =HYPERLINK(…) with a cached value that reads as a name. The file is
   * written by POI's usermodel and the formula evaluated, as Excel would have cached it;
   * the upload is refused by row and column with the formula shown.
   */
  @Test
  void aFormulaCellIsRefusedByRowAndColumnWithItsFormulaWhateverItsCachedValue() throws IOException {
    byte[] xlsx;
    try (var wb = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
      var sheet = wb.createSheet("Danh sách");
      String[] header = HEADER.strip().split(",");
      var h = sheet.createRow(0);
      for (int i = 0; i < header.length; i++) {
        h.createCell(i).setCellValue(header[i]);
      }
      var r = sheet.createRow(1);
      r.createCell(0).setCellFormula("HYPERLINK(\"http://x.example/a\",\"Nguyễn Văn Giả\")");
      r.createCell(1).setCellValue("gia.cong.thuc@x.edu.vn");
      r.createCell(4).setCellValue("TH-TAN-PHU");
      r.createCell(5).setCellValue("TH");
      r.createCell(6).setCellValue("GV");
      wb.getCreationHelper().createFormulaEvaluator().evaluateFormulaCell(r.getCell(0));
      wb.write(out);
      xlsx = out.toByteArray();
    }
    try (var check = new XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
      var cell = check.getSheetAt(0).getRow(1).getCell(0);
      assertThat(cell.getCachedFormulaResultType()).isEqualTo(CellType.STRING);
      assertThat(cell.getStringCellValue()).as("cached value").isEqualTo("Nguyễn Văn Giả");
    }
    var result = Uploads.upload(web, admin, "/admin/accounts/import", "cong-thuc.xlsx", xlsx);
    assertThat(result.getStatus().value()).isEqualTo(422);
    assertThat(result.getResponseBody())
        .contains("Ô A2 (dòng 2, cột A) chứa công thức =HYPERLINK(", "Nguyễn Văn Giả", "tệp có 1 ô công thức",
            "Chưa có tài khoản nào được tạo hay thay đổi.");
    assertThat(text("SELECT count(*)::text FROM account WHERE email = 'gia.cong.thuc@x.edu.vn'")).isEqualTo("0");
  }

  @Test
  void aCorrectedListReportsUnchangedRowsAsUnchangedAndEachChangeOldToNew() {
    String first = HEADER
        + "Bùi Thị Lan,lan.bui@x.edu.vn,01/01/1980,0912000111,TH-TAN-PHU,TH,GV,Toán,,\n"
        + "Hồ Văn Nam,nam.ho@x.edu.vn,02/02/1981,,TH-TAN-PHU,TH,GV,Tiếng Việt,,\n"
        + "Lý Thị Mai,mai.ly@x.edu.vn,03/03/1982,,TH-TAN-PHU,TH,GV,Âm nhạc,,\n";
    assertThat(Uploads.upload(web, admin, "/admin/accounts/import", "lan-1.csv", utf8(first)).getStatus().value()).isEqualTo(200);
    String before = text("SELECT updated_at::text FROM account WHERE email = 'mai.ly@x.edu.vn'");

    admin.get("/admin/accounts/import");
    String corrected = HEADER
        + "Bùi Thị Lan,lan.bui@x.edu.vn,01/01/1980,0987000222,TH-TAN-PHU,TH,GV,Toán,,\n"
        + "Hồ Văn Nam,nam.ho@x.edu.vn,02/02/1981,,TH-TAN-PHU,TH,GV,Ngữ văn,,cốt cán\n"
        + "Lý Thị Mai,mai.ly@x.edu.vn,03/03/1982,,TH-TAN-PHU,TH,GV,Âm nhạc,,\n";
    var again = Uploads.upload(web, admin, "/admin/accounts/import", "lan-2.csv", utf8(corrected));
    assertThat(again.getStatus().value()).isEqualTo(200);
    String body = again.getResponseBody();
    assertThat(body).contains("3 dòng, 0 tài khoản mới, 2 tài khoản được cập nhật, 1 tài khoản không thay đổi",
        "Các thay đổi đã ghi (2 tài khoản)");
    assertThat(changes(body)).containsExactly(
        "2|lan.bui@x.edu.vn|Điện thoại: 0912000111 → 0987000222",
        "3|nam.ho@x.edu.vn|Môn chính: Tiếng Việt → Ngữ văn",
        "3|nam.ho@x.edu.vn|Vai trò: Học viên → Học viên, Giáo viên / CBQL cốt cán");
    assertThat(text("SELECT updated_at::text FROM account WHERE email = 'mai.ly@x.edu.vn'")).as("not written").isEqualTo(before);
    assertThat(text("SELECT main_subject FROM account WHERE email = 'nam.ho@x.edu.vn'")).isEqualTo("Ngữ văn");
  }

  @Test
  void aRowGivingAnAccountAnotherPersonsNameIsHeldUntilTheItTeamConfirmsItForThatFile() {
    String first = HEADER + "Nguyễn Thị Xuân,xuan.nguyen@x.edu.vn,,,TH-TAN-PHU,TH,GV,Toán,,\n";
    assertThat(Uploads.upload(web, admin, "/admin/accounts/import", "xuan.csv", utf8(first)).getStatus().value()).isEqualTo(200);

    admin.get("/admin/accounts/import");
    String renamed = HEADER
        + "Nguyễn Văn Thu,xuan.nguyen@x.edu.vn,,,TH-TAN-PHU,TH,GV,Toán,,\n"
        + "Đỗ Thị Hạnh,hanh.do@x.edu.vn,,,TH-TAN-PHU,TH,GV,,,\n";
    var held = Uploads.upload(web, admin, "/admin/accounts/import", "doi-ten.csv", utf8(renamed));
    assertThat(held.getStatus().value()).isEqualTo(200);
    assertThat(held.getResponseBody()).contains("2 dòng, 1 tài khoản mới, 0 tài khoản được cập nhật",
        "Có 1 dòng đổi tên tài khoản sang tên người khác: chưa ghi", "Nguyễn Thị Xuân", "Nguyễn Văn Thu");
    assertThat(text("SELECT full_name FROM account WHERE email = 'xuan.nguyen@x.edu.vn'")).isEqualTo("Nguyễn Thị Xuân");
    assertThat(text("SELECT full_name FROM account WHERE email = 'hanh.do@x.edu.vn'")).isEqualTo("Đỗ Thị Hạnh");
    String hash = hash(held.getResponseBody());

    // A confirmation sent with another file confirms nothing.
    admin.get("/admin/accounts/import");
    var otherFile = Uploads.form(web, admin, "/admin/accounts/import",
        Map.of("confirmHash", hash, "confirm", "xuan.nguyen@x.edu.vn"), "file", "khac.csv", utf8(renamed + "\n"));
    assertThat(otherFile.getResponseBody()).contains("Có 1 dòng đổi tên tài khoản");
    assertThat(text("SELECT full_name FROM account WHERE email = 'xuan.nguyen@x.edu.vn'")).isEqualTo("Nguyễn Thị Xuân");

    admin.get("/admin/accounts/import");
    var confirmed = Uploads.form(web, admin, "/admin/accounts/import",
        Map.of("confirmHash", hash, "confirm", "xuan.nguyen@x.edu.vn"), "file", "doi-ten.csv", utf8(renamed));
    assertThat(confirmed.getStatus().value()).isEqualTo(200);
    assertThat(confirmed.getResponseBody()).contains("2 dòng, 0 tài khoản mới, 1 tài khoản được cập nhật, 1 tài khoản không thay đổi")
        .doesNotContain("đổi tên tài khoản sang tên người khác");
    assertThat(text("SELECT full_name FROM account WHERE email = 'xuan.nguyen@x.edu.vn'")).isEqualTo("Nguyễn Văn Thu");
  }

  /** Each change listed on the page: row, e-mail, and the text "field: old → new". */
  private static java.util.List<String> changes(String html) {
    var rows = new java.util.ArrayList<String>();
    var li = Pattern.compile("<li class=\"change\" data-row=\"(\\d+)\" data-email=\"([^\"]+)\">(.*?)</li>", Pattern.DOTALL)
        .matcher(html);
    while (li.find()) {
      rows.add(li.group(1) + "|" + li.group(2) + "|"
          + li.group(3).replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").strip());
    }
    return rows;
  }

  private static String hash(String html) {
    var m = Pattern.compile("name=\"confirmHash\" value=\"([0-9a-f]{64})\"").matcher(html);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private String text(String sql) {
    return db.sql(sql).map((r, m) -> r.get(0, String.class)).one().block(Duration.ofSeconds(5));
  }
}
