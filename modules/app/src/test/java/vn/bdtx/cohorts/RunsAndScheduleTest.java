package vn.bdtx.cohorts;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.Province;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.Uploads;
import vn.bdtx.support.WebSession;

/**
 * Issue 5 against the real PostgreSQL and Redis: the IT team opens a run of
 * three classes from one file (after a file with mistakes changed nothing), and
 * learners see their day, phase and deadlines as a moved clock crosses midnight,
 * day 2's registration lock and the end of the class.
 */
@BdtxIntegrationTest
@Import(MovableClock.Config.class)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunsAndScheduleTest {

  static final String PW = "lop boi duong thuong xuyen";
  static final String HEADER = "lop,mo_dun,cap_hoc,mon,ngay_bat_dau,bao_cao_vien,hoc_vien,loai,cot_can,da_hoan_thanh\n";
  static final String COURSE = ",GV-02,THCS,Chung (mọi môn học),07/12/2026,bcv.run,";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;

  static boolean provinceReady;
  WebSession admin;

  @BeforeEach
  void province() {
    clock.setVietnam("2026-12-01T10:00:00");
    var accounts = new TestAccounts(db, encoder);
    if (!provinceReady) {
      accounts.create("it.run", PW, Role.IT_ADMIN);
      accounts.create("gs.run", PW, Role.SUPERVISOR);
      accounts.create("bcv.run", PW, Role.LECTURER);
      accounts.create("cc.dx", PW, Role.CORE_TEACHER, Role.LEARNER);
      accounts.create("cc.bl", PW, Role.CORE_TEACHER, Role.LEARNER);
      for (int i = 1; i <= 6; i++) {
        accounts.create("gv" + i + ".run", PW, Role.LEARNER);
      }
      accounts.create("gv.nghihuu", PW, Role.LEARNER);
      var it = WebSession.loggedIn(web, "it.run", PW);
      var p = new Province(it);
      long dept = p.department("SO-RUN", "Sở GD&ĐT Thử");
      long district = p.district("PGD-RUN", "Phòng GD&ĐT Thử", dept);
      long dx = p.cluster("CUM-DX-RUN", "Cụm Đồng Xoài", district);
      long bl = p.cluster("CUM-BL-RUN", "Cụm Bình Long", district);
      long s1 = p.school("THCS-DX-RUN", "THCS Đồng Xoài", district, dx, "LOWER_SECONDARY");
      long s2 = p.school("THCS-BL-RUN", "THCS Bình Long", district, bl, "LOWER_SECONDARY");
      for (int i = 1; i <= 6; i++) {
        school("gv" + i + ".run", i % 2 == 1 ? s1 : s2);
      }
      school("gv.nghihuu", s1);
      db.sql("""
              INSERT INTO exemption (account_id, school_year, kind, reason)
              SELECT id, '2026-2027', 'EXEMPT', 'Nghỉ hưu tháng 3/2027' FROM account WHERE username = 'gv.nghihuu'""")
          .then().block(Duration.ofSeconds(5));
      provinceReady = true;
    }
    admin = WebSession.loggedIn(web, "it.run", PW);
  }

  private void school(String username, long schoolId) {
    db.sql("UPDATE account SET school_id = :s WHERE username = :u").bind("s", schoolId).bind("u", username)
        .then().block(Duration.ofSeconds(5));
  }

  private long count(String sql) {
    return db.sql(sql).map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5));
  }

  private static String page(org.springframework.test.web.reactive.server.EntityExchangeResult<String> r) {
    return HtmlUtils.htmlUnescape(r.getResponseBody() == null ? "" : r.getResponseBody());
  }

  private org.springframework.test.web.reactive.server.EntityExchangeResult<String> upload(String csv) {
    admin.get("/runs");
    return Uploads.form(web, admin, "/runs/import", Map.of("name", "Mô đun 2 THCS — tháng 12"), "file", "lop.csv",
        csv.getBytes(StandardCharsets.UTF_8));
  }

  /** Three classes; gv6 studies class 3 as a reference subject besides class 1. */
  static final String GOOD = HEADER
      + "Lớp 1" + COURSE + "gv1.run,,cc.dx,GV-01\n"
      + "Lớp 1" + COURSE + "gv2.run,,cc.bl,GV-01\n"
      + "Lớp 1" + COURSE + "gv6.run,,,GV-01\n"
      + "Lớp 2" + COURSE + "gv3.run,chính,cc.dx,GV-01\n"
      + "Lớp 2" + COURSE + "gv4.run,,cc.bl,GV-01\n"
      + "Lớp 3" + COURSE + "gv5.run,,cc.dx,GV-01\n"
      + "Lớp 3" + COURSE + "gv6.run,tham khảo,cc.bl,GV-01\n";

  static final String LONG_NAME = "Lớp bồi dưỡng thường xuyên " + "Toán THCS ".repeat(20);

  @Test
  @Order(1)
  void aRunOfThreeClassesOpensFromOneFileAfterAFileWithMistakesChangedNothing() {
    String broken = HEADER
        + "Lớp 1" + COURSE + "gv1.run,,cc.dx,GV-01\n"
        + "Lớp 1" + COURSE + "gv2.run,,cc.bl,\n"                     // row 3: GV-01 not completed
        + "Lớp 2" + COURSE + "khong.ai,,cc.dx,GV-01\n"               // row 4: nobody
        + "Lớp 2" + COURSE + "gv.nghihuu,,cc.dx,GV-01\n"             // row 5: exempt
        + LONG_NAME + COURSE + "gv3.run,,cc.dx,GV-01\n";             // row 6: a class name over 200 characters
    var refused = upload(broken);
    assertThat(refused.getStatus().value()).isEqualTo(422);
    assertThat(page(refused)).contains("Tệp «lop.csv» có 4 lỗi.", "Chưa lớp nào được mở.",
        "Chưa hoàn thành mô đun học trước GV-01", "Không có tài khoản nào mang tên đăng nhập hoặc email «khong.ai».",
        "Người này được miễn bồi dưỡng", "Tên lớp quá dài: tối đa 200 ký tự", LONG_NAME.substring(0, 40) + "…")
        .doesNotContain("Ô này không được để trống.");
    assertThat(count("SELECT count(*) FROM module_run")).isZero();
    assertThat(count("SELECT count(*) FROM cohort WHERE run_id IS NOT NULL")).isZero();
    assertThat(count("SELECT count(*) FROM module_completion")).isZero();

    var opened = upload(GOOD);
    assertThat(opened.getStatus().is3xxRedirection()).as(page(opened)).isTrue();
    String location = String.valueOf(opened.getResponseHeaders().getLocation());
    assertThat(location).matches("/runs/\\d+\\?opened");
    String run = page(admin.get(location));
    assertThat(run).contains("Đã mở 3 lớp cho 7 học viên.", "Lớp 1", "Lớp 2", "Lớp 3", "Bắt đầu ngày 07/12/2026",
        "Bắt đầu 07/12/2026 · lịch 5+3+7");
    assertThat(count("SELECT count(*) FROM cohort WHERE run_id IS NOT NULL")).isEqualTo(3);
    // Class 1 has learners from both clusters: two groups, each with its core teacher.
    assertThat(count("""
        SELECT count(*) FROM cohort_group g JOIN cohort h ON h.id = g.cohort_id
        WHERE h.name = 'Lớp 1' AND g.core_teacher_id IS NOT NULL""")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM enrollment WHERE group_id IS NULL")).isZero();
    assertThat(count("SELECT count(*) FROM module_completion WHERE source = 'RECORDED' AND module_code = 'GV-01'")).isEqualTo(6);
    assertThat(count("""
        SELECT count(*) FROM enrollment e JOIN account a ON a.id = e.account_id
        WHERE a.username = 'gv6.run' AND e.kind = 'REFERENCE'""")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'RUN_OPENED'")).isEqualTo(1);

    // The same file again opens nothing twice; a notes column it does not read is named, not dropped silently.
    var again = upload(GOOD.replace(HEADER, HEADER.strip() + ",Ghi chú\n"));
    assertThat(again.getStatus().value()).isEqualTo(422);
    assertThat(page(again)).contains("Học viên này đã ở lớp «Lớp 1» của mô đun này trong năm học", "Cột K: “Ghi chú”");
    assertThat(count("SELECT count(*) FROM module_run")).isEqualTo(1);

    // The supervisor follows the run as the days pass; a learner may not.
    var supervisor = WebSession.loggedIn(web, "gs.run", PW);
    clock.setVietnam("2026-12-12T08:00:00");
    assertThat(page(supervisor.get(location.replace("?opened", "")))).contains("Ngày 6/15 — Sinh hoạt chuyên môn");
    // A supervisor may open classes too: an empty form is refused with the reason.
    assertThat(supervisor.postForm("/runs/import", form()).getStatus().value()).isEqualTo(422);
    var learner = WebSession.loggedIn(web, "gv1.run", PW);
    assertThat(learner.get("/runs").getStatus().value()).isEqualTo(403);
  }

  private WebSession learnerIn(String username) {
    if (count("SELECT count(*) FROM module_run") == 0) {
      assertThat(upload(GOOD).getStatus().is3xxRedirection()).isTrue();
    }
    return WebSession.loggedIn(web, username, PW);
  }

  private long cohortOf(String username, String cohortName) {
    return count("SELECT e.cohort_id FROM enrollment e JOIN account a ON a.id = e.account_id JOIN cohort h ON h.id = e.cohort_id "
        + "WHERE a.username = '" + username + "' AND h.name = '" + cohortName + "'");
  }

  private String kindOf(String username, String cohortName) {
    return db.sql("SELECT e.kind FROM enrollment e JOIN account a ON a.id = e.account_id JOIN cohort h ON h.id = e.cohort_id "
            + "WHERE a.username = :u AND h.name = :c").bind("u", username).bind("c", cohortName)
        .map((r, m) -> r.get(0, String.class)).one().block(Duration.ofSeconds(5));
  }

  @Test
  @Order(2)
  void aLearnerRegistersTheMainSubjectOnDayTwoAndCannotChangeItOnDayThree() {
    var gv6 = learnerIn("gv6.run");
    long class1 = cohortOf("gv6.run", "Lớp 1");
    long class3 = cohortOf("gv6.run", "Lớp 3");

    clock.setVietnam("2026-12-08T23:59:00");
    String day2 = page(gv6.get("/learn"));
    assertThat(day2).contains("Ngày 2/15 — Tự học", "Đăng ký môn chính", "hạn chót 23:59 ngày 08/12/2026",
        "chưa xác nhận môn");
    // Class 3 becomes the main subject: class 1 turns to reference, in one step.
    var registered = gv6.postForm("/learn/" + class3 + "/registration", form("kind", "MAIN"));
    assertThat(registered.getStatus().is3xxRedirection()).as(registered.getStatus() + page(registered)).isTrue();
    assertThat(kindOf("gv6.run", "Lớp 3")).isEqualTo("MAIN");
    assertThat(kindOf("gv6.run", "Lớp 1")).isEqualTo("REFERENCE");
    assertThat(page(gv6.get("/learn?registered=" + class3))).contains("Đã ghi nhận đăng ký môn học.");

    clock.setVietnam("2026-12-09T00:00:00");
    gv6.get("/learn");
    var late = gv6.postForm("/learn/" + class1 + "/registration", form("kind", "MAIN"));
    assertThat(late.getStatus().value()).isEqualTo(409);
    assertThat(page(late)).contains("Đã hết hạn đăng ký môn (23:59 ngày 08/12/2026); môn này vẫn là môn tham khảo.",
        "Ngày 3/15 — Tự học");
    assertThat(kindOf("gv6.run", "Lớp 1")).isEqualTo("REFERENCE");
    assertThat(kindOf("gv6.run", "Lớp 3")).isEqualTo("MAIN");
    // Someone else's class is not there for them at all.
    long class2 = cohortOf("gv3.run", "Lớp 2");
    assertThat(gv6.postForm("/learn/" + class2 + "/registration", form("kind", "MAIN")).getStatus().value()).isEqualTo(404);
  }

  @Test
  @Order(3)
  void theHomePageShowsThePhaseAndWhatIsDueAndAReferenceSubjectRunsFifteenDaysLonger() {
    var gv5 = learnerIn("gv5.run");
    clock.setVietnam("2026-12-06T23:59:59");
    assertThat(page(gv5.get("/learn"))).contains("Bắt đầu ngày 07/12/2026", "mở từ ngày 07/12/2026");
    clock.setVietnam("2026-12-07T00:00:00");
    assertThat(page(gv5.get("/learn"))).contains("Ngày 1/15 — Tự học", "hạn chót 23:59 ngày 08/12/2026");
    clock.setVietnam("2026-12-15T07:30:00");
    String day9 = page(gv5.get("/learn"));
    assertThat(day9).contains("Ngày 9/15 — Hoàn thiện", "Nộp bài tập thực hành cuối khóa", "hạn chót 23:59 ngày 21/12/2026",
        "Trả lời khảo sát cuối khóa");
    // The learner's home page says the same in one line per class, with what is due next.
    assertThat(page(gv5.get("/"))).contains("Ngày 9/15 — Hoàn thiện",
        "Học các bài giảng và làm câu hỏi bài tập: hạn chót 23:59 ngày 21/12/2026");
    clock.setVietnam("2026-12-21T23:59:59");
    assertThat(page(gv5.get("/learn"))).contains("Ngày 15/15 — Hoàn thiện");
    clock.setVietnam("2026-12-22T00:00:00");
    assertThat(page(gv5.get("/learn"))).contains("Đã kết thúc (hạn chót 23:59 ngày 21/12/2026)");

    var gv2 = WebSession.loggedIn(web, "gv6.run", PW);
    String reference = page(gv2.get("/learn"));
    assertThat(reference).contains("Gia hạn — hạn chót 23:59 ngày 05/01/2027");
    clock.setVietnam("2027-01-06T00:00:00");
    assertThat(page(gv2.get("/learn"))).doesNotContain("Gia hạn —");
  }

  private long enrollmentOf(String username, String cohortName) {
    return count("SELECT e.id FROM enrollment e JOIN account a ON a.id = e.account_id JOIN cohort h ON h.id = e.cohort_id "
        + "WHERE a.username = '" + username + "' AND h.name = '" + cohortName + "'");
  }

  private long groupOf(String cohortName, String clusterCode) {
    return count("SELECT g.id FROM cohort_group g JOIN cohort h ON h.id = g.cohort_id JOIN org_unit u ON u.id = g.cluster_id "
        + "WHERE h.name = '" + cohortName + "' AND u.code = '" + clusterCode + "'");
  }

  @Test
  @Order(4)
  void staffSeeTheirClassWithTheLearnersWhoAreBehindFirstAndCoreTeachersOnlyTheirGroup() {
    learnerIn("gv1.run");
    long class1 = cohortOf("gv1.run", "Lớp 1");
    clock.setVietnam("2026-12-09T08:00:00");
    var lecturer = WebSession.loggedIn(web, "bcv.run", PW);
    assertThat(page(lecturer.get("/cohorts"))).contains("Lớp 1", "Lớp 2", "Lớp 3");
    String all = page(lecturer.get("/cohorts/" + class1));
    assertThat(all).contains("Ngày 3/15 — Tự học", "Cụm Đồng Xoài — cốt cán: Nguyễn Văn cc.dx");
    // Day 3 and no one has studied anything yet: all are behind by the one rule (BehindToday), not started, by name.
    int gv1 = all.indexOf("gv1.run");
    int gv2 = all.indexOf("gv2.run");
    int gv6 = all.indexOf("gv6.run");
    assertThat(gv1).isPositive();
    assertThat(gv2).isPositive();
    assertThat(gv6).isGreaterThan(Math.max(gv1, gv2));
    assertThat(all).contains("Chưa bắt đầu học (lớp đã sang ngày 3)").doesNotContain("Chưa đăng ký môn");
    assertThat(all).doesNotContain("Gia hạn</h2>");

    var coreDx = WebSession.loggedIn(web, "cc.dx", PW);
    String dx = page(coreDx.get("/cohorts/" + class1));
    assertThat(dx).contains("gv1.run").doesNotContain("gv2.run").doesNotContain("gv6.run");
    assertThat(page(coreDx.get("/cohorts"))).contains("Lớp 1");
    var outsider = WebSession.loggedIn(web, "gv3.run", PW);
    assertThat(outsider.get("/cohorts/" + class1).getStatus().value()).isEqualTo(404);
  }

  @Test
  @Order(5)
  void laterDeadlinesMovesAndKindChangesCarryAReasonAndEveryPageUsesTheEffectiveDeadline() {
    learnerIn("gv1.run");
    long class1 = cohortOf("gv1.run", "Lớp 1");
    clock.setVietnam("2026-12-20T08:00:00");
    admin.get("/cohorts/" + class1);
    // A last day before the class ends is refused and nothing is written.
    var early = admin.postForm("/cohorts/" + class1 + "/extensions",
        form("learners", String.valueOf(enrollmentOf("gv1.run", "Lớp 1")), "lastDay", "2026-12-20", "reason", "Chấm thi"));
    assertThat(early.getStatus().value()).isEqualTo(422);
    assertThat(page(early)).contains("Hạn mới phải sau ngày kết thúc lớp.");
    assertThat(count("SELECT count(*) FROM extension")).isZero();
    var noReason = admin.postForm("/cohorts/" + class1 + "/extensions",
        form("learners", String.valueOf(enrollmentOf("gv1.run", "Lớp 1")), "lastDay", "2026-12-28", "reason", " "));
    assertThat(noReason.getStatus().value()).isEqualTo(422);

    var granted = admin.postForm("/cohorts/" + class1 + "/extensions",
        form("learners", String.valueOf(enrollmentOf("gv1.run", "Lớp 1")), "lastDay", "28/12/2026", "reason", "Chấm thi học kì I"));
    assertThat(granted.getStatus().is3xxRedirection()).as(page(granted)).isTrue();
    clock.setVietnam("2026-12-25T09:00:00");
    String gv1 = page(WebSession.loggedIn(web, "gv1.run", PW).get("/learn"));
    assertThat(gv1).contains("Gia hạn — hạn chót 23:59 ngày 28/12/2026", "Nộp bài tập thực hành cuối khóa");
    String gv2 = page(WebSession.loggedIn(web, "gv2.run", PW).get("/learn"));
    assertThat(gv2).contains("Đã kết thúc (hạn chót 23:59 ngày 21/12/2026)");

    // A whole group: the Bình Long learners of class 1 (gv2 and gv6).
    admin.get("/cohorts/" + class1);
    var group = admin.postForm("/cohorts/" + class1 + "/extensions",
        form("groupId", String.valueOf(groupOf("Lớp 1", "CUM-BL-RUN")), "lastDay", "2026-12-27", "reason", "Trực coi thi"));
    assertThat(group.getStatus().is3xxRedirection()).isTrue();
    assertThat(count("SELECT count(*) FROM extension_member")).isEqualTo(3);
    assertThat(page(WebSession.loggedIn(web, "gv2.run", PW).get("/learn"))).contains("Gia hạn — hạn chót 23:59 ngày 27/12/2026");
    assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'EXTENSION_GRANTED'")).isEqualTo(2);

    // Moving gv1 to the Bình Long group needs a reason; then the Bình Long core teacher sees them.
    admin.get("/cohorts/" + class1);
    String moveTo = "/cohorts/" + class1 + "/enrollments/" + enrollmentOf("gv1.run", "Lớp 1") + "/group";
    String bl = String.valueOf(groupOf("Lớp 1", "CUM-BL-RUN"));
    assertThat(admin.postForm(moveTo, form("groupId", bl, "reason", "")).getStatus().value()).isEqualTo(422);
    assertThat(admin.postForm(moveTo, form("groupId", bl, "reason", "Chuyển công tác sang Bình Long")).getStatus().is3xxRedirection()).isTrue();
    assertThat(page(WebSession.loggedIn(web, "cc.bl", PW).get("/cohorts/" + class1))).contains("gv1.run");
    assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'LEARNER_MOVED'")).isEqualTo(1);

    // After registration closed only the IT team changes a kind, one main subject per run.
    String kind1 = "/cohorts/" + class1 + "/enrollments/" + enrollmentOf("gv6.run", "Lớp 1") + "/kind";
    // gv6 registered class 3 as main on day 2 (test 2).
    assertThat(kindOf("gv6.run", "Lớp 3")).isEqualTo("MAIN");
    var twoMain = admin.postForm(kind1, form("kind", "MAIN", "reason", "Nhầm môn"));
    assertThat(twoMain.getStatus().value()).isEqualTo(422);
    assertThat(page(twoMain)).contains("đã có môn chính khác trong đợt");
    assertThat(kindOf("gv6.run", "Lớp 1")).isEqualTo("REFERENCE");
    admin.get("/cohorts/" + class1);
    String kind3 = "/cohorts/" + cohortOf("gv6.run", "Lớp 3") + "/enrollments/" + enrollmentOf("gv6.run", "Lớp 3") + "/kind";
    assertThat(admin.postForm(kind3, form("kind", "REFERENCE", "reason", "Đổi môn chính theo đề nghị của trường"))
        .getStatus().is3xxRedirection()).isTrue();
    assertThat(admin.postForm(kind1, form("kind", "MAIN", "reason", "Đổi môn chính theo đề nghị của trường"))
        .getStatus().is3xxRedirection()).isTrue();
    assertThat(kindOf("gv6.run", "Lớp 1")).isEqualTo("MAIN");
    assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'ENROLLMENT_KIND_CHANGED'")).isEqualTo(2);
    var supervisor = WebSession.loggedIn(web, "gs.run", PW);
    supervisor.get("/cohorts/" + class1);
    assertThat(supervisor.postForm(kind1, form("kind", "REFERENCE", "reason", "x")).getStatus().value()).isEqualTo(403);
  }
}
