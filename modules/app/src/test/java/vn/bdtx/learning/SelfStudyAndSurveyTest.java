package vn.bdtx.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.domain.catalog.Lecture;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.storage.ObjectStore;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Gv02Copy;
import vn.bdtx.support.MovableClock;
import vn.bdtx.support.Province;
import vn.bdtx.support.SharedClockContext;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Issue 6, criterion (i) and the final survey, through the pages: a learner
 * studies every lecture and passes every quiz during self-study, answers the
 * survey when it opens on day 9 (refused while a question is unanswered, then
 * submitted once), and the checklist turns to passed — for the learner, on the
 * cohort page, and in the run's survey report with its positive share.
 *
 * <p>It shares an application with other classes ({@link SharedClockContext}): its class is on a course copy of its
 * own, with GV-02's content as loaded from the files, since other classes publish changed quizzes on GV-02 itself;
 * its district and school are its own, under the install's one department.
 */
@BdtxIntegrationTest
@SharedClockContext
class SelfStudyAndSurveyTest {

  static final String PW = "lop boi duong thuong xuyen";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired MovableClock clock;
  @Autowired Courses courses;
  @Autowired ObjectStore store;
  @Autowired Cohorts cohorts;
  @Autowired LectureProgress progress;

  private static String text(org.springframework.test.web.reactive.server.EntityExchangeResult<String> r) {
    return HtmlUtils.htmlUnescape(r.getResponseBody() == null ? "" : r.getResponseBody());
  }

  private static Integer[] right(Question q) {
    return IntStream.range(0, q.choices().size()).filter(i -> q.choices().get(i).weight() > 0).boxed().toArray(Integer[]::new);
  }

  @Test
  void aLearnerStudiesPassesTheQuizzesAnswersTheSurveyAndCriterionOneTurnsToPassed() {
    clock.setVietnam("2026-12-08T08:00:00");
    var accounts = new TestAccounts(db, encoder);
    accounts.create("it.tuhoc", PW, Role.IT_ADMIN);
    long lecturer = accounts.create("bcv.tuhoc", PW, Role.LECTURER);
    long learner = accounts.create("gv.tuhoc", PW, Role.LEARNER);
    var it = WebSession.loggedIn(web, "it.tuhoc", PW);
    var province = new Province(it);
    long district = province.district("PGD-TH", "Phòng GD&ĐT Tự Học", province.sharedDepartment(db));
    long school = province.school("THCS-TH", "THCS Tự Học", district, null, "LOWER_SECONDARY");
    db.sql("UPDATE account SET school_id = :s WHERE id = :a").bind("s", school).bind("a", learner).then().block(Duration.ofSeconds(5));

    var by = new Caller(lecturer, "bcv.tuhoc", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = Gv02Copy.publish(db, courses, store, by, "(tự học)", c -> c);
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp tự học", java.time.LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    long run = db.sql("INSERT INTO module_run (module_code, name) VALUES ('GV-02', 'Mô đun 2 — đợt tự học') RETURNING id")
        .map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5));
    db.sql("UPDATE cohort SET run_id = :r WHERE id = :c").bind("r", run).bind("c", cohort).then().block(Duration.ofSeconds(5));
    cohorts.enroll(cohort, learner, "MAIN").block(Duration.ofSeconds(5));
    CourseContent content = courses.latestVersion(course).block(Duration.ofSeconds(5)).content();
    String base = "/learn/" + cohort;
    // Survey question ids by their number (KS1 … KS6 in the file).
    java.util.function.IntFunction<String> ks = i -> content.survey().get(i - 1).id();

    var hv = WebSession.loggedIn(web, "gv.tuhoc", PW);
    String outline = text(hv.get(base));
    assertThat(outline).contains("Tự học trực tuyến (tiêu chí i): chưa đạt — xong 0/11 việc", "Học «Bài 1.", "← Khóa học của tôi");
    // The survey waits for the finishing phase: day 9, 15/12.
    assertThat(text(hv.get(base + "/survey"))).contains("Phiếu khảo sát mở từ ngày 15/12/2026 đến 23:59 ngày 21/12/2026.");
    assertThat(hv.postForm(base + "/survey/answers", form("question", ks.apply(1), "choice", "0")).getStatus().value()).isEqualTo(409);

