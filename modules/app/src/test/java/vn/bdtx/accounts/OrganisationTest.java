package vn.bdtx.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;

import java.time.Duration;
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
import vn.bdtx.support.WebSession;

/** The IT team builds a province: its own database, since there is one department per install. */
@BdtxIntegrationTest
@DirtiesContext
class OrganisationTest {

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  static boolean created;
  static long so;
  WebSession admin;
  Province province;

  @BeforeEach
  void anItAdmin() {
    if (!created) {
      var accounts = new TestAccounts(db, encoder);
      accounts.create("tocntt", "so giao duc binh phuoc", Role.IT_ADMIN);
      accounts.create("hv-org", "so giao duc binh phuoc", Role.LEARNER);
      created = true;
    }
    admin = WebSession.loggedIn(web, "tocntt", "so giao duc binh phuoc");
    province = new Province(admin);
    if (so == 0) {
      so = province.department("SO-BP", "Sở GD&ĐT Bình Phước");
    }
  }

  @Test
  void anItAdminBuildsDistrictsSchoolsAndClustersAndEveryChangeIsAudited() {
    long dongXoai = province.district("PGD-DX-TAY", "Phòng GD&ĐT Đồng Xoài", so);
    long cum1 = province.cluster("CUM-DX-TAY", "Cụm 1 Đồng Xoài", dongXoai);
    long school = province.school("TH-TAN-PHU-TAY", "Trường TH Tân Phú", dongXoai, cum1, "PRIMARY");
    province.school("THPT-DX-TAY", "Trường THPT Đồng Xoài", so, null, "UPPER_SECONDARY");

    String page = admin.get("/admin/org").getResponseBody();
    assertThat(page).contains("Sở GD&amp;ĐT Bình Phước", "Phòng GD&amp;ĐT Đồng Xoài", "Cụm 1 Đồng Xoài",
        "Trường TH Tân Phú", "Trường THPT Đồng Xoài");

    admin.get("/admin/org/" + school);
    var renamed = admin.postForm("/admin/org/" + school, form("name", "Trường Tiểu học Tân Phú",
        "parentId", String.valueOf(dongXoai), "clusterId", String.valueOf(cum1), "levels", "PRIMARY"));
    assertThat(renamed.getStatus().is3xxRedirection()).isTrue();
    assertThat(admin.get("/admin/org").getResponseBody()).contains("Trường Tiểu học Tân Phú");

    assertThat(auditActions()).contains("ORG_UNIT_CREATED", "ORG_UNIT_CHANGED");
  }

  @Test
  void aDistrictOfficeCannotBePlacedUnderASchoolAndTheFormSaysWhy() {
    long pgd = province.district("PGD-2", "Phòng thử", so);
    long school = province.school("TH-2", "Trường thử", pgd, null, "PRIMARY");
    long before = count();
    admin.get("/admin/org");
    var result = admin.postForm("/admin/org", form("kind", "DISTRICT_OFFICE", "code", "PGD-SAI", "name", "Phòng sai chỗ",
        "parentId", String.valueOf(school)));
    assertThat(result.getStatus().value()).isEqualTo(422);
    assertThat(result.getResponseBody()).contains("Trực thuộc: đơn vị loại này không thể trực thuộc đơn vị đã chọn");
    assertThat(count()).isEqualTo(before);
  }

  @Test
  void aCodeInUseAndASchoolWithoutLevelsAreRefused() {
    admin.get("/admin/org");
    var taken = admin.postForm("/admin/org", form("kind", "DISTRICT_OFFICE", "code", "so-bp", "name", "Trùng mã", "parentId", String.valueOf(so)));
    assertThat(taken.getResponseBody()).contains("Mã đơn vị: mã này đã có đơn vị khác dùng.");
    var noLevels = admin.postForm("/admin/org", form("kind", "SCHOOL", "code", "TH-X", "name", "Trường X", "parentId", String.valueOf(so)));
    assertThat(noLevels.getResponseBody()).contains("Cấp học: trường phải có ít nhất một cấp học.");
  }

  @Test
  void aUnitWithActiveUnitsUnderItCannotBeDeactivated() {
    long pgd = province.district("PGD-4", "Phòng bốn", so);
    province.school("TH-4", "Trường bốn", pgd, null, "PRIMARY");
    admin.get("/admin/org/" + pgd);
    var refused = admin.postForm("/admin/org/" + pgd + "/deactivate", form());
    assertThat(refused.getStatus().value()).isEqualTo(409);
    assertThat(refused.getResponseBody()).contains("còn đơn vị trực thuộc đang hoạt động");
  }

