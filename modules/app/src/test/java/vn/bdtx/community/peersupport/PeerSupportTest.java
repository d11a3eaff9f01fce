package vn.bdtx.community.peersupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.SampleFiles;
import vn.bdtx.support.Sql;
import vn.bdtx.support.Uploads;
import vn.bdtx.support.WebSession;

/**
 * Issue 17 part 4 through the pages: a core teacher's plan submitted, returned with a comment, resubmitted as a new
 * version (the old one kept) and approved, each step only by the approver seed 001 names (404 for the principal of
 * another school, the officer of another district, a teacher); each approver case of the rule end to end; due dates
 * and lateness; the oversight list and its XLSX read back with Apache POI; a double submit making one version.
 */
@BdtxIntegrationTest
@Import(MovableClock.Config.class)
@DirtiesContext
class PeerSupportTest {

  static final Pattern KEY = Pattern.compile("name=\"key\" value=\"([0-9a-f-]{36})\"");
  static final String PW = PeerSupportFixture.PW;

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired Cohorts cohorts;
  @Autowired MovableClock clock;

  static PeerSupportFixture f;

  @BeforeEach
  void province() {
    clock.setVietnam("2026-02-20T09:00");
    if (f == null) {
      f = new PeerSupportFixture(db, encoder, cohorts).create("");
    }
  }

  WebSession login(String user) {
    return WebSession.loggedIn(web, user, PW);
  }

  /** Opens the run's page as the author and posts the plan (or report) with the page's one-time key. */
  EntityExchangeResult<String> submit(WebSession author, long run, String kind, String fileName, byte[] bytes,
                                      Map<String, String> extra) {
    var page = author.get("/peer-support/runs/" + run);
    assertThat(page.getStatus().value()).isEqualTo(200);
    var m = Pattern.compile("/peer-support/runs/" + run + "/" + kind + "\"[\\s\\S]*?name=\"key\" value=\"([0-9a-f-]{36})\"")
        .matcher(page.getResponseBody());
    // No form (a version waits or is approved): post with a fresh key, as a stale page would.
    String key = m.find() ? m.group(1) : java.util.UUID.randomUUID().toString();
    return post(author, run, kind, key, fileName, bytes, extra);
  }

  EntityExchangeResult<String> post(WebSession author, long run, String kind, String key, String fileName, byte[] bytes,
                                    Map<String, String> extra) {
    var fields = new LinkedHashMap<String, String>();
    fields.put("key", key);
    fields.putAll(extra);
    return Uploads.form(web, author, "/peer-support/runs/" + run + "/" + kind, fields, "file", fileName, bytes);
  }

  long latestId(long author, long run, String kind) {
    return Sql.number(db, "SELECT id FROM peer_support_version WHERE author_id = $1 AND run_id = $2 AND kind = $3 "
        + "ORDER BY version DESC LIMIT 1", author, run, kind);
  }

  static int status(EntityExchangeResult<?> r) {
    return r.getStatus().value();
  }

