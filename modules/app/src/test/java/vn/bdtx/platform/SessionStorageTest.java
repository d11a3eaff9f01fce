package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;
import static vn.bdtx.support.WebSession.redirectsTo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.security.SessionValues;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.RedisMonitor;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Issue 19 item 1: the session in Redis is small, in an explicit format, and written only when it changes. Redis's
 * own MONITOR counts what the application sends on this context's session keys while a learner logs in, opens
 * pages and answers a quiz.
 */
@BdtxIntegrationTest
class SessionStorageTest {

  static final String PW = "phien gon nhe";
  private static final Pattern QUESTION = Pattern.compile("data-question=\"([^\"]+)\"");

  @Autowired WebTestClient web;
  @Autowired Environment env;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired Courses courses;
  @Autowired Cohorts cohorts;
  @Autowired ReactiveRedisConnectionFactory redis;
  @Autowired SessionValues values;

  static int n;

  private String keys() {
    return env.getProperty("bdtx.redis.namespace") + ":sessions:sessions:";
  }

  @Test
  void pagesAndAnswersThatChangeNothingInTheSessionWriteNothingToRedisAndTheSessionIsSmall() throws Exception {
    n++;
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.gon" + n, PW, Role.LECTURER);
    String username = "gv.gon" + n;
    long learner = accounts.create(username, PW, Role.LEARNER);
    var by = new Caller(lecturer, "bcv", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, Long.class)).one()
        .block(Duration.ofSeconds(5));
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp phiên gọn " + n,
        LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"))).block(Duration.ofSeconds(5))).cohortId();
    cohorts.enroll(cohort, learner, "MAIN").block(Duration.ofSeconds(5));
    CourseContent content = courses.latestVersion(course).block(Duration.ofSeconds(5)).content();
    String lecture = content.lectures().get(0).id();
    String base = "/learn/" + cohort;

    try (var monitor = new RedisMonitor(env, keys())) {
      var s = WebSession.loggedIn(web, username, PW);
      var login = monitor.drain();
      System.out.println("Session commands of the login page and the login: " + login);
      assertThat(s.get("/").getStatus().value()).isEqualTo(200);
      var firstPage = monitor.drain();
      System.out.println("Session commands of the first page after the login: " + firstPage);
      assertThat(RedisMonitor.writes(firstPage)).as("the first page stores at most the new CSRF token").hasSizeLessThanOrEqualTo(3);

      // A learner's quiz: the quiz page, the start, the paper, five answers, the paper again, home.
      List<Integer> statuses = new ArrayList<>();
      statuses.add(s.get(base + "/quizzes/" + lecture).getStatus().value());
      var start = s.postForm(base + "/quizzes/" + lecture + "/attempts", form());
      String location = String.valueOf(start.getResponseHeaders().getLocation());
      long attempt = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
      var paper = s.get(base + "/attempts/" + attempt);
      statuses.add(paper.getStatus().value());
      List<String> shown = questions(paper.getResponseBody());
      assertThat(shown).hasSize(5);
      for (String id : shown) {
        statuses.add(answer(s, base, attempt, content.question(id).orElseThrow()).getStatus().value());
      }
      statuses.add(s.get(base + "/attempts/" + attempt).getStatus().value());
      statuses.add(s.get("/").getStatus().value());
      assertThat(statuses).containsExactly(200, 200, 204, 204, 204, 204, 204, 200, 200);
      var journey = monitor.drain();
      System.out.println("Session commands of 10 requests (5 pages, a start, 5 answers): " + journey);
      assertThat(RedisMonitor.writes(journey)).as("requests that change nothing in the session write nothing").isEmpty();
      assertThat(journey).as("one read per request").hasSize(10)
          .allMatch(c -> c.startsWith("HGETALL "));

      // The stored session: its size in this format, and what Java serialisation made of the same values.
      Map<String, byte[]> stored = hash(keys() + s.sessionId());
      long compact = stored.entrySet().stream().mapToLong(e -> e.getKey().length() + e.getValue().length).sum();
      var jdk = new JdkSerializationRedisSerializer();
      long before = stored.entrySet().stream()
          .mapToLong(e -> e.getKey().length() + jdk.serialize(values.deserialize(e.getValue())).length).sum();
      System.out.printf("Stored session: %d bytes in %d fields (Java serialisation of the same values: %d bytes)%n",
          compact, stored.size(), before);
      assertThat(stored.keySet()).contains("sessionAttr:SPRING_SECURITY_CONTEXT", "sessionAttr:csrf", "lastAccessedTime", "creationTime",
          "maxInactiveInterval");
      assertThat(compact).as("bytes of the stored session").isLessThan(300);
      assertThat(before).as("the old format, for the record").isGreaterThan(4 * compact);
    }
  }

  @Test
  void aSessionStoredInJavaSerialisationBeforeTheUpgradeEndsInTheLoginPageNotAnError() throws Exception {
    n++;
    new TestAccounts(db, encoder).create("gv.cu" + n, PW, Role.LEARNER);
    var s = WebSession.loggedIn(web, "gv.cu" + n, PW);
    assertThat(s.get("/").getStatus().value()).isEqualTo(200);
    String key = keys() + s.sessionId();

    // As the previous version stored it: every value of the hash in Java serialisation.
    var jdk = new JdkSerializationRedisSerializer();
    Map<ByteBuffer, ByteBuffer> old = new LinkedHashMap<>();
    hash(key).forEach((field, value) -> old.put(ByteBuffer.wrap(field.getBytes(StandardCharsets.UTF_8)),
        ByteBuffer.wrap(jdk.serialize(values.deserialize(value)))));
    var connection = redis.getReactiveConnection();
    try {
      connection.hashCommands().hMSet(ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)), old).block(Duration.ofSeconds(5));
    } finally {
      connection.close();
    }

    var home = s.get("/");
    assertThat(redirectsTo(home, "/login")).as("the old session is treated as logged out: %s", home.getStatus()).isTrue();
    var login = s.get("/login");
    assertThat(login.getStatus().value()).isEqualTo(200);
    assertThat(login.getResponseBody()).contains("Đăng nhập").doesNotContain("Exception");
    assertThat(hash(key)).as("the unreadable session is deleted").isEmpty();
    // And the person logs in again as usual.
    var again = s.postForm("/login", form("username", "gv.cu" + n, "password", PW));
    assertThat(redirectsTo(again, "/")).isTrue();
    assertThat(s.get("/").getStatus().value()).isEqualTo(200);
  }

  private Map<String, byte[]> hash(String key) {
    var connection = redis.getReactiveConnection();
    try {
      Map<String, byte[]> out = new LinkedHashMap<>();
      connection.hashCommands().hGetAll(ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)))
          .doOnNext(e -> out.put(StandardCharsets.UTF_8.decode(e.getKey()).toString(), bytes(e.getValue())))
          .then().block(Duration.ofSeconds(5));
      return out;
    } finally {
      connection.close();
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] b = new byte[buffer.remaining()];
    buffer.get(b);
    return b;
  }

  private static List<String> questions(String page) {
    var ids = new ArrayList<String>();
    var m = QUESTION.matcher(page == null ? "" : page);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static EntityExchangeResult<String> answer(WebSession s, String base, long attempt, Question q) {
    var f = form("question", q.id());
    IntStream.range(0, q.choices().size()).filter(i -> q.choices().get(i).weight() > 0).forEach(c -> f.add("choice", String.valueOf(c)));
    return s.postForm(base + "/attempts/" + attempt + "/answers", f);
  }
}
