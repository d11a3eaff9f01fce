package vn.bdtx.community.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.completion.Completions;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.completion.Completion;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.SampleFiles;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.Uploads;
import vn.bdtx.support.WebSession;

/**
 * Issue 17 part 3: a core teacher schedules their group's professional meeting in
 * days 6–8 (12–14 December for a class starting on 7 December 2026), changes it,
 * records attendance, minutes and evidence; learners see it in their to-do list;
 * the class page shows attendance; the run's setting decides whether it counts.
 */
@BdtxIntegrationTest
@Import(MovableClock.Config.class)
@DirtiesContext
class MeetingsTest {

  static final String PW = "sinh hoat chuyen mon";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Cohorts cohorts;
  @Autowired Courses courses;
  @Autowired Completions completions;
  @Autowired vn.bdtx.reporting.ReportRefresher refresher;

  private static String text(EntityExchangeResult<String> r) {
    return HtmlUtils.htmlUnescape(r.getResponseBody() == null ? "" : r.getResponseBody());
  }

  private void sql(String sql, Object... binds) {
    vn.bdtx.support.Sql.run(db, sql, binds);
  }

  private long one(String sql, Object... binds) {
    return vn.bdtx.support.Sql.number(db, sql, binds);
  }

  /** A class of GV-02 starting 7/12/2026 with group A (core teacher {p}.cc1, three learners) and group B ({p}.cc2, one). */
  record Fixture(long cohort, long groupA, long groupB, long[] a, long b, CourseContent content) {
  }

