package vn.bdtx.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Chromium;
import vn.bdtx.support.WebSession;

/**
 * Issue 14 item 5: nothing on a Vietnamese page is a code. Every role of the demo
 * province opens its pages, and no visible text holds a role, scope, audit event
 * or state code (LEARNER, PROVINCE, COHORT_OPENED, …), a MIME type
 * (application/…) or raw JSON. Long lists are paged with their filters kept
 * (small page sizes here, so the demo's rows fill several pages); the grading
 * queue fits a 390 px phone and its rubric shows the running total.
 */
@BdtxIntegrationTest
@DirtiesContext
@TestPropertySource(properties = {"bdtx.demo.enabled=true", "bdtx.paging.accounts=7", "bdtx.paging.audit=5",
    "bdtx.paging.grading=6"})
class VietnamesePagesTest {

  static final String PW = DemoProvince.PASSWORD;
  /** Codes of the state enums the pages show, which must always be words. */
  static final List<String> STATES = List.of("MAIN", "REFERENCE", "WAITING", "GRADED", "RETURNED", "NOT_SUBMITTED", "COMPLETED",
      "NOT_COMPLETED", "PASSED", "NOT_PASSED", "UNDECIDED", "SELF_STUDY", "MEETINGS", "FINISHING", "EXEMPT", "REDUCED", "OPEN",
      "UPCOMING", "MISSED", "REVISE", "DISTRICT_OFFICE", "CLUSTER", "DEPARTMENT");
  static final Pattern MIME = Pattern.compile("\\b(application|video|image|audio|text)/[a-z0-9.+-]+");
  static final Pattern ENUM_LIKE = Pattern.compile("\\b[A-Z]{2,}(_[A-Z]+)+\\b");
  static final Pattern ROWS = Pattern.compile("<tr[ >]");

  @LocalServerPort int port;
  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired AuditLog audit;

  private long one(String sql) {
    return db.sql(sql).map((r, m) -> ((Number) r.get(0)).longValue()).one().block(Duration.ofSeconds(5));
  }

  /** What a person reads: the page without its tags, scripts and attributes, entities decoded. */
  static String visible(String html) {
    String body = html.replaceAll("(?s)<script.*?</script>", " ").replaceAll("(?s)<style.*?</style>", " ")
        .replaceAll("(?s)<!--.*?-->", " ").replaceAll("(?s)<[^>]*>", " ");
    return HtmlUtils.htmlUnescape(body).replaceAll("\\s+", " ");
  }

  private List<String> codes() {
    var codes = new ArrayList<String>();
    Arrays.stream(Role.values()).map(Enum::name).forEach(codes::add);
    Arrays.stream(ScopeType.values()).map(Enum::name).forEach(codes::add);
    codes.addAll(STATES);
    codes.addAll(db.sql("SELECT DISTINCT action FROM audit_event").map((r, m) -> r.get(0, String.class)).all().collectList()
        .block(Duration.ofSeconds(5)));
    return codes;
  }

