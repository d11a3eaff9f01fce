package vn.bdtx.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.learning.LectureProgress;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Sql;
import vn.bdtx.support.WebSession;

/**
 * The QA defect on the demo province (BDTX_DEMO=true): on the same day the same learners are behind on every page.
 * The demo's class 1 is on its day 3 with a third of its learners not started, class 2 on day 7 with half of its
 * learners still studying. One learner of THCS Hòa Bình in class 1 opens a lecture (as the QA tester's tour did),
 * so that the class has learners who started and learners who did not. Then the principal's progress report
 * (/reports), their class overview (/school/classes), the district office's /district and its /reports, and the
 * lecturer's class page all name or count exactly the learners of class 1 who have not started, and no one of
 * class 2 (started, self-study unfinished, deadline a week away: not behind by the one rule, BehindToday).
 */
@BdtxIntegrationTest
@TestPropertySource(properties = "bdtx.demo.enabled=true")
class BehindEverywhereTest {

  static final Duration WAIT = Duration.ofSeconds(60);
  static final String PASSWORD = "demo-bdtx-2026";
  static final String CLASS1 = "GV-02 THCS — lớp demo 1 (đang tự học)";
  static final String CLASS2 = "GV-02 THCS — lớp demo 2 (sinh hoạt chuyên môn)";
  static final String NOT_STARTED = "Chưa bắt đầu học (lớp đã sang ngày 3)";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired ReportRefresher refresher;
  @Autowired Cohorts cohorts;
  @Autowired Courses courses;
  @Autowired LectureProgress progress;

  private static String text(WebSession s, String path) {
    var r = s.get(path);
    assertThat(r.getStatus().value()).as(path).isEqualTo(200);
    return HtmlUtils.htmlUnescape(r.getResponseBody());
  }

  /** The names of class 1's learners who have not started (no lecture, no quiz, nothing handed in), in a unit. */
  private List<String> notStartedIn(String unitCondition) {
    return db.sql("""
            SELECT a.full_name FROM enrollment e JOIN cohort h ON h.id = e.cohort_id JOIN account a ON a.id = e.account_id
            JOIN org_unit s ON s.id = a.school_id
            WHERE h.name = :c AND (%s)
              AND NOT EXISTS (SELECT 1 FROM lecture_progress p WHERE p.enrollment_id = e.id)
              AND NOT EXISTS (SELECT 1 FROM quiz_attempt q WHERE q.enrollment_id = e.id)
              AND NOT EXISTS (SELECT 1 FROM submission x WHERE x.enrollment_id = e.id)
            ORDER BY a.full_name""".formatted(unitCondition))
        .bind("c", CLASS1).map((r, m) -> r.get(0, String.class)).all().collectList().block(WAIT);
  }

  private static final String HOA_BINH = "s.name = 'THCS Hòa Bình'";
  private static final String DONG = "s.parent_id = (SELECT id FROM org_unit WHERE name = 'Phòng GD&ĐT huyện Đông')";

  /** The rows of a table body with their cells' text, tags stripped. */
  private static List<String> rows(String html) {
    var out = new ArrayList<String>();
    Matcher m = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(html);
    while (m.find()) {
      out.add(m.group(0).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim());
    }
    return out;
  }

  private static String between(String page, String from, String to) {
    int a = page.indexOf(from);
    assertThat(a).as(from).isNotNegative();
    int b = to == null ? page.length() : page.indexOf(to, a + from.length());
    return page.substring(a, b < 0 ? page.length() : b);
  }

