package vn.bdtx.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.AppProcess;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Issue 6, "never lose an answer": a learner answers on an app node that is
 * then killed with SIGKILL in the middle of the attempt. Started again, the
 * node shows every answer it had confirmed, the learner finishes on it, and the
 * attempt is graded with all of them.
 */
@BdtxIntegrationTest
@DirtiesContext
class NodeKilledMidAttemptTest {

  static final String PW = "lop boi duong thuong xuyen";
  private static final Pattern QUESTION = Pattern.compile("data-question=\"([^\"]+)\"");

  @Autowired Environment env;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired Courses courses;
  @Autowired Cohorts cohorts;

  @Test
  void everyAnswerConfirmedBeforeTheKillIsThereAfterTheRestart() throws Exception {
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.kill", PW, Role.LECTURER);
    long learner = accounts.create("gv.kill", PW, Role.LEARNER);
    var by = new Caller(lecturer, "bcv.kill", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, Long.class)).one()
        .block(Duration.ofSeconds(5));
    // The node runs on the real clock: a class that started today is in self-study.
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp nút bị tắt", LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")))
        .block(Duration.ofSeconds(5))).cohortId();
    cohorts.enroll(cohort, learner, "MAIN").block(Duration.ofSeconds(5));
    CourseContent content = courses.latestVersion(course).block(Duration.ofSeconds(5)).content();
    String lecture = content.lectures().get(0).id();
    String base = "/learn/" + cohort;

    try (var node = new AppProcess(env, "node-killed").start()) {
      var s = WebSession.loggedIn(node.client(), "gv.kill", PW);
      s.get(base + "/quizzes/" + lecture);
      String location = String.valueOf(s.postForm(base + "/quizzes/" + lecture + "/attempts", form()).getResponseHeaders().getLocation());
      long attempt = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
      List<String> shown = questions(s.get(base + "/attempts/" + attempt).getResponseBody());
      assertThat(shown).hasSize(5);

      // Three answers confirmed, then the node dies at once.
      for (String id : shown.subList(0, 3)) {
        assertThat(answer(s, base, attempt, content.question(id).orElseThrow()).getStatus().value()).isEqualTo(204);
      }
      node.kill();

      node.start();
      var back = WebSession.loggedIn(node.client(), "gv.kill", PW);
      String page = back.get(base + "/attempts/" + attempt).getResponseBody();
      assertThat(questions(page)).as("the same paper").isEqualTo(shown);
      for (String id : shown.subList(0, 3)) {
        for (int c : right(content.question(id).orElseThrow())) {
          assertThat(page).as("answer to %s after the restart", id).containsPattern("name=\"q-" + id + "\"\\s+value=\"" + c + "\" checked");
        }
      }
      for (String id : shown.subList(3, 5)) {
        assertThat(answer(back, base, attempt, content.question(id).orElseThrow()).getStatus().value()).isEqualTo(204);
      }
      back.postForm(base + "/attempts/" + attempt + "/submit", form());
      String review = HtmlUtils.htmlUnescape(back.get(base + "/attempts/" + attempt).getResponseBody());
      assertThat(review).contains("Điểm: 10,0/10 — Đạt");
    }
  }

  private static List<String> questions(String page) {
    var ids = new ArrayList<String>();
    var m = QUESTION.matcher(page == null ? "" : page);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static int[] right(Question q) {
    return IntStream.range(0, q.choices().size()).filter(i -> q.choices().get(i).weight() > 0).toArray();
  }

  private static org.springframework.test.web.reactive.server.EntityExchangeResult<String> answer(WebSession s, String base,
                                                                                                 long attempt, Question q) {
    var f = form("question", q.id());
    for (int c : right(q)) {
      f.add("choice", String.valueOf(c));
    }
    return s.postForm(base + "/attempts/" + attempt + "/answers", f);
  }
}