  /** Every code found in the visible text of the page, with a little context; empty when it reads as words only. */
  private List<String> rawCodesOn(String html, List<String> codes) {
    String text = visible(html);
    var found = new ArrayList<String>();
    for (String code : codes) {
      Matcher m = Pattern.compile("(?<![\\p{L}\\d_])" + Pattern.quote(code) + "(?![\\p{L}\\d_])").matcher(text);
      if (m.find()) {
        found.add(code + " in «" + context(text, m.start()) + "»");
      }
    }
    for (Pattern p : List.of(MIME, ENUM_LIKE)) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        found.add(m.group() + " in «" + context(text, m.start()) + "»");
      }
    }
    if (text.contains("{\"")) {
      found.add("JSON in «" + context(text, text.indexOf("{\"")) + "»");
    }
    return found;
  }

  private static String context(String text, int at) {
    return text.substring(Math.max(0, at - 40), Math.min(text.length(), at + 40));
  }

  private static String body(EntityExchangeResult<String> r) {
    return r.getResponseBody() == null ? "" : r.getResponseBody();
  }

  private void someAuditEventsWithCodesInTheirDetails() {
    for (int i = 0; i < 12; i++) {
      audit.record(null, "ROLE_GRANTED", "account", 1L, Map.of("role", "LEARNER", "scope", "PROVINCE", "unitId", i))
          .block(Duration.ofSeconds(5));
    }
    audit.record(null, "SUBMISSION_STORED", "enrollment", 2L, Map.of("version", 2,
        "files", List.of("ke-hoach.docx 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"), "kind", "MAIN"))
        .block(Duration.ofSeconds(5));
  }

  @Test
  void noPageOfAnyRoleShowsARawCodeAMimeTypeOrJson() {
    someAuditEventsWithCodesInTheirDetails();
    long cohort = one("SELECT e.cohort_id FROM enrollment e JOIN account a ON a.id = e.account_id WHERE a.username = 'hv56.demo'");
    long waiting = one("""
        SELECT e.id FROM enrollment e JOIN submission s ON s.enrollment_id = e.id
        LEFT JOIN assignment_grade g ON g.enrollment_id = e.id WHERE e.cohort_id = %d AND g.enrollment_id IS NULL
        ORDER BY e.id LIMIT 1""".formatted(cohort));
    long supervisor = one("SELECT id FROM account WHERE username = 'giamsat.demo'");
    long run = one("SELECT run_id FROM cohort WHERE id = " + cohort);
    var pages = new LinkedHashMap<String, List<String>>();
    pages.put("it.demo", List.of("/", "/admin/accounts", "/admin/accounts?q=demo&page=2", "/admin/accounts/" + supervisor,
        "/admin/audit", "/admin/audit?action=COHORT_OPENED", "/admin/audit?action=ROLE_GRANTED", "/admin/org", "/runs",
        "/runs/" + run, "/admin/requests", "/admin/accounts/credentials"));
    pages.put("giamsat.demo", List.of("/", "/cohorts/" + cohort, "/cohorts/" + cohort + "/grading"));
    pages.put("bcv.demo", List.of("/", "/cohorts", "/cohorts/" + cohort + "/grading", "/lecturer/courses"));
    pages.put("cotcan1.demo", List.of("/", "/cohorts", "/cohorts/" + cohort + "/grading",
        "/cohorts/" + cohort + "/grading/" + waiting));
    pages.put("csbd.demo", List.of("/", "/cohorts/" + cohort + "/evaluation"));
    pages.put("hieutruong.demo", List.of("/", "/school/people"));
    pages.put("phong.demo", List.of("/"));
    for (String learner : List.of("hv01.demo", "hv45.demo", "hv49.demo", "hv56.demo")) {
      long c = one("SELECT e.cohort_id FROM enrollment e JOIN account a ON a.id = e.account_id WHERE a.username = '"
          + learner + "' ORDER BY e.id LIMIT 1");
      pages.put(learner, List.of("/", "/learn", "/learn/" + c, "/learn/" + c + "/result", "/learn/" + c + "/submission",
          "/learn/year", "/account/profile"));
    }
    List<String> codes = codes();
    assertThat(codes).contains("COHORT_OPENED", "LEARNER", "PROVINCE");
    var problems = new ArrayList<String>();
    pages.forEach((user, paths) -> {
      var s = WebSession.loggedIn(web, user, PW);
      for (String path : paths) {
        var r = s.get(path);
        assertThat(r.getStatus().value()).as(user + " " + path).isEqualTo(200);
        rawCodesOn(body(r), codes).forEach(p -> problems.add(user + " " + path + ": " + p));
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void theCheckItselfFindsTheCodesThePagesUsedToShow() {
    var codes = List.of("LEARNER", "PROVINCE", "COHORT_OPENED");
    assertThat(rawCodesOn("<td>LEARNER, CORE_TEACHER</td>", codes)).isNotEmpty();
    assertThat(rawCodesOn("<li>Học viên — PROVINCE</li>", codes)).isNotEmpty();
    assertThat(rawCodesOn("<option value=\"COHORT_OPENED\">COHORT_OPENED</option>", codes)).isNotEmpty();
    assertThat(rawCodesOn("<code>{\"role\":\"x\"}</code>", codes)).isNotEmpty();
    assertThat(rawCodesOn("<li>nội dung là application/x-tika-msoffice</li>", codes)).isNotEmpty();
    assertThat(rawCodesOn("<option value=\"COHORT_OPENED\">Mở lớp bồi dưỡng</option><p data-x=\"LEARNER\">Học viên</p>", codes))
        .isEmpty();
  }

  @Test
  void theAccountsListIsPagedKeepsItsSearchAndHeadsTheNameColumnAsAPersonsName() {
    var it = WebSession.loggedIn(web, "it.demo", PW);
    String first = body(it.get("/admin/accounts?q=demo"));
    assertThat(visible(first)).contains("Họ và tên").doesNotContain("Tên đơn vị");
    assertThat(ROWS.matcher(first.substring(first.indexOf("<tbody>"))).results().count()).isEqualTo(7);
    assertThat(first).contains("href=\"/admin/accounts?q=demo&amp;page=2\"").doesNotContain("id=\"previous\"");
    String second = body(it.get("/admin/accounts?q=demo&page=2"));
    assertThat(second).contains("href=\"/admin/accounts?q=demo&amp;page=1\"").contains("href=\"/admin/accounts?q=demo&amp;page=3\"");
    assertThat(visible(second)).contains("Trang 2");
    assertThat(ROWS.matcher(second.substring(second.indexOf("<tbody>"))).results().count()).isEqualTo(7);
    assertThat(visible(second.substring(second.indexOf("<tbody>")))).isNotEqualTo(visible(first.substring(first.indexOf("<tbody>"))));
    assertThat(visible(body(WebSession.loggedIn(web, "hieutruong.demo", PW).get("/school/people")))).contains("Họ và tên")
        .doesNotContain("Tên đơn vị");
  }

  @Test
  void theAuditLogIsPagedByItsFilterAndShowsEventsAndDetailsInWords() {
    for (int i = 0; i < 12; i++) {
      audit.record(null, "EXEMPTION_SET", "account", 7L, Map.of("kind", "EXEMPT", "reason", "Nghỉ hưu " + i,
          "schoolYear", "2026-2027")).block(Duration.ofSeconds(5));
    }
    long recorded = one("SELECT count(*) FROM audit_event WHERE action = 'EXEMPTION_SET'");
    var it = WebSession.loggedIn(web, "it.demo", PW);
    String first = body(it.get("/admin/audit?action=EXEMPTION_SET"));
    assertThat(ROWS.matcher(first.substring(first.indexOf("<tbody>"))).results().count()).isEqualTo(5);
    assertThat(visible(first)).contains("Ghi miễn / giảm", "Loại: Miễn", "Lý do: Nghỉ hưu 11", "Năm học: 2026-2027")
        .doesNotContain("EXEMPTION_SET").doesNotContain("{\"");
    // Older pages keep the filter, and together hold every event of it once.
    Pattern older = Pattern.compile("href=\"(/admin/audit\\?action=EXEMPTION_SET&amp;before=\\d+)\"");
    String page = first;
    long shown = 0;
    int pages = 0;
    while (true) {
      pages++;
      long rows = ROWS.matcher(page.substring(page.indexOf("<tbody>"))).results().count();
      assertThat(rows).isBetween(1L, 5L);
      assertThat(visible(page)).doesNotContain("Nghỉ hưu " + (11 - 5 * (pages - 1) + 1) + " ");
      shown += rows;
      Matcher next = older.matcher(page);
      if (!next.find()) {
        break;
      }
      page = body(it.get(HtmlUtils.htmlUnescape(next.group(1))));
    }
    assertThat(pages).isGreaterThanOrEqualTo(3);
    assertThat(shown).isEqualTo(recorded);
  }

  @Test
  void theGradingQueueIsPagedKeepsItsFiltersFitsAPhoneAndTheRubricAddsUpAsMarksAreTyped() {
    long cohort = one("SELECT e.cohort_id FROM enrollment e JOIN account a ON a.id = e.account_id WHERE a.username = 'hv56.demo'");
    long group = one("SELECT g.id FROM cohort_group g JOIN account a ON a.id = g.core_teacher_id WHERE a.username = 'cotcan1.demo'"
        + " AND g.cohort_id = " + cohort);
    long inGroup = one("SELECT count(*) FROM enrollment WHERE group_id = " + group);
    assertThat(inGroup).as("more learners than a page").isGreaterThan(6);
    var lecturer = WebSession.loggedIn(web, "bcv.demo", PW);
    String first = body(lecturer.get("/cohorts/" + cohort + "/grading?group=" + group));
    assertThat(ROWS.matcher(first.substring(first.indexOf("id=\"queue\""))).results().count()).isEqualTo(1 + 6);
    assertThat(first).contains("href=\"/cohorts/" + cohort + "/grading?group=" + group + "&amp;status=&amp;page=2\"");
    String second = body(lecturer.get("/cohorts/" + cohort + "/grading?group=" + group + "&status=&page=2"));
    long rest = Math.min(6, inGroup - 6);
    assertThat(ROWS.matcher(second.substring(second.indexOf("id=\"queue\""))).results().count()).isEqualTo(1 + rest);

    long waiting = one("""
        SELECT e.id FROM enrollment e JOIN submission s ON s.enrollment_id = e.id
        LEFT JOIN assignment_grade g ON g.enrollment_id = e.id WHERE e.group_id = %d AND g.enrollment_id IS NULL
        ORDER BY e.id LIMIT 1""".formatted(group));
    String base = "http://127.0.0.1:" + port;
    try (var chromium = new Chromium()) {
      Page page = chromium.browser().newContext(chromium.phone()).newPage();
      Chromium.logIn(page, base, "cotcan1.demo", PW);
      page.waitForURL(base + "/");
      page.navigate(base + "/cohorts/" + cohort + "/grading");
      com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#queue")).isVisible();
      assertThat(((Number) page.evaluate("document.scrollingElement.scrollWidth")).intValue()).as("queue width").isLessThanOrEqualTo(390);
      page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of(
          System.getProperty("bdtx.test.screenshots", "target/screenshots"), "grading-queue-phone.png")).setFullPage(true));

      // The lecturer's queue of the whole class, with the score distribution per group, fits too.
      Page lecturerPage = chromium.browser().newContext(chromium.phone()).newPage();
      Chromium.logIn(lecturerPage, base, "bcv.demo", PW);
      lecturerPage.waitForURL(base + "/");
      lecturerPage.navigate(base + "/cohorts/" + cohort + "/grading");
      com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(lecturerPage.locator("#distribution")).isVisible();
      assertThat(((Number) lecturerPage.evaluate("document.scrollingElement.scrollWidth")).intValue()).as("lecturer's queue width")
          .isLessThanOrEqualTo(390);

      page.navigate(base + "/cohorts/" + cohort + "/grading/" + waiting);
      var total = page.locator("#total");
      page.locator("#m1").fill("2");
      com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(total).containsText("2,0 / 10");
      page.locator("#m2").fill("2,5");
      page.locator("#m3").fill("1.5");
      com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(total).containsText("6,0 / 10");
      page.locator("#m4").fill("1,5");
      page.locator("#m5").fill("1");
      com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(total).hasText("8,5 / 10");
      page.locator("#m5").fill("1,x");
      com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(total).containsText("chưa đúng");
      assertThat(((Number) page.evaluate("document.scrollingElement.scrollWidth")).intValue()).as("grading width").isLessThanOrEqualTo(390);
    }
  }
}
