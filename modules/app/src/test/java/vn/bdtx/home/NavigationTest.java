package vn.bdtx.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Province;
import vn.bdtx.support.SharedProvinceContext;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Issue 14 item 1: every role reaches its work from the dashboard and the menu
 * of every page, and no link it is shown leads to a page it may not open; the
 * principal and the district office see what their school or district holds;
 * the institution sees the classes its grant reaches and nothing of the others.
 */
@BdtxIntegrationTest
@SharedProvinceContext
class NavigationTest {

  static final String PW = "menu cua moi vai tro";
  static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired Cohorts cohorts;

  static long cohort;
  static long otherCohort;

  private long one(String sql, Object... binds) {
    return vn.bdtx.support.Sql.number(db, sql, binds);
  }

  private void sql(String sql, Object... binds) {
    vn.bdtx.support.Sql.run(db, sql, binds);
  }

  private static String text(EntityExchangeResult<String> r) {
    return HtmlUtils.htmlUnescape(r.getResponseBody() == null ? "" : r.getResponseBody());
  }

  @BeforeEach
  void aSchoolInADistrictWithTwoClasses() {
    if (cohort != 0) {
      return;
    }
    var accounts = new TestAccounts(db, encoder);
    for (Role role : Role.values()) {
      accounts.create("nav-" + role.name().toLowerCase(), PW, role);
    }
    var province = new Province(WebSession.loggedIn(web, "nav-it_admin", PW));
    long so = province.sharedDepartment(db);
    long district = province.district("PGD-NAV", "Phòng GD&ĐT huyện Điều Hướng", so);
    long school = province.school("THCS-NAV", "THCS Điều Hướng", district, null, "LOWER_SECONDARY");
    sql("UPDATE role_grant SET scope_type = 'SCHOOL', scope_id = $1 WHERE role = 'PRINCIPAL'"
        + " AND account_id = (SELECT id FROM account WHERE username = 'nav-principal')", school);
    sql("UPDATE role_grant SET scope_type = 'DISTRICT', scope_id = $1 WHERE role = 'DISTRICT_OFFICER'"
        + " AND account_id = (SELECT id FROM account WHERE username = 'nav-district_officer')", district);
    long lecturer = one("SELECT id FROM account WHERE username = 'nav-lecturer'");
    var by = new Caller(lecturer, "nav-lecturer", "BCV", false, Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = one("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'");
    cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp điều hướng", LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(2)).block(Duration.ofSeconds(5)))
        .cohortId();
    otherCohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp khác", LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(2)).block(Duration.ofSeconds(5)))
        .cohortId();
    sql("UPDATE cohort SET lecturer_id = $1 WHERE id IN ($2, $3)", lecturer, cohort, otherCohort);
    for (int i = 1; i <= 3; i++) {
      long teacher = accounts.create("gv.nav" + i, PW, Role.LEARNER);
      sql("UPDATE account SET school_id = $1, full_name = $2 WHERE id = $3", school, "Giáo viên Điều Hướng " + i, teacher);
      cohorts.enroll(cohort, teacher, "MAIN").block(Duration.ofSeconds(5));
    }
    // The core teacher leads one group of the class, with one of its teachers in it.
    long group = one("INSERT INTO cohort_group (cohort_id, core_teacher_id) VALUES ($1, $2) RETURNING id",
        cohort, one("SELECT id FROM account WHERE username = 'nav-core_teacher'"));
    sql("UPDATE enrollment SET group_id = $1 WHERE cohort_id = $2 AND account_id = (SELECT id FROM account WHERE username = 'gv.nav1')",
        group, cohort);
    sql("UPDATE account SET school_id = $1 WHERE username = 'nav-learner'", school);
    cohorts.enroll(cohort, one("SELECT id FROM account WHERE username = 'nav-learner'"), "MAIN").block(Duration.ofSeconds(5));
    // An institution whose grant reaches only the other class.
    long narrow = accounts.create("nav-csbd-lop", PW);
    sql("INSERT INTO role_grant (account_id, role, scope_type, scope_id) VALUES ($1, 'INSTITUTION', 'COHORT', $2)", narrow, otherCohort);
  }

  /** The addresses of the links inside {@code fragment} (an id), without language or role switches. */
  private static List<String> links(String html, String startMarker, String endMarker) {
    int start = html.indexOf(startMarker);
    if (start < 0) {
      return List.of();
    }
    int end = html.indexOf(endMarker, start);
    var m = HREF.matcher(html.substring(start, end < 0 ? html.length() : end));
    var found = new ArrayList<String>();
    while (m.find()) {
      String href = HtmlUtils.htmlUnescape(m.group(1));
      if (!href.contains("lang=") && !href.contains("as=") && !href.startsWith("http") && !href.startsWith("#")) {
        found.add(href);
      }
    }
    return found;
  }

  @Test
  void everyRoleFollowsEveryLinkOfItsMenuAndDashboardToAPageItMayOpen() {
    for (Role role : Role.values()) {
      var session = WebSession.loggedIn(web, "nav-" + role.name().toLowerCase(), PW);
      String home = session.get("/").getResponseBody();
      var menu = links(home, "id=\"menu\"", "</details>");
      assertThat(menu).as("menu of %s", role).contains("/", "/account/profile").hasSizeGreaterThan(3);
      Set<String> all = new LinkedHashSet<>(menu);
      all.addAll(links(home, "<main", "</main>"));
      for (String link : all) {
        var page = session.get(link);
        assertThat(page.getStatus().value()).as("%s opens %s", role, link).isEqualTo(200);
        assertThat(links(page.getResponseBody(), "id=\"menu\"", "</details>")).as("the menu on %s for %s", link, role)
            .isEqualTo(menu);
      }
    }
  }

  /**
   * Every link on a class page, for every role that opens it, leads to a page that role may open:
   * the core teacher, who sees only their groups, is not shown the evaluation (iii) of the whole class
   * (it was, and it was a 404).
   */
  @Test
  void everyStaffRoleFollowsEveryLinkOfAClassPage() {
    var opened = new ArrayList<Role>();
    for (Role role : Role.values()) {
      var session = WebSession.loggedIn(web, "nav-" + role.name().toLowerCase(), PW);
      var page = session.get("/cohorts/" + cohort);
      if (page.getStatus().value() != 200) {
        continue;
      }
      opened.add(role);
      for (String link : links(page.getResponseBody(), "<main", "</main>")) {
        assertThat(session.get(link).getStatus().value()).as("%s on the class page opens %s", role, link).isEqualTo(200);
      }
    }
    assertThat(opened).contains(Role.CORE_TEACHER, Role.LECTURER, Role.INSTITUTION, Role.IT_ADMIN, Role.SUPERVISOR);
    assertThat(WebSession.loggedIn(web, "nav-core_teacher", PW).get("/cohorts/" + cohort).getResponseBody())
        .contains("grading-link").doesNotContain("evaluation-link");
    assertThat(WebSession.loggedIn(web, "nav-lecturer", PW).get("/cohorts/" + cohort).getResponseBody()).contains("evaluation-link");
    // The core teacher's class list gives each class's day and phase and what waits in their groups, linked to the
    // queue filtered to waiting; the home card gives the total.
    sql("INSERT INTO submission (enrollment_id, version, upload_key, submitted_at) SELECT id, 1, gen_random_uuid(), now() FROM enrollment"
        + " WHERE cohort_id = $1 AND account_id = (SELECT id FROM account WHERE username = 'gv.nav1')", cohort);
    var core = WebSession.loggedIn(web, "nav-core_teacher", PW);
    String list = text(core.get("/cohorts"));
    assertThat(list).contains("Ngày 3/15 — Tự học", "1 bài chờ chấm", "/cohorts/" + cohort + "/grading?status=WAITING");
    assertThat(core.get("/cohorts/" + cohort + "/grading?status=WAITING").getStatus().value()).isEqualTo(200);
    assertThat(text(core.get("/"))).contains("1 bài chờ chấm trong các cụm của thầy cô");
  }

  @Test
  void eachRoleIsOfferedItsOwnWork() {
    assertThat(menu("institution")).contains("/cohorts");
    assertThat(menu("principal")).contains("/school/classes", "/school/people");
    assertThat(menu("district_officer")).contains("/district");
    assertThat(menu("supervisor")).contains("/runs");
    assertThat(menu("it_admin")).contains("/runs", "/admin/accounts", "/admin/org");
    assertThat(menu("learner")).contains("/learn", "/learn/year");
    assertThat(menu("learner")).doesNotContain("/runs", "/cohorts");
    assertThat(WebSession.anonymous(web).get("/login").getResponseBody()).doesNotContain("id=\"menu\"");
  }

  private List<String> menu(String role) {
    return links(WebSession.loggedIn(web, "nav-" + role, PW).get("/account/profile").getResponseBody(), "id=\"menu\"", "</details>");
  }

  @Test
  void thePrincipalSeesTheSchoolsTeachersInTheirClassesAndTheDistrictOfficeItsSchools() {
    String school = text(WebSession.loggedIn(web, "nav-principal", PW).get("/school/classes"));
    assertThat(school).contains("Lớp điều hướng", "Giáo viên Điều Hướng 1", "Giáo viên Điều Hướng 3", "Ngày 3/15 — Tự học",
        "4 giáo viên của trường trong lớp").doesNotContain("Lớp khác");
    String district = text(WebSession.loggedIn(web, "nav-district_officer", PW).get("/district"));
    assertThat(district).contains("THCS Điều Hướng", "Giáo viên Điều Hướng 2", "Lớp điều hướng", "4 học viên của huyện")
        .doesNotContain("Lớp khác");
  }

  @Test
  void theInstitutionOpensItsClassesAndEveryLinkOnThemButNothingOutsideItsGrant() {
    var csbd = WebSession.loggedIn(web, "nav-institution", PW);
    String list = text(csbd.get("/cohorts"));
    assertThat(list).contains("Lớp điều hướng", "Lớp khác", "Ngày 3/15 — Tự học", "Đánh giá (iii) mở từ ngày");
    for (String page : List.of("/cohorts/" + cohort, "/cohorts/" + cohort + "/evaluation")) {
      var result = csbd.get(page);
      assertThat(result.getStatus().value()).as(page).isEqualTo(200);
      for (String link : links(result.getResponseBody(), "<main", "</main>")) {
        assertThat(csbd.get(link).getStatus().value()).as("%s → %s", page, link).isEqualTo(200);
      }
    }
    assertThat(text(csbd.get("/cohorts/" + cohort))).doesNotContain("grading-link");

    var narrow = WebSession.loggedIn(web, "nav-csbd-lop", PW);
    assertThat(text(narrow.get("/cohorts"))).contains("Lớp khác").doesNotContain("Lớp điều hướng");
    assertThat(narrow.get("/cohorts/" + otherCohort).getStatus().value()).isEqualTo(200);
    assertThat(narrow.get("/cohorts/" + cohort).getStatus().value()).isEqualTo(404);
    assertThat(narrow.get("/cohorts/" + cohort + "/evaluation").getStatus().value()).isEqualTo(404);
    narrow.get("/login");
    assertThat(narrow.postForm("/cohorts/" + cohort + "/evaluation", WebSession.form("confirm", "1")).getStatus().value()).isEqualTo(404);
    assertThat(narrow.postForm("/cohorts/" + cohort + "/certificates", WebSession.form()).getStatus().value()).isEqualTo(404);
  }
}