    // Every lecture studied: the video watched to 95%, the others read to the end.
    for (Lecture l : content.lectures()) {
      var fields = l.media() != null && l.media().video()
          ? form("played", "0-570", "position", "570", "duration", "600") : form("end", "1");
      assertThat(hv.postForm(base + "/lectures/" + l.id() + "/progress", fields).getStatus().value()).isEqualTo(204);
    }
    progress.flush().block(Duration.ofSeconds(10));
    // Every quiz passed with every answer right.
    for (Lecture l : content.lectures()) {
      hv.get(base + "/quizzes/" + l.id());
      String at = String.valueOf(hv.postForm(base + "/quizzes/" + l.id() + "/attempts", form()).getResponseHeaders().getLocation());
      for (Question q : content.inCategory(l.quizCategory())) {
        var f = form("question", q.id());
        for (Integer c : right(q)) {
          f.add("choice", String.valueOf(c));
        }
        assertThat(hv.postForm(at + "/answers", f).getStatus().value()).isEqualTo(204);
      }
      hv.postForm(at + "/submit", form());
    }
    assertThat(text(hv.get(base))).contains("chưa đạt — xong 10/11 việc", "điểm được tính 10,0");
    assertThat(text(it.get("/cohorts/" + cohort))).contains("Xong 10/11", "Tự học trực tuyến (tiêu chí i): 0/1 học viên đã đạt.");

    clock.setVietnam("2026-12-15T20:00:00");
    hv.get(base + "/survey");
    // Four "Rất đồng ý", one "Phân vân": 80% positive. The device question does not count.
    for (int i = 1; i <= 5; i++) {
      assertThat(hv.postForm(base + "/survey/answers", form("question", ks.apply(i), "choice", i == 3 ? "2" : "0"))
          .getStatus().value()).isEqualTo(204);
    }
    var early = hv.postForm(base + "/survey/submit", form());
    assertThat(early.getStatus().value()).isEqualTo(422);
    assertThat(text(early)).contains("Chưa nộp được: còn câu 6 chưa trả lời. Các câu đã chọn vẫn được lưu.");
    assertThat(text(early)).containsPattern("name=\"q-" + ks.apply(1) + "\"\\s+value=\"0\" checked");
    var submitted = hv.postForm(base + "/survey/submit", form("q-" + ks.apply(6), "0"));
    assertThat(String.valueOf(submitted.getResponseHeaders().getLocation())).endsWith("/survey?submitted");
    var again = hv.postForm(base + "/survey/submit", form("q-" + ks.apply(1), "4"));
    assertThat(String.valueOf(again.getResponseHeaders().getLocation())).as("a second submit is not an error").endsWith("/survey?submitted");
    assertThat(hv.postForm(base + "/survey/answers", form("question", ks.apply(1), "choice", "4")).getStatus().value()).isEqualTo(409);
    assertThat(db.sql("SELECT chosen FROM survey_answer a JOIN enrollment e ON e.id = a.enrollment_id WHERE e.account_id = :a AND question_id = :q")
        .bind("a", learner).bind("q", ks.apply(1)).map((r, m) -> r.get(0, Short.class)).one().block(Duration.ofSeconds(5))).isEqualTo((short) 0);

    assertThat(text(hv.get(base))).contains("✔ Tự học trực tuyến (tiêu chí i): Đạt");
    String home = hv.get("/learn").getResponseBody();
    assertThat(home).contains("data-activity=\"STUDY\"").containsPattern("data-activity=\"STUDY\" class=\"todo-DONE\"")
        .containsPattern("data-activity=\"SURVEY\" class=\"todo-DONE\"");
    assertThat(text(it.get("/cohorts/" + cohort))).contains("✔ Đạt", "Tự học trực tuyến (tiêu chí i): 1/1 học viên đã đạt.");

    String report = text(it.get("/runs/" + run + "/survey"));
    assertThat(report).contains("Cả đợt: 1 học viên đã nộp phiếu; 80,0% ý kiến tích cực (4/5).", "Lớp tự học", "THCS Tự Học",
        "Phòng GD&ĐT Tự Học", "✔ Đạt mục tiêu");
  }
}
