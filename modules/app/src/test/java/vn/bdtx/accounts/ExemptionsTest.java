package vn.bdtx.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;
import static vn.bdtx.support.WebSession.redirectsTo;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Province;
import vn.bdtx.support.SharedProvinceContext;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/** Exemptions: a principal records them for their own school only; the IT admin for anyone. */
@BdtxIntegrationTest
@SharedProvinceContext
class ExemptionsTest {

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  static long teacherA;
  static long teacherB;
  WebSession admin;
  WebSession principal;

  @BeforeEach
  void twoSchools() {
    var accounts = new TestAccounts(db, encoder);
    if (teacherA == 0) {
      accounts.create("cntt-mien", "mien giam boi duong", Role.IT_ADMIN);
    }
    admin = WebSession.loggedIn(web, "cntt-mien", "mien giam boi duong");
    if (teacherA == 0) {
      var province = new Province(admin);
      long so = province.sharedDepartment(db);
      long pgd = province.district("PGD-MG", "Phòng", so);
      long a = province.school("TH-MG-A", "Trường TH A", pgd, null, "PRIMARY");
      long b = province.school("TH-MG-B", "Trường TH B", pgd, null, "PRIMARY");
      long principalId = accounts.create("hieu-truong-a", "mien giam boi duong");
      teacherA = accounts.create("gv-a", "mien giam boi duong", Role.LEARNER);
      teacherB = accounts.create("gv-b", "mien giam boi duong", Role.LEARNER);
      db.sql("UPDATE account SET school_id = CASE WHEN id = :b THEN CAST(:sb AS bigint) ELSE CAST(:sa AS bigint) END "
              + "WHERE id IN (:p, :a, :b)")
          .bind("sa", a).bind("sb", b).bind("p", principalId).bind("a", teacherA).bind("b", teacherB)
          .then().block(Duration.ofSeconds(5));
      admin.get("/admin/accounts/" + principalId);
      admin.postForm("/admin/accounts/" + principalId + "/roles", form("role", "PRINCIPAL", "unitId", String.valueOf(a)));
    }
    principal = WebSession.loggedIn(web, "hieu-truong-a", "mien giam boi duong");
  }

  @Test
  void aPrincipalRecordsARetiringTeacherAtTheirSchoolAndSeesItInTheList() {
    principal.get("/exemptions/" + teacherA);
    var saved = principal.postForm("/exemptions/" + teacherA, form("schoolYear", "2026-2027", "kind", "EXEMPT",
        "reason", "Nghỉ hưu từ tháng 3/2027"));
    assertThat(redirectsTo(saved, "/exemptions/" + teacherA + "?saved")).isTrue();
    assertThat(principal.get("/exemptions/" + teacherA).getResponseBody()).contains("2026-2027: Miễn (nghỉ hưu trong năm học)");
    assertThat(principal.get("/school/people").getResponseBody()).contains("gv-a").doesNotContain("gv-b");
    assertThat(db.sql("SELECT count(*) FROM audit_event WHERE action = 'EXEMPTION_SET'").map((r, m) -> r.get(0, Long.class))
        .one().block(Duration.ofSeconds(5))).isPositive();
  }

  @Test
  void aTeacherAtAnotherSchoolIsNotFoundForThePrincipalAndNothingIsWritten() {
    principal.get("/school/people");
    assertThat(principal.get("/exemptions/" + teacherB).getStatus().value()).isEqualTo(404);
    principal.get("/school/people");
    var post = principal.postForm("/exemptions/" + teacherB, form("schoolYear", "2026-2027", "kind", "REDUCED", "reason", "Thai sản"));
    assertThat(post.getStatus().value()).isEqualTo(404);
    assertThat(db.sql("SELECT count(*) FROM exemption WHERE account_id = :b").bind("b", teacherB)
        .map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5))).isZero();
  }

  @Test
  void theItAdminRecordsAReductionAnywhereAndABadYearIsExplained() {
    admin.get("/exemptions/" + teacherB);
    var bad = admin.postForm("/exemptions/" + teacherB, form("schoolYear", "2026-2028", "kind", "REDUCED", "reason", "Ốm dài ngày"));
    assertThat(bad.getStatus().value()).isEqualTo(422);
    assertThat(bad.getResponseBody()).contains("năm học viết dạng 2025-2026");
    var ok = admin.postForm("/exemptions/" + teacherB, form("schoolYear", "2026-2027", "kind", "REDUCED", "reason", "Ốm dài ngày"));
    assertThat(ok.getStatus().is3xxRedirection()).isTrue();
  }
}