  @Test
  void aCoreTeachersPlanIsReturnedResubmittedAndApprovedByTheirPrincipalOnly() {
    long run = f.run("Đợt mô đun 2", LocalDate.of(2026, 3, 2));
    var gv = login("gv.a");
    var page = gv.get("/peer-support/runs/" + run);
    assertThat(page.getResponseBody()).contains("Trần Văn Bình").contains("Cụm trường số 1").contains("01/03/2026")
        .as("nothing handed in yet: no 'received'").doesNotContain("Đã nhận bản nộp");
    var m = KEY.matcher(page.getResponseBody());
    assertThat(m.find()).isTrue();
    String key = m.group(1);
    var extra = Map.of("colleagues", String.valueOf(f.colleagueA), "clusters", String.valueOf(f.k1));
    var first = post(gv, run, "plan", key, "Kế hoạch HTĐN.pdf", SampleFiles.pdf("Kế hoạch"), extra);
    assertThat(status(first)).isEqualTo(303);
    // The same form sent twice (a double tap, a retry): one version.
    assertThat(status(post(gv, run, "plan", key, "Kế hoạch HTĐN.pdf", SampleFiles.pdf("Kế hoạch"), extra))).isEqualTo(303);
    assertThat(Sql.number(db, "SELECT count(*) FROM peer_support_version WHERE author_id = $1 AND run_id = $2", f.gvA, run))
        .isEqualTo(1);
    long v1 = latestId(f.gvA, run, "PLAN");
    assertThat(Sql.number(db, "SELECT count(*) FROM peer_support_version WHERE id = $1 AND approver = 'PRINCIPAL' "
        + "AND approver_unit_id = $2 AND NOT late AND colleague_ids = ARRAY[$3::bigint]", v1, f.schoolA, f.colleagueA)).isEqualTo(1);
    // While it waits, no second version.
    assertThat(status(submit(gv, run, "plan", "x.pdf", SampleFiles.pdf("x"), Map.of()))).isEqualTo(409);

    // Not theirs to decide or read: the principal of another school, an officer of the district, another teacher.
    for (String outsider : List.of("ht.b", "pgd.1", "pgd.2")) {
      var s = login(outsider);
      assertThat(status(s.get("/peer-support/approvals/" + v1))).as(outsider).isEqualTo(404);
      assertThat(status(s.postForm("/peer-support/approvals/" + v1, WebSession.form("verdict", "APPROVED")))).as(outsider)
          .isEqualTo(404);
      assertThat(s.get("/peer-support/approvals").getResponseBody()).doesNotContain("Nguyễn Thị Ánh");
    }
    var other = login("gv.b");
    assertThat(status(other.get("/peer-support/versions/" + v1 + "/file"))).isEqualTo(404);
    assertThat(status(other.get("/peer-support/approvals/" + v1))).isEqualTo(403);

    var ht = login("ht.a");
    assertThat(ht.get("/peer-support/approvals").getResponseBody()).contains("Nguyễn Thị Ánh")
        .as("nothing decided yet").doesNotContain("Đã ghi quyết định");
    var one = ht.get("/peer-support/approvals/" + v1);
    assertThat(one.getResponseBody()).contains("Trần Văn Bình").contains("Cụm trường số 1");
    var file = web.get().uri("/peer-support/versions/" + v1 + "/file").cookie(WebSession.COOKIE, ht.sessionId()).exchange()
        .expectBody(byte[].class).returnResult();
    assertThat(status(file)).isEqualTo(200);
    assertThat(file.getResponseHeaders().getFirst("Content-Disposition")).startsWith("inline");
    assertThat(file.getResponseHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(file.getResponseBody()).isEqualTo(SampleFiles.pdf("Kế hoạch"));

    // A return needs a comment.
    assertThat(status(ht.postForm("/peer-support/approvals/" + v1, WebSession.form("verdict", "RETURNED", "comment", " "))))
        .isEqualTo(422);
    assertThat(status(ht.postForm("/peer-support/approvals/" + v1,
        WebSession.form("verdict", "RETURNED", "comment", "<b>Bổ sung</b> danh sách")))).isEqualTo(303);
    assertThat(Sql.number(db, "SELECT count(*) FROM notification WHERE account_id = $1 AND kind = 'PEER_SUPPORT' AND dedup_key = $2",
        f.gvA, "peer:" + v1 + ":1:RETURNED")).isEqualTo(1);
    assertThat(status(ht.postForm("/peer-support/approvals/" + v1, WebSession.form("verdict", "APPROVED")))).isEqualTo(409);
    var returned = gv.get("/peer-support/runs/" + run).getResponseBody();
    assertThat(returned).contains("&lt;b&gt;Bổ sung&lt;/b&gt; danh sách").doesNotContain("<b>Bổ sung");

    // Resubmitted: a second version, the first kept as it was.
    assertThat(status(submit(gv, run, "plan", "Kế hoạch v2.docx", SampleFiles.docx("Kế hoạch 2"), Map.of()))).isEqualTo(303);
    long v2 = latestId(f.gvA, run, "PLAN");
    assertThat(v2).isNotEqualTo(v1);
    assertThat(Sql.number(db, "SELECT count(*) FROM peer_support_version WHERE id = $1 AND version = 1 AND state = 'RETURNED'", v1))
        .isEqualTo(1);
    var docx = web.get().uri("/peer-support/versions/" + v2 + "/file").cookie(WebSession.COOKIE, gv.sessionId()).exchange()
        .expectBody(byte[].class).returnResult();
    assertThat(docx.getResponseHeaders().getFirst("Content-Disposition")).startsWith("attachment");
    assertThat(status(web.get().uri("/peer-support/versions/" + v1 + "/file").cookie(WebSession.COOKIE, gv.sessionId())
        .exchange().expectBody(byte[].class).returnResult())).isEqualTo(200);
    // The old version is no longer decided on.
    assertThat(status(login("ht.b").postForm("/peer-support/approvals/" + v2, WebSession.form("verdict", "APPROVED")))).isEqualTo(404);
    assertThat(status(ht.postForm("/peer-support/approvals/" + v2, WebSession.form("verdict", "APPROVED")))).isEqualTo(303);
    assertThat(Sql.number(db, "SELECT count(*) FROM peer_support_version WHERE id = $1 AND version = 2 AND state = 'APPROVED' "
        + "AND decided_by = $2", v2, f.htA)).isEqualTo(1);
    assertThat(Sql.number(db, "SELECT count(*) FROM notification WHERE account_id = $1 AND dedup_key = $2",
        f.gvA, "peer:" + v2 + ":2:APPROVED")).isEqualTo(1);
    assertThat(status(submit(gv, run, "plan", "x.pdf", SampleFiles.pdf("x"), Map.of()))).isEqualTo(409);
  }

  @Test
  void aFileThatIsNotAPlanOrAColleagueOfAnotherSchoolIsRefusedAndNothingIsStored() {
    long run = f.run("Đợt kiểm tra tệp", LocalDate.of(2026, 3, 2));
    var gv = login("gv.a");
    assertThat(status(submit(gv, run, "plan", "virus.pdf", SampleFiles.program(), Map.of()))).isEqualTo(422);
    assertThat(status(submit(gv, run, "plan", "kh.pdf", SampleFiles.pdf("k"), Map.of("colleagues", String.valueOf(f.gvB)))))
        .isEqualTo(422);
    assertThat(Sql.number(db, "SELECT count(*) FROM peer_support_version WHERE run_id = $1", run)).isZero();
  }

  @Test
  void aPlanSavedByLibreOfficeAsWordIsTakenAsAWordDocumentAndComesBackByteForByte() {
    long run = f.run("Đợt tệp thật", LocalDate.of(2026, 3, 2));
    var gv = login("gv.a");
    byte[] plan = SampleFiles.real("ke-hoach-libreoffice.docx");
    assertThat(status(submit(gv, run, "plan", "Kế hoạch bồi dưỡng.docx", plan, Map.of()))).isEqualTo(303);
    long v = latestId(f.gvA, run, "PLAN");
    assertThat(Sql.number(db, "SELECT count(*) FROM peer_support_version WHERE id = $1 AND content_type = $2", v,
        vn.bdtx.platform.storage.FileTypes.DOCX)).isEqualTo(1);
    var file = web.get().uri("/peer-support/versions/" + v + "/file").cookie(WebSession.COOKIE, gv.sessionId()).exchange()
        .expectBody(byte[].class).returnResult();
    assertThat(file.getResponseBody()).isEqualTo(plan);
    assertThat(file.getResponseHeaders().getFirst("Content-Disposition")).startsWith("attachment");
  }

  @Test
  void eachApproverOfTheSeedDecidesEndToEnd() {
    long run = f.run("Đợt người duyệt", LocalDate.of(2026, 3, 2));
    // A lower-secondary core manager of a district school: the district office, not the principal or the other district.
    assertThat(status(submit(login("ql.a"), run, "plan", "kh.pdf", SampleFiles.pdf("ql a"), Map.of()))).isEqualTo(303);
    long ql = latestId(f.qlA, run, "PLAN");
    assertThat(status(login("ht.a").get("/peer-support/approvals/" + ql))).isEqualTo(404);
    assertThat(status(login("pgd.2").get("/peer-support/approvals/" + ql))).isEqualTo(404);
    var pgd1 = login("pgd.1");
    assertThat(pgd1.get("/peer-support/approvals").getResponseBody()).contains("Phạm Văn Dũng");
    assertThat(status(pgd1.postForm("/peer-support/approvals/" + ql, WebSession.form("verdict", "APPROVED")))).isEqualTo(303);

    // An upper-secondary core manager: the department.
    assertThat(status(submit(login("ql.t"), run, "plan", "kh.pdf", SampleFiles.pdf("ql t"), Map.of()))).isEqualTo(303);
    long qt = latestId(f.qlT, run, "PLAN");
    assertThat(status(pgd1.get("/peer-support/approvals/" + qt))).isEqualTo(404);
    var so = login("so.giamsat");
    assertThat(so.get("/peer-support/approvals").getResponseBody()).contains("Hồ Thị Én");
    assertThat(status(so.postForm("/peer-support/approvals/" + qt, WebSession.form("verdict", "RETURNED", "comment", "Thiếu chữ ký"))))
        .isEqualTo(303);

    // A core teacher on the district office's own staff: that office.
    assertThat(status(submit(login("cv.pgd1"), run, "plan", "kh.pdf", SampleFiles.pdf("cv"), Map.of()))).isEqualTo(303);
    long cv = latestId(f.staff1, run, "PLAN");
    assertThat(status(login("pgd.2").get("/peer-support/approvals/" + cv))).isEqualTo(404);
    assertThat(status(so.get("/peer-support/approvals/" + cv))).isEqualTo(404);
    assertThat(status(pgd1.postForm("/peer-support/approvals/" + cv, WebSession.form("verdict", "APPROVED")))).isEqualTo(303);

    assertThat(Sql.number(db, "SELECT count(*) FROM peer_support_version WHERE run_id = $1 AND state = 'APPROVED'", run)).isEqualTo(2);
  }

  @Test
  void dueDatesDefaultFromTheClassesAreSetByTheDepartmentAndALatePaperIsMarked() {
    long run = f.run("Đợt hạn nộp", LocalDate.of(2026, 3, 2));
    var so = login("so.giamsat");
    assertThat(so.get("/peer-support/due/" + run).getResponseBody()).contains("value=\"2026-03-01\"").contains("value=\"2026-03-30\"");
    assertThat(status(so.postForm("/peer-support/due/" + run, WebSession.form("plan", "2026-02-10", "report", "")))).isEqualTo(303);
    assertThat(status(so.postForm("/peer-support/due/" + run, WebSession.form("plan", "hôm qua", "report", "")))).isEqualTo(422);
    var gv = login("gv.a");
    assertThat(gv.get("/peer-support/runs/" + run).getResponseBody()).contains("10/02/2026").contains("30/03/2026");
    assertThat(status(submit(gv, run, "plan", "kh.pdf", SampleFiles.pdf("muộn"), Map.of()))).isEqualTo(303);
    long v = latestId(f.gvA, run, "PLAN");
    assertThat(Sql.number(db, "SELECT count(*) FROM peer_support_version WHERE id = $1 AND late", v)).isEqualTo(1);
    assertThat(gv.get("/peer-support/runs/" + run).getResponseBody()).contains("Nộp muộn");
    // The report on time (before 30/03/2026 ends).
    assertThat(status(submit(gv, run, "report", "bc.pdf", SampleFiles.pdf("bc"), Map.of()))).isEqualTo(303);
    assertThat(Sql.number(db, "SELECT count(*) FROM peer_support_version WHERE run_id = $1 AND kind = 'REPORT' AND NOT late", run))
        .isEqualTo(1);
  }

  @Test
  void theOversightListsWhoIsMissingWithinTheCallersScopeAndItsXlsxReadsBack() throws Exception {
    long run = f.run("Đợt theo dõi", LocalDate.of(2026, 1, 5));
    clock.setVietnam("2026-02-20T09:00");
    assertThat(status(submit(login("ql.t"), run, "plan", "kh.pdf", SampleFiles.pdf("t"), Map.of()))).isEqualTo(303);
    var so = login("so.giamsat");
    var page = so.get("/peer-support/oversight?run=" + run).getResponseBody();
    assertThat(page).contains("Nguyễn Thị Ánh").contains("Hồ Thị Én").contains("Chưa nộp").contains("Chờ phê duyệt");
    // District 2 oversees none of them; district 1 its core teacher A, not the department's school T.
    var pgd2 = login("pgd.2").get("/peer-support/oversight?run=" + run).getResponseBody();
    assertThat(pgd2).doesNotContain("Nguyễn Thị Ánh").doesNotContain("Hồ Thị Én");
    var pgd1 = login("pgd.1").get("/peer-support/oversight?run=" + run).getResponseBody();
    assertThat(pgd1).contains("Nguyễn Thị Ánh").doesNotContain("Hồ Thị Én");
    assertThat(status(login("ht.a").get("/peer-support/oversight?run=" + run))).isEqualTo(403);
    // Linked from the officials' reports and the formal exports page.
    assertThat(so.get("/reports").getResponseBody()).contains("id=\"peer-support-link\"");
    assertThat(so.get("/reports/exports").getResponseBody()).contains("id=\"export-peer-support\"");

    var xlsx = web.get().uri("/peer-support/oversight/export.xlsx?run=" + run).cookie(WebSession.COOKIE, so.sessionId()).exchange()
        .expectBody(byte[].class).returnResult();
    assertThat(status(xlsx)).isEqualTo(200);
    assertThat(xlsx.getResponseHeaders().getFirst("Content-Disposition")).startsWith("attachment");
    var rows = cells(xlsx.getResponseBody());
    assertThat(rows.get(0)).containsExactly("Họ và tên", "Đơn vị", "Loại", "Tình trạng", "Muộn hạn", "Hạn nộp", "Từ lúc", "Số ngày");
    // Core teacher A leads a group: plan overdue since 04/01/2026 (46 days by 20/02); T's plan waits, handed in late.
    assertThat(rows).anySatisfy(r -> assertThat(r.subList(0, 5)).containsExactly("Nguyễn Thị Ánh", "Trường THCS Tân Phú",
        "Kế hoạch hỗ trợ đồng nghiệp", "Chưa nộp", "Quá hạn"));
    assertThat(rows).anySatisfy(r -> assertThat(r.subList(0, 5)).containsExactly("Hồ Thị Én", "Trường THPT Đồng Xoài",
        "Kế hoạch hỗ trợ đồng nghiệp", "Chờ phê duyệt", "Nộp muộn"));
    assertThat(rows).anySatisfy(r -> {
      assertThat(r.get(0)).isEqualTo("Nguyễn Thị Ánh");
      assertThat(r.get(3)).isEqualTo("Chưa nộp");
      assertThat(r.get(7)).isEqualTo(46.0);
    });
    var pgd2Rows = cells(web.get().uri("/peer-support/oversight/export.xlsx?run=" + run)
        .cookie(WebSession.COOKIE, login("pgd.2").sessionId()).exchange().expectBody(byte[].class).returnResult().getResponseBody());
    assertThat(pgd2Rows).hasSize(1);
  }

  static List<List<Object>> cells(byte[] xlsx) throws Exception {
    try (var wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      var rows = new ArrayList<List<Object>>();
      for (Row row : wb.getSheetAt(0)) {
        var values = new ArrayList<Object>();
        for (int c = 0; c < row.getLastCellNum(); c++) {
          Cell cell = row.getCell(c);
          if (cell == null || cell.getCellType() == CellType.BLANK) {
            values.add(null);
          } else if (cell.getCellType() == CellType.NUMERIC) {
            values.add(cell.getNumericCellValue());
          } else {
            values.add(cell.getStringCellValue());
          }
        }
        rows.add(values);
      }
      return rows;
    }
  }
}