  private Fixture fixture(String p) {
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create(p + ".bcv", PW, Role.LECTURER);
    long cc1 = accounts.create(p + ".cc1", PW, Role.CORE_TEACHER);
    long cc2 = accounts.create(p + ".cc2", PW, Role.CORE_TEACHER);
    accounts.create(p + ".gs", PW, Role.SUPERVISOR);
    accounts.create(p + ".it", PW, Role.IT_ADMIN);
    var by = new Caller(lecturer, p + ".bcv", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = one("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'");
    CourseContent content = courses.latestVersion(course).block(Duration.ofSeconds(5)).content();
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp SHCM " + p, LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    sql("UPDATE cohort SET lecturer_id = $1 WHERE id = $2", lecturer, cohort);
    long c1 = one("INSERT INTO org_unit (kind, code, name) VALUES ('CLUSTER', $1, 'Cụm Tân Phú') RETURNING id", p + "-C1");
    long c2 = one("INSERT INTO org_unit (kind, code, name) VALUES ('CLUSTER', $1, 'Cụm Đồng Xoài') RETURNING id", p + "-C2");
    long ga = one("INSERT INTO cohort_group (cohort_id, cluster_id, core_teacher_id) VALUES ($1, $2, $3) RETURNING id", cohort, c1, cc1);
    long gb = one("INSERT INTO cohort_group (cohort_id, cluster_id, core_teacher_id) VALUES ($1, $2, $3) RETURNING id", cohort, c2, cc2);
    long[] a = new long[3];
    String[] names = {"Nguyễn Thị An", "Trần Văn Bình", "Lê Thị Cúc"};
    for (int i = 0; i < 3; i++) {
      long account = accounts.create(p + ".a" + (i + 1), PW, Role.LEARNER);
      sql("UPDATE account SET full_name = $1 WHERE id = $2", names[i], account);
      cohorts.enroll(cohort, account, "MAIN").block(Duration.ofSeconds(5));
      a[i] = cohorts.enrollment(cohort, account).block(Duration.ofSeconds(5)).id();
      sql("UPDATE enrollment SET group_id = $1, registered_at = now() WHERE id = $2", ga, a[i]);
    }
    long accountB = accounts.create(p + ".b1", PW, Role.LEARNER);
    cohorts.enroll(cohort, accountB, "MAIN").block(Duration.ofSeconds(5));
    long b = cohorts.enrollment(cohort, accountB).block(Duration.ofSeconds(5)).id();
    sql("UPDATE enrollment SET group_id = $1, registered_at = now() WHERE id = $2", gb, b);
    return new Fixture(cohort, ga, gb, a, b, content);
  }

  private static org.springframework.util.MultiValueMap<String, String> schedule(long group, String date, String time, String place,
                                                                                 String link, String key) {
    return form("groupId", String.valueOf(group), "level", "CLUSTER", "date", date, "time", time, "place", place, "link", link,
        "formKey", key);
  }

  @Test
  void aCoreTeacherSchedulesInDaysSixToEightChangesRecordsAndEveryoneSeesWhatTheyMay() {
    clock.setVietnam("2026-12-08T09:00:00");
    var f = fixture("mt");
    var cc1 = WebSession.loggedIn(web, "mt.cc1", PW);
    String list = text(cc1.get("/cohorts/" + f.cohort() + "/meetings"));
    assertThat(list).contains("từ 12/12/2026 đến 14/12/2026", "schedule-" + f.groupA()).doesNotContain("schedule-" + f.groupB());

    // Outside the meeting days, or an http link: a clear message, nothing saved.
    String key = java.util.UUID.randomUUID().toString();
    var outside = cc1.postForm("/cohorts/" + f.cohort() + "/meetings", schedule(f.groupA(), "2026-12-15", "08:00", "Phòng 3", "", key));
    assertThat(outside.getStatus().value()).isEqualTo(422);
    assertThat(text(outside)).contains("Thời gian phải nằm trong các ngày sinh hoạt chuyên môn, từ 12/12/2026 đến 14/12/2026.");
    var http = cc1.postForm("/cohorts/" + f.cohort() + "/meetings", schedule(f.groupA(), "2026-12-12", "08:00", "", "http://meet.example.vn/x", key));
    assertThat(http.getStatus().value()).isEqualTo(422);
    assertThat(text(http)).contains("phải bắt đầu bằng https://");
    assertThat(one("SELECT count(*) FROM professional_meeting WHERE cohort_id = $1", f.cohort())).isZero();

    // Within them: saved once, whatever the number of clicks.
    var place = "Trường THCS Tân Phú <script>alert(1)</script>";
    var ok = cc1.postForm("/cohorts/" + f.cohort() + "/meetings", schedule(f.groupA(), "2026-12-12", "08:00", place, "", key));
    assertThat(ok.getStatus().value()).isEqualTo(303);
    long id = one("SELECT id FROM professional_meeting WHERE group_id = $1", f.groupA());
    assertThat(String.valueOf(ok.getResponseHeaders().getLocation())).isEqualTo("/meetings/" + id + "?scheduled");
    var again = cc1.postForm("/cohorts/" + f.cohort() + "/meetings", schedule(f.groupA(), "2026-12-12", "08:00", place, "", key));
    assertThat(again.getStatus().value()).isEqualTo(303);
    assertThat(one("SELECT count(*) FROM professional_meeting WHERE cohort_id = $1", f.cohort())).isEqualTo(1);
    assertThat(one("SELECT count(*) FROM notification WHERE dedup_key = $1", "meeting:" + id + ":1")).isEqualTo(3);
    assertThat(cc1.get("/meetings/" + id).getResponseBody()).contains("&lt;script&gt;").doesNotContain("<script>alert");

    // Another group's core teacher and learner: 404.
    var cc2 = WebSession.loggedIn(web, "mt.cc2", PW);
    assertThat(cc2.get("/meetings/" + id).getStatus().value()).isEqualTo(404);
    assertThat(cc2.postForm("/meetings/" + id, form("level", "SCHOOL", "date", "2026-12-13", "time", "08:00", "place", "X"))
        .getStatus().value()).isEqualTo(404);
    assertThat(cc2.postForm("/cohorts/" + f.cohort() + "/meetings", schedule(f.groupA(), "2026-12-13", "08:00", "X", "",
        java.util.UUID.randomUUID().toString())).getStatus().value()).isEqualTo(404);
    var b1 = WebSession.loggedIn(web, "mt.b1", PW);
    assertThat(b1.get("/meetings/" + id).getStatus().value()).isEqualTo(404);
    assertThat(text(b1.get("/cohorts/" + f.cohort() + "/meetings"))).contains("chưa xếp lịch sinh hoạt chuyên môn");

    // The group's learner sees it in the to-do list, at home and on /learn, and on its page (no attendance form).
    var a1 = WebSession.loggedIn(web, "mt.a1", PW);
    assertThat(text(a1.get("/"))).contains("Lịch: 08:00 12/12/2026, sinh hoạt theo cụm trường");
    assertThat(text(a1.get("/learn"))).contains("Lịch: 08:00 12/12/2026, sinh hoạt theo cụm trường", "Địa điểm: Trường THCS Tân Phú");
    assertThat(a1.get("/meetings/" + id).getResponseBody()).doesNotContain("record-form", "upload-form");
    assertThat(a1.postForm("/meetings/" + id + "/record", form("minutes", "x")).getStatus().value()).isEqualTo(404);

    // Changed before it happens: a new version, the learners told again.
    var moved = cc1.postForm("/meetings/" + id, form("level", "CLUSTER", "date", "2026-12-13", "time", "14:00", "place", "",
        "link", "https://meet.google.com/abc-defg-hij"));
    assertThat(moved.getStatus().value()).isEqualTo(303);
    assertThat(one("SELECT version FROM professional_meeting WHERE id = $1", id)).isEqualTo(2);
    assertThat(one("SELECT count(*) FROM notification WHERE dedup_key = $1", "meeting:" + id + ":2")).isEqualTo(3);
    assertThat(text(a1.get("/learn"))).contains("Lịch: 14:00 13/12/2026", "Vào họp trực tuyến");
    var early = cc1.postForm("/meetings/" + id + "/record", form("minutes", "x"));
    assertThat(early.getStatus().value()).isEqualTo(409);

    // Afterwards: no more moving; attendance, minutes, evidence.
    clock.setVietnam("2026-12-13T16:30:00");
    assertThat(cc1.postForm("/meetings/" + id, form("level", "CLUSTER", "date", "2026-12-14", "time", "08:00", "place", "X"))
        .getStatus().value()).isEqualTo(409);
    var partial = cc1.postForm("/meetings/" + id + "/record", form("present-" + f.a()[0], "true", "minutes", "Thảo luận mô đun 2"));
    assertThat(partial.getStatus().value()).isEqualTo(422);
    assertThat(text(partial)).contains("Còn 2 học viên chưa đánh dấu");
    // What the teacher typed comes back: the minutes, the learner marked present, and the names still to mark.
    var refused = org.jsoup.Jsoup.parse(partial.getResponseBody());
    assertThat(refused.getElementById("minutes").text()).isEqualTo("Thảo luận mô đun 2");
    assertThat(refused.getElementById("present-" + f.a()[0]).hasAttr("checked")).isTrue();
    assertThat(refused.select("#missing-learners li")).hasSize(2);
    assertThat(one("SELECT count(*) FROM meeting_attendance WHERE meeting_id = $1", id)).isZero();
    var recorded = cc1.postForm("/meetings/" + id + "/record", form("present-" + f.a()[0], "true", "present-" + f.a()[1], "true",
        "present-" + f.a()[2], "false", "note-" + f.a()[2], "Ốm, có giấy", "present-" + f.b(), "true",
        "minutes", "Thảo luận kế hoạch bài dạy theo mô đun 2."));
    assertThat(recorded.getStatus().value()).isEqualTo(303);
    assertThat(one("SELECT count(*) FROM meeting_attendance WHERE meeting_id = $1", id)).isEqualTo(3);
    // The reports recompute the group's enrollments (the outbox rows written with the attendance).
    refresher.refreshNow().block(Duration.ofSeconds(30));
    assertThat(one("SELECT count(*) FROM report_enrollment WHERE enrollment_id = $1 AND meeting_attended = false", f.a()[2])).isEqualTo(1);
    assertThat(one("SELECT count(*) FROM report_enrollment WHERE enrollment_id = $1 AND meeting_attended", f.a()[0])).isEqualTo(1);
    var gsReport = WebSession.loggedIn(web, "mt.gs", PW);
    assertThat(text(gsReport.get("/reports/cohorts/" + f.cohort()))).contains("Sinh hoạt chuyên môn", "Vắng");

    var pdf = SampleFiles.pdf("Ke hoach bai day chung");
    var upload = Uploads.files(web, cc1, "/meetings/" + id + "/files", Map.of(), "files",
        List.of(Map.entry("ke-hoach-chung.pdf", pdf), Map.entry("anh-1.png", SampleFiles.png(40, 30)),
            Map.entry("ke-hoach.docx", SampleFiles.docx("Kế hoạch")),
            // As people have them: a phone photo of the minutes (6.3 MB, EXIF) and a plan saved by LibreOffice as Word.
            Map.entry("bien-ban.jpg", SampleFiles.real("anh-dien-thoai.jpg")),
            Map.entry("ke-hoach-to.docx", SampleFiles.real("ke-hoach-libreoffice.docx"))));
    assertThat(upload.getStatus().value()).isEqualTo(303);
    var bad = Uploads.files(web, cc1, "/meetings/" + id + "/files", Map.of(), "files", List.of(Map.entry("a.exe", SampleFiles.program())));
    assertThat(bad.getStatus().value()).isEqualTo(422);
    assertThat(text(bad)).contains("không phải ảnh JPEG/PNG, PDF hay Word");
    assertThat(one("SELECT count(*) FROM meeting_file WHERE meeting_id = $1", id)).isEqualTo(5);
    long pdfId = one("SELECT id FROM meeting_file WHERE meeting_id = $1 AND name = 'ke-hoach-chung.pdf'", id);
    long docxId = one("SELECT id FROM meeting_file WHERE meeting_id = $1 AND name = 'ke-hoach.docx'", id);
    var pdfLink = cc1.get("/meetings/" + id + "/files/" + pdfId);
    assertThat(pdfLink.getStatus().value()).isEqualTo(303);
    assertThat(String.valueOf(pdfLink.getResponseHeaders().getLocation())).contains("inline");
    assertThat(String.valueOf(cc1.get("/meetings/" + id + "/files/" + docxId).getResponseHeaders().getLocation())).contains("attachment");
    assertThat(a1.get("/meetings/" + id + "/files/" + pdfId).getStatus().value()).isEqualTo(404);
    assertThat(cc2.get("/meetings/" + id + "/files/" + pdfId).getStatus().value()).isEqualTo(404);

    // The class's staff see it; the class page shows attendance.
    var gs = WebSession.loggedIn(web, "mt.gs", PW);
    assertThat(text(gs.get("/meetings/" + id))).contains("Thảo luận kế hoạch bài dạy theo mô đun 2.", "ke-hoach-chung.pdf", "Ốm, có giấy")
        .doesNotContain("record-form");
    var bcv = WebSession.loggedIn(web, "mt.bcv", PW);
    assertThat(bcv.get("/meetings/" + id).getStatus().value()).isEqualTo(200);
    String page = gs.get("/cohorts/" + f.cohort()).getResponseBody();
    assertThat(page).contains("<td class=\"meeting\">Có mặt</td>", "<td class=\"meeting\">Vắng</td>", "<td class=\"meeting\">Chưa ghi nhận</td>");
    assertThat(text(a1.get("/learn"))).contains("Bạn có mặt trong buổi sinh hoạt.");
  }

  @Test
  void theRunsSettingDecidesWhetherAnAbsentMainLearnerCompletes() {
    clock.setVietnam("2026-12-13T16:30:00");
    var f = fixture("mr");
    long run = one("INSERT INTO module_run (module_code, name) VALUES ('GV-02', 'Đợt SHCM') RETURNING id");
    sql("UPDATE cohort SET run_id = $1 WHERE id = $2", run, f.cohort());
    long meeting = one("""
        INSERT INTO professional_meeting (cohort_id, group_id, level, place, starts_at, form_key, scheduled_by)
        VALUES ($1, $2, 'SCHOOL', 'Phòng 1', now(), gen_random_uuid(), (SELECT core_teacher_id FROM cohort_group WHERE id = $2))
        RETURNING id""", f.cohort(), f.groupA());
    for (int i = 0; i < 2; i++) {
      long e = f.a()[i];
      vn.bdtx.support.SelfStudyDone.record(db, e, f.content());
      sql("INSERT INTO submission (enrollment_id, version, upload_key, submitted_at) VALUES ($1, 1, gen_random_uuid(), now())", e);
      sql("""
          INSERT INTO assignment_grade (enrollment_id, submission_id, state, score, graded_by, graded_at)
          SELECT $1, id, 'GRADED', 8.0, (SELECT core_teacher_id FROM cohort_group WHERE id = $2), now()
          FROM submission WHERE enrollment_id = $1""", e, f.groupA());
      sql("INSERT INTO institution_evaluation (enrollment_id, decision, reason, decided_by, decided_at) VALUES ($1, 'PASSED', '', $2, now())",
          e, one("SELECT id FROM account WHERE username = 'mr.it'"));
      sql("INSERT INTO meeting_attendance (meeting_id, enrollment_id, present) VALUES ($1, $2, $3)", meeting, e, i == 0);
    }
    var now = clock.instant();
    // Off by default: the absent learner completes as before.
    assertThat(completions.of(f.cohort(), f.a()[1], now).block(Duration.ofSeconds(10)).completion().completed()).isTrue();
    assertThat(completions.of(f.cohort(), f.a()[0], now).block(Duration.ofSeconds(10)).completion().completed()).isTrue();

    var it = WebSession.loggedIn(web, "mr.it", PW);
    assertThat(text(it.get("/runs/" + run))).contains("Tính việc có mặt trong buổi sinh hoạt chuyên môn");
    var on = it.postForm("/runs/" + run + "/meeting-attendance", form("counts", "true"));
    assertThat(on.getStatus().value()).isEqualTo(303);
    var absent = completions.of(f.cohort(), f.a()[1], now).block(Duration.ofSeconds(10)).completion();
    assertThat(absent.completed()).isFalse();
    assertThat(absent.missing()).containsExactly(new Completion.Missing(Completion.Criterion.MEETING, Completion.State.FAILED));
    assertThat(completions.of(f.cohort(), f.a()[0], now).block(Duration.ofSeconds(10)).completion().completed()).isTrue();
    var cc2 = WebSession.loggedIn(web, "mr.cc2", PW);
    assertThat(cc2.postForm("/runs/" + run + "/meeting-attendance", form("counts", "false")).getStatus().value()).isEqualTo(403);

    assertThat(it.postForm("/runs/" + run + "/meeting-attendance", form()).getStatus().value()).isEqualTo(303);
    assertThat(completions.of(f.cohort(), f.a()[1], now).block(Duration.ofSeconds(10)).completion().completed()).isTrue();
  }
}
