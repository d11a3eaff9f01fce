package vn.bdtx.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Issue 6, lecture study: what a player reports reaches the database in
 * batches, only seconds actually played count, a video is studied at 90%, a
 * text lecture once its end was reached, and the video resumes where it stopped.
 * The batch is written by the test (the two-second timer is turned off).
 */
@BdtxIntegrationTest
@DirtiesContext
@TestPropertySource(properties = "bdtx.learning.flush-interval=PT1H")
class LectureProgressTest {

  static final String PW = "lop boi duong thuong xuyen";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired Cohorts cohorts;
  @Autowired LectureProgress progress;

  @Autowired vn.bdtx.catalog.Courses courses;

  static long cohort;
  static int learners;
  /** The sample course's first lecture (a video) and second (text only). */
  static String video;
  static String text;

  @BeforeEach
  void classStartedToday() {
    if (cohort != 0) {
      return;
    }
    long lecturer = new TestAccounts(db, encoder).create("bcv.tiendo", PW, Role.LECTURER);
    var by = new Caller(lecturer, "bcv.tiendo", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, Long.class)).one()
        .block(Duration.ofSeconds(5));
    var lectures = courses.latestVersion(course).block(Duration.ofSeconds(5)).content().lectures();
    video = lectures.get(0).id();
    text = lectures.get(1).id();
    assertThat(lectures.get(0).media().video()).isTrue();
    assertThat(lectures.get(1).media()).isNull();
    cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp tiến độ", java.time.LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
  }

  private WebSession learner() {
    String name = "gv" + (++learners) + ".tiendo";
    long id = new TestAccounts(db, encoder).create(name, PW, Role.LEARNER);
    cohorts.enroll(cohort, id, "MAIN").block(Duration.ofSeconds(5));
    var s = WebSession.loggedIn(web, name, PW);
    s.get("/learn/" + cohort);
    return s;
  }

  private int report(WebSession s, String lecture, String... fields) {
    return s.postForm("/learn/" + cohort + "/lectures/" + lecture + "/progress", form(fields)).getStatus().value();
  }

  private int flush() {
    return progress.flush().block(Duration.ofSeconds(10));
  }

  private String outline(WebSession s) {
    return HtmlUtils.htmlUnescape(s.get("/learn/" + cohort).getResponseBody());
  }

  @Test
  void onlySecondsActuallyPlayedCountAndTheVideoIsStudiedAtNinetyPercent() {
    var s = learner();
    // The learner skips to the end: 10 seconds played, not 600.
    assertThat(report(s, video, "played", "0-5,595-600", "position", "600", "duration", "600")).isEqualTo(204);
    // The same first five minutes, reported every 10 s for five minutes: 30 reports, one row written.
    for (int t = 10; t <= 300; t += 10) {
      report(s, video, "played", "0-" + t, "position", String.valueOf(t), "duration", "600");
    }
    assertThat(flush()).as("rows written for 31 reports").isEqualTo(1);
    assertThat(outline(s)).contains("· đã xem 50%");

    // The next day: seconds 300–535 in a new page (its own 'played' starts afresh): 539 of 600 is 89.8%.
    report(s, video, "played", "300-534", "position", "534", "duration", "600");
    flush();
    assertThat(outline(s)).contains("· đã xem 89%").doesNotContain("✔ đã học");
    report(s, video, "played", "534-540", "position", "540", "duration", "600");
    flush();
    assertThat(outline(s)).contains("✔ đã học");
    assertThat(HtmlUtils.htmlUnescape(s.get("/learn/" + cohort + "/lectures/" + video).getResponseBody()))
        .contains("✔ Đã học xong bài này.", "data-resume=\"540\"");
  }

  @Test
  void theVideoResumesWhereTheLearnerStopped() {
    var s = learner();
    report(s, video, "played", "0-123.4", "position", "123", "duration", "600");
    flush();
    String page = HtmlUtils.htmlUnescape(s.get("/learn/" + cohort + "/lectures/" + video).getResponseBody());
    assertThat(page).contains("data-resume=\"123\"", "Đã xem 20% thời lượng video; bài được tính là đã học khi xem đủ 90%.");
  }

  @Test
  void aTextLectureIsStudiedOnceItsEndWasReached() {
    var s = learner();
    assertThat(outline(s)).doesNotContain("✔ đã học");
    report(s, text, "position", "0");
    flush();
    assertThat(outline(s)).doesNotContain("✔ đã học");
    report(s, text, "end", "1");
    flush();
    assertThat(outline(s)).contains("✔ đã học");
    // A video lecture is not studied by scrolling past it.
    report(s, video, "end", "1");
    flush();
    assertThat(db.sql("""
            SELECT count(*) FROM lecture_progress p JOIN enrollment e ON e.id = p.enrollment_id JOIN account a ON a.id = e.account_id
            WHERE p.done_at IS NOT NULL AND p.lecture_id = :l AND a.username = :u""")
        .bind("l", video).bind("u", "gv" + learners + ".tiendo")
        .map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5))).isZero();
  }

  @Test
  void aReportThatCannotBeReadIsRefusedWithTheReasonAndChangesNothing() {
    var s = learner();
    var r = s.postForm("/learn/" + cohort + "/lectures/" + video + "/progress", form("played", "0-abc", "duration", "600"));
    assertThat(r.getStatus().value()).isEqualTo(422);
    assertThat(r.getResponseBody()).contains("Đoạn đã xem «0-abc» phải có dạng từ-đến");
    // The refusal comes from the bundles, in the language the learner chose.
    var en = s.postForm("/learn/" + cohort + "/lectures/" + video + "/progress?lang=en", form("duration", "mười"));
    assertThat(en.getStatus().value()).isEqualTo(422);
    assertThat(en.getResponseBody()).isEqualTo(
        "The progress report was not recorded: «duration» must be a number of seconds from 0 to "
            + vn.bdtx.domain.learning.Watched.MAX_SECONDS
            + ", not «mười».");
    assertThat(report(s, video, "played", "0-10", "duration", "mười")).isEqualTo(422);
    assertThat(report(s, video, "played", "20-10", "duration", "600")).isEqualTo(422);
    assertThat(report(s, "L99", "played", "0-10", "duration", "600")).as("no such lecture").isEqualTo(404);
    assertThat(flush()).isZero();
  }

  @Test
  void aLaterBatchAddsToWhatIsStoredInsteadOfOverwritingIt() {
    var s = learner();
    // Two batches (two nodes, or two visits): each knows only what its own reports said.
    report(s, video, "played", "0-300", "position", "300", "duration", "600");
    flush();
    report(s, video, "played", "300-560", "position", "560", "duration", "600");
    flush();
    assertThat(outline(s)).contains("✔ đã học");
  }
}