  @Test
  void theAuditLogShowsChangesAndCannotBeRewritten() {
    province.district("PGD-AUDIT", "Phòng <b>kiểm tra</b>", so);
    String page = admin.get("/admin/audit?action=ORG_UNIT_CREATED").getResponseBody();
    assertThat(page).contains("Tạo đơn vị", "tocntt", "PGD-AUDIT")
        .as("stored text is inert").doesNotContain("<b>kiểm tra</b>");
    assertThat(admin.get("/admin/audit?action=%27;DROP").getStatus().value()).isEqualTo(200);
    for (String sql : new String[] {"UPDATE audit_event SET actor_name = 'x'", "DELETE FROM audit_event", "TRUNCATE audit_event"}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.sql(sql).then().block(Duration.ofSeconds(5)))
          .hasMessageContaining("append-only");
    }
  }

  @Test
  void theTreeImportsFromTheSampleFileTwiceWithoutDuplicatesAndABrokenFileChangesNothing() throws Exception {
    byte[] sample = new org.springframework.core.io.ClassPathResource("static/samples/co-cau-to-chuc-mau.csv").getContentAsByteArray();
    // The sample names department SO-BP, which this test's province already has under that code.
    admin.get("/admin/org/import");
    var first = vn.bdtx.support.Uploads.upload(web, admin, "/admin/org/import", "co-cau.csv", sample);
    assertThat(first.getStatus().value()).isEqualTo(200);
    assertThat(first.getResponseBody()).contains("6 đơn vị được tạo hoặc cập nhật");
    long afterFirst = count();
    admin.get("/admin/org/import");
    vn.bdtx.support.Uploads.upload(web, admin, "/admin/org/import", "co-cau.csv", sample);
    assertThat(count()).isEqualTo(afterFirst);
    assertThat(admin.get("/admin/org").getResponseBody()).contains("Trường THPT Đồng Xoài", "Cụm trường Đồng Xoài 1");

    String broken = "ma_don_vi,ten_don_vi,loai_don_vi,ma_cap_tren,cap_hoc\nTH-LOI,Trường lỗi,Trường,KHONG-CO,TH\n";
    admin.get("/admin/org/import");
    var refused = vn.bdtx.support.Uploads.upload(web, admin, "/admin/org/import", "loi.csv", broken.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(refused.getStatus().value()).isEqualTo(422);
    assertThat(refused.getResponseBody()).contains("Không có đơn vị cấp trên mang mã này", "KHONG-CO");
    assertThat(count()).isEqualTo(afterFirst);
  }

  /** The tree as a department's Excel saves it on a Vietnamese Windows (iconv-made Windows-1258, Vietnamese headers). */
  @Test
  void aWindows1258TreeWithVietnameseHeadersImportsAndItsNotesColumnIsNamedAsIgnored() throws Exception {
    byte[] csv = new org.springframework.core.io.ClassPathResource("imports/co-cau.windows-1258.csv").getContentAsByteArray();
    admin.get("/admin/org/import");
    var result = vn.bdtx.support.Uploads.upload(web, admin, "/admin/org/import", "co-cau.csv", csv);
    assertThat(result.getStatus().value()).as(result.getResponseBody()).isEqualTo(200);
    assertThat(result.getResponseBody()).contains("3 đơn vị được tạo hoặc cập nhật",
        "Đã đọc tệp theo bảng mã Windows-1258", "Cột F: “Ghi chú”");
    assertThat(db.sql("SELECT name FROM org_unit WHERE code = 'THCS-LOC-THUAN'").map((r, m) -> r.get(0, String.class))
        .one().block(java.time.Duration.ofSeconds(5))).isEqualTo("Trường THCS Lộc Thuận");
  }

  /**
   * The organisation report speaks of units, not of accounts, names the column as the file does (its Vietnamese header
   * and letter, not the code loai_don_vi) and shows the cell's value; the page says which encodings a CSV may be in.
   */
  @Test
  void aWrongKindIsReportedInTheFilesOwnColumnWithTheOrganisationsOwnWords() throws Exception {
    String page = admin.get("/admin/org/import").getResponseBody();
    assertThat(page).contains("Windows-1258", "VNI", "TCVN3").doesNotContain("CSV (UTF-8) hoặc");
    byte[] csv = new org.springframework.core.io.ClassPathResource("imports/co-cau-loi.windows-1258.csv").getContentAsByteArray();
    var result = vn.bdtx.support.Uploads.upload(web, admin, "/admin/org/import", "co-cau-loi.csv", csv);
    assertThat(result.getStatus().value()).isEqualTo(422);
    String body = result.getResponseBody();
    assertThat(body).contains("Đã đọc tệp theo bảng mã Windows-1258; tên đơn vị được lưu ở dạng Unicode chuẩn.",
        "Chưa có đơn vị nào được tạo hay thay đổi.", "Loại đơn vị (cột C)", "Trường học",
        "Loại phải là Sở, Phòng, Trường hoặc Cụm.");
    assertThat(body).doesNotContain("tài khoản nào", "họ tên", "loai_don_vi");
    assertThat(db.sql("SELECT count(*) FROM org_unit WHERE code = 'THCS-LOI-1'").map((r, m) -> r.get(0, Long.class))
        .one().block(java.time.Duration.ofSeconds(5))).isZero();
  }

  @Test
  void thereIsOnlyOneDepartment() {
    admin.get("/admin/org");
    var second = admin.postForm("/admin/org", form("kind", "DEPARTMENT", "code", "SO-KHAC", "name", "Sở khác"));
    assertThat(second.getStatus().value()).isEqualTo(422);
    assertThat(second.getResponseBody()).contains("tỉnh đã có Sở GD&amp;ĐT");
  }

  @Test
  void aLearnerCannotReachTheOrganisationPages() {
    var learner = WebSession.loggedIn(web, "hv-org", "so giao duc binh phuoc");
    assertThat(learner.get("/admin/org").getStatus().value()).isEqualTo(403);
    long before = count();
    var post = learner.postForm("/admin/org", form("kind", "DEPARTMENT", "code", "SO-HACK", "name", "Sở giả"));
    assertThat(post.getStatus().value()).isEqualTo(403);
    assertThat(count()).isEqualTo(before);
  }

  @Test
  void anUnknownUnitIsNotFound() {
    assertThat(admin.get("/admin/org/999999").getStatus().value()).isEqualTo(404);
    assertThat(admin.get("/admin/org/abc").getStatus().value()).isEqualTo(400);
  }

  private long count() {
    return db.sql("SELECT count(*) AS n FROM org_unit").map((r, m) -> r.get("n", Long.class)).one().block(Duration.ofSeconds(5));
  }

  private java.util.List<String> auditActions() {
    return db.sql("SELECT action FROM audit_event").map((r, m) -> r.get("action", String.class)).all().collectList()
        .block(Duration.ofSeconds(5));
  }
}