  @Test
  void theSameLearnersAreBehindOnTheReportsTheSchoolsClassesAndTheDistrict() {
    // One teacher of THCS Hòa Bình in class 1 opens a text lecture: they have started.
    long enrollment = Sql.number(db, """
        SELECT e.id FROM enrollment e JOIN cohort h ON h.id = e.cohort_id JOIN account a ON a.id = e.account_id
        WHERE h.name = $1 AND a.username = 'hv07.demo'""", CLASS1);
    var e = cohorts.enrollmentsById(List.of(enrollment)).blockFirst(WAIT);
    var content = courses.latestVersion(e.courseId()).block(WAIT).content();
    var lecture = content.lectures().stream().filter(l -> l.media() == null || !l.media().video()).findFirst()
        .orElse(content.lectures().get(0));
    boolean video = lecture.media() != null && lecture.media().video();
    progress.report(enrollment, lecture, new LectureProgress.Report(video ? 600 : 0,
        video ? List.of(new double[] {0, 600}) : List.of(), video ? 600 : 0, !video), cohorts.regulation(e).block(WAIT).videoShare());
    progress.flush().block(WAIT);
    refresher.refreshNow().block(WAIT);

    List<String> school = notStartedIn(HOA_BINH);
    List<String> district = notStartedIn(DONG);
    long classSize = Sql.number(db, "SELECT count(*) FROM enrollment e JOIN cohort h ON h.id = e.cohort_id WHERE h.name = $1", CLASS1);
    List<String> wholeClass = notStartedIn("TRUE");
    assertThat(school).as("some of the school's teachers in class 1 started, some did not").isNotEmpty()
        .hasSizeLessThan((int) Sql.number(db, """
            SELECT count(*) FROM enrollment e JOIN cohort h ON h.id = e.cohort_id JOIN account a ON a.id = e.account_id
            JOIN org_unit s ON s.id = a.school_id WHERE h.name = $1 AND s.name = 'THCS Hòa Bình'""", CLASS1));
    assertThat(district).containsAll(school);

    // The principal's progress report: exactly the school's not-started teachers, all in class 1.
    var principal = WebSession.loggedIn(web, "hieutruong.demo", PASSWORD);
    String reports = text(principal, "/reports");
    String list = between(reports, "id=\"behind-list\"", "</table>");
    List<String> listed = rows(between(list, "<tbody>", "</tbody>"));
    assertThat(listed).hasSize(school.size()).allSatisfy(r -> assertThat(r).contains(CLASS1, NOT_STARTED));
    school.forEach(name -> assertThat(listed).anySatisfy(r -> assertThat(r).startsWith(name)));
    assertThat(between(reports, "id=\"behind-today\"", "</tr>").replaceAll("<[^>]+>", " ").trim())
        .endsWith(" " + school.size());

    // Their class overview: the same teachers behind in class 1, for the same reason; no one behind in class 2.
    String classes = text(principal, "/school/classes");
    String first = between(classes, CLASS1, CLASS2);
    assertThat(first).contains("· " + school.size() + " đang chậm");
    List<String> behindRows = rows(first).stream().filter(r -> r.contains(NOT_STARTED)).toList();
    assertThat(behindRows).hasSize(school.size());
    school.forEach(name -> assertThat(behindRows).anySatisfy(r -> assertThat(r).startsWith(name)));
    assertThat(between(classes, CLASS2, "</section>")).contains("· 0 đang chậm").doesNotContain(NOT_STARTED);

    // The district office: class 1 counts the district's not-started learners, class 2 none; its report agrees.
    var office = WebSession.loggedIn(web, "phong.demo", PASSWORD);
    String overview = text(office, "/district");
    assertThat(between(overview, CLASS1, "</li>")).contains("· " + district.size() + " đang chậm");
    assertThat(between(overview, CLASS2, "</li>")).contains("· 0 đang chậm");
    assertThat(text(office, "/reports")).contains(district.size() + " học viên đang chậm tiến độ hôm nay");

    // The lecturer's class page counts the whole class the same way.
    long cohortId = Sql.number(db, "SELECT id FROM cohort WHERE name = $1", CLASS1);
    String cohortPage = text(WebSession.loggedIn(web, "bcv.demo", PASSWORD), "/cohorts/" + cohortId);
    assertThat(cohortPage).contains(classSize + " học viên, " + wholeClass.size() + " đang chậm");
  }
}
