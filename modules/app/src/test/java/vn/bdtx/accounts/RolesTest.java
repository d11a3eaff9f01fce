package vn.bdtx.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;
import static vn.bdtx.support.WebSession.redirectsTo;

import java.time.Duration;
import java.util.regex.Pattern;
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

/** Roles with scopes, granted and revoked by the IT admin, applying to open sessions at once. */
@BdtxIntegrationTest
@SharedProvinceContext
class RolesTest {

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  static long school;
  static long district;
  static long adminId;
  static int n;
  WebSession admin;
  TestAccounts accounts;

  @BeforeEach
  void setUp() {
    accounts = new TestAccounts(db, encoder);
    if (school == 0) {
      adminId = accounts.create("cntt-vaitro", "quan tri vai tro", Role.IT_ADMIN);
    }
    admin = WebSession.loggedIn(web, "cntt-vaitro", "quan tri vai tro");
    if (school == 0) {
      var province = new Province(admin);
      long so = province.sharedDepartment(db);
      district = province.district("PGD-VT", "Phòng Vai Trò", so);
      school = province.school("TH-VT", "Trường TH Vai Trò", district, null, "PRIMARY");
    }
  }

  @Test
  void aGrantAppliesToTheOpenSessionAtOnceAndARevocationTakesItAwayAtOnce() {
    String user = "hv-vt-" + (++n);
    long id = accounts.create(user, "quan tri vai tro", Role.LEARNER);
    var person = WebSession.loggedIn(web, user, "quan tri vai tro");
    assertThat(person.get("/admin/org").getStatus().value()).isEqualTo(403);

    admin.get("/admin/accounts/" + id);
    var granted = admin.postForm("/admin/accounts/" + id + "/roles", form("role", "IT_ADMIN"));
    assertThat(redirectsTo(granted, "/admin/accounts/" + id + "?granted")).isTrue();
    var refreshed = person.get("/admin/org");
    assertThat(redirectsTo(refreshed, "/admin/org")).as("refreshed, asked to look again").isTrue();
    assertThat(person.get("/admin/org").getStatus().value()).as("same session").isEqualTo(200);

    String page = admin.get("/admin/accounts/" + id).getResponseBody();
    var m = Pattern.compile("/roles/(\\d+)/revoke").matcher(page);
    long grantId = 0;
    while (m.find()) {
      grantId = Math.max(grantId, Long.parseLong(m.group(1)));
    }
    admin.postForm("/admin/accounts/" + id + "/roles/" + grantId + "/revoke", form());
    person.get("/admin/org");
    assertThat(person.get("/admin/org").getStatus().value()).as("revoked at once").isEqualTo(403);
    long before = count();
    var post = person.postForm("/admin/org", form("kind", "DISTRICT_OFFICE", "code", "PGD-X" + n, "name", "Phòng X",
        "parentId", String.valueOf(district)));
    assertThat(post.getStatus().value()).isEqualTo(403);
    assertThat(count()).isEqualTo(before);
    assertThat(auditCount("ROLE_GRANTED")).isPositive();
    assertThat(auditCount("ROLE_REVOKED")).isPositive();
  }

  @Test
  void aRoleMustBeGrantedInItsKindOfScope() {
    String user = "hv-vt-" + (++n);
    long id = accounts.create(user, "quan tri vai tro", Role.LEARNER);
    admin.get("/admin/accounts/" + id);
    var wrong = admin.postForm("/admin/accounts/" + id + "/roles", form("role", "CORE_TEACHER", "unitId", String.valueOf(district)));
    assertThat(wrong.getStatus().value()).isEqualTo(422);
    assertThat(wrong.getResponseBody()).contains("Phạm vi không đúng loại");
    var missing = admin.postForm("/admin/accounts/" + id + "/roles", form("role", "DISTRICT_OFFICER"));
    assertThat(missing.getResponseBody()).contains("Vai trò này cần chọn trường hoặc phòng");
    var ok = admin.postForm("/admin/accounts/" + id + "/roles", form("role", "CORE_TEACHER", "unitId", String.valueOf(school)));
    assertThat(ok.getStatus().is3xxRedirection()).isTrue();
    assertThat(admin.get("/admin/accounts/" + id).getResponseBody()).contains("Giáo viên / CBQL cốt cán — Trường TH Vai Trò");
  }

  @Test
  void disablingAnAccountEndsItsSessionsAndItsLogins() {
    String user = "hv-vt-" + (++n);
    long id = accounts.create(user, "quan tri vai tro", Role.LEARNER);
    var person = WebSession.loggedIn(web, user, "quan tri vai tro");
    admin.get("/admin/accounts/" + id);
    admin.postForm("/admin/accounts/" + id + "/disable", form());
    var r = person.get("/");
    assertThat(redirectsTo(r, "/login")).as("session ended").isTrue();
    var again = WebSession.anonymous(web).postForm("/login", form("username", user, "password", "quan tri vai tro"));
    assertThat(redirectsTo(again, "/login?error")).isTrue();
  }

  @Test
  void anAdminResetEndsSessionsAndGivesAOneTimePasswordShownOnce() {
    String user = "hv-vt-" + (++n);
    long id = accounts.create(user, "quan tri vai tro", Role.LEARNER);
    var person = WebSession.loggedIn(web, user, "quan tri vai tro");
    admin.get("/admin/accounts/" + id);
    var reset = admin.postForm("/admin/accounts/" + id + "/reset", form());
    assertThat(reset.getResponseHeaders().getCacheControl()).isEqualTo("no-store");
    var m = Pattern.compile("<code class=\"secret\">([^<]+)</code>").matcher(reset.getResponseBody());
    assertThat(m.find()).isTrue();
    String oneTime = m.group(1);
    assertThat(redirectsTo(person.get("/"), "/login")).as("old session ended").isTrue();
    var fresh = WebSession.loggedIn(web, user, oneTime);
    assertThat(redirectsTo(fresh.get("/"), "/account/password")).isTrue();
    assertThat(admin.get("/admin/accounts/" + id).getResponseBody()).doesNotContain(oneTime);
  }

  @Test
  void anItAdminCannotRemoveTheirOwnAdministrationNorDisableThemselves() {
    String page = admin.get("/admin/accounts/" + adminId).getResponseBody();
    var m = Pattern.compile("/roles/(\\d+)/revoke").matcher(page);
    assertThat(m.find()).isTrue();
    var refused = admin.postForm("/admin/accounts/" + adminId + "/roles/" + m.group(1) + "/revoke", form());
    assertThat(refused.getResponseBody()).contains("không thể tự thu hồi quyền quản trị");
    var disable = admin.postForm("/admin/accounts/" + adminId + "/disable", form());
    assertThat(disable.getResponseBody()).contains("không thể tự khóa tài khoản");
    assertThat(admin.get("/admin/org").getStatus().value()).isEqualTo(200);
  }

  @Test
  void aPersonWithSeveralRolesSwitchesBetweenThemAndCannotChooseOneTheyLack() {
    String user = "hai-vai-" + (++n);
    accounts.create(user, "quan tri vai tro", Role.LEARNER, Role.PRINCIPAL);
    var person = WebSession.loggedIn(web, user, "quan tri vai tro");
    String learnerView = person.get("/").getResponseBody();
    assertThat(learnerView).contains("Học viên (đang làm việc)").doesNotContain("Giáo viên của trường (miễn, giảm)");
    String principalView = person.get("/?as=PRINCIPAL").getResponseBody();
    assertThat(principalView).contains("Hiệu trưởng (đang làm việc)", "Giáo viên của trường (miễn, giảm)");
    assertThat(person.get("/").getResponseBody()).as("the choice is kept").contains("Hiệu trưởng (đang làm việc)");
    assertThat(person.get("/?as=IT_ADMIN").getResponseBody()).doesNotContain("Quản trị (Tổ CNTT)")
        .contains("Hiệu trưởng (đang làm việc)");
  }

  @Test
  void anUnknownAccountIsNotFound() {
    admin.get("/admin/accounts");
    assertThat(admin.get("/admin/accounts/987654").getStatus().value()).isEqualTo(404);
    assertThat(admin.postForm("/admin/accounts/987654/roles", form("role", "LEARNER")).getStatus().value()).isEqualTo(404);
    assertThat(admin.postForm("/admin/accounts/987654/reset", form()).getStatus().value()).isEqualTo(404);
  }

  private long count() {
    return db.sql("SELECT count(*) FROM org_unit").map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5));
  }

  private long auditCount(String action) {
    return db.sql("SELECT count(*) FROM audit_event WHERE action = :a").bind("a", action)
        .map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5));
  }
}
