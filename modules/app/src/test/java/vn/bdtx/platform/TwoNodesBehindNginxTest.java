package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static vn.bdtx.support.WebSession.form;

import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
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
import vn.bdtx.support.ExternalStore;
import vn.bdtx.support.SampleFiles;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.Uploads;
import vn.bdtx.support.WebSession;

/**
 * Scale-out as deployed (issue 19 item 6): two app processes sharing PostgreSQL, Redis and one external S3 store
 * (S3Proxy over HTTP, as MinIO), behind Debian's nginx running deploy/nginx.conf as shipped (HTTPS, keepalive,
 * passive health, proxy_next_upstream) with only the addresses changed. Through the load balancer only, a learner
 * hands in the practical assignment and takes a quiz while nginx alternates the nodes (its access log says which
 * node served each request); the node that stored the file is killed (SIGKILL) in the middle of the attempt, and
 * the learner goes on through nginx: every later request is served by the other node, the remaining answers are
 * saved, the submit grades the attempt with every answer once, and the file still downloads (it lives in the
 * shared store, not on the dead node).
 */
@BdtxIntegrationTest
@DirtiesContext
class TwoNodesBehindNginxTest {

  static final String PW = "hai nut sau nginx";
  static final Path NGINX_CONF = Path.of("../../deploy/nginx.conf");
  static final String RUN = HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(4));
  private static final Pattern QUESTION = Pattern.compile("data-question=\"([^\"]+)\"");

  static final ExternalStore STORE = ExternalStore.start();

  @DynamicPropertySource
  static void sharedStore(DynamicPropertyRegistry registry) {
    STORE.register(registry);
  }

  @AfterAll
  static void stopStore() throws Exception {
    STORE.close();
  }

  @Autowired Environment env;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired Courses courses;
  @Autowired Cohorts cohorts;

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void aLearnerFinishesQuizAndSubmissionThroughNginxWhenTheNodeServingThemIsKilled(@TempDir Path dir) throws Exception {
    assumeTrue(nginx() != null, "Debian's nginx is not installed (/usr/sbin/nginx); scripts/test.sh installs nginx-light");
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.lb", PW, Role.LECTURER);
    long learner = accounts.create("gv.lb", PW, Role.LEARNER);
    var by = new Caller(lecturer, "bcv.lb", "BCV", false, Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, Long.class)).one()
        .block(Duration.ofSeconds(5));
    // The nodes run on the real clock: on day 10 of a class both self-study (the quiz) and the submission are open.
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp hai nút sau nginx",
        LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(9)).block(Duration.ofSeconds(5))).cohortId();
    cohorts.enroll(cohort, learner, "MAIN").block(Duration.ofSeconds(5));
    CourseContent content = courses.latestVersion(course).block(Duration.ofSeconds(5)).content();
    String lecture = content.lectures().get(0).id();
    String base = "/learn/" + cohort;

    // Every login waits on the login line's page (as in a storm): its form and its waiting page must reach one node.
    try (var node1 = new AppProcess(env, "lb-node1-" + RUN).with(STORE.nodeArguments()).with("--bdtx.login.wait-page-after=0ms").start();
         var node2 = new AppProcess(env, "lb-node2-" + RUN).with(STORE.nodeArguments()).with("--bdtx.login.wait-page-after=0ms").start();
         var lb = Nginx.start(dir, node1, node2)) {
      Map<String, AppProcess> nodes = Map.of(lb.upstream(node1), node1, lb.upstream(node2), node2);
      WebTestClient client = lb.client();

      // The practical assignment, handed in through the load balancer, after a login that went through the node's
      // waiting line: the form and its waiting page reached the same node (deploy/nginx.conf's bdtx_app_lines, by the
      // session cookie); under round robin the waiting page would reach the other node, which holds no such ticket.
      var s = WebSession.loggedIn(client, "gv.lb", PW);
      assertThat(lb.servedBy("GET /login/wait")).as("the login waited on the line's page").isNotEmpty()
          .allSatisfy(node -> assertThat(node).as("waiting page served by the node that took the form")
              .isEqualTo(lb.lastServedBy("POST /login")));
      s.get(base + "/submission");
      byte[] pdf = SampleFiles.pdf("Bai thu hoach qua can bang tai");
      var sent = Uploads.files(client, s, base + "/submission", Map.of("key", UUID.randomUUID().toString()), "files",
          List.of(Map.entry("bai.pdf", pdf)));
      assertThat(String.valueOf(sent.getResponseHeaders().getLocation())).as("upload through nginx: %s", sent.getStatus())
          .endsWith("?received=1");
      AppProcess stored = nodes.get(lb.lastServedBy("POST " + base + "/submission"));
      AppProcess other = stored == node1 ? node2 : node1;
      assertThat(STORE.puts("-submissions/").values()).as("the file stored once, in the shared store").containsExactly(1);
      // Round robin: of two downloads in a row, one is served by the node that did not store the file.
      for (int i = 0; i < 2; i++) {
        assertThat(download(s, client, base)).isEqualTo(pdf);
      }
      assertThat(lb.servedBy("GET " + base + "/submission/1/files/1")).as("downloads by node").containsOnlyOnce(
          lb.upstream(node1), lb.upstream(node2));

      // The quiz: open it, start, save three answers with the nodes alternating.
      s.get(base + "/quizzes/" + lecture);
      String location = String.valueOf(s.postForm(base + "/quizzes/" + lecture + "/attempts", form()).getResponseHeaders().getLocation());
      long attempt = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
      List<String> shown = questions(s.get(base + "/attempts/" + attempt).getResponseBody());
      assertThat(shown).hasSize(5);
      for (String id : shown.subList(0, 3)) {
        assertThat(answer(s, base, attempt, content.question(id).orElseThrow()).getStatus().value()).isEqualTo(204);
      }
      assertThat(lb.servedBy("POST " + base + "/attempts/" + attempt + "/answers")).as("answer saves by node")
          .contains(lb.upstream(node1), lb.upstream(node2));
      int before = lb.lines().size();

      // The node that stored the file dies in the middle of the attempt; the learner goes on through nginx.
      stored.kill();
      for (String id : shown.subList(3, 5)) {
        assertThat(answer(s, base, attempt, content.question(id).orElseThrow()).getStatus().value())
            .as("answer saved after the kill").isEqualTo(204);
      }
      var submitted = s.postForm(base + "/attempts/" + attempt + "/submit", form());
      assertThat(submitted.getStatus().is3xxRedirection()).as("submit through nginx: %s", submitted.getStatus()).isTrue();
      String review = HtmlUtils.htmlUnescape(s.get(base + "/attempts/" + attempt).getResponseBody());
      assertThat(review).contains("Điểm: 10,0/10 — Đạt");
      assertThat(download(s, client, base)).as("the file, with the node that stored it gone").isEqualTo(pdf);

      List<String> after = lb.lines().subList(before, lb.lines().size());
      assertThat(after).as("requests after the kill").hasSizeGreaterThanOrEqualTo(5)
          .allSatisfy(line -> assertThat(line).as("answered by the living node").endsWith(" " + lb.upstream(other)));

      // In the database: the attempt graded with each of its five answers exactly once.
      assertThat(db.sql("SELECT state || ' ' || score FROM quiz_attempt WHERE id = $1").bind(0, attempt)
          .map((r, m) -> r.get(0, String.class)).one().block(Duration.ofSeconds(5))).startsWith("FINISHED 10");
      List<String> saved = db.sql("SELECT question_id FROM attempt_answer WHERE attempt_id = $1 ORDER BY question_id")
          .bind(0, attempt).map((r, m) -> r.get(0, String.class)).all().collectList().block(Duration.ofSeconds(5));
      assertThat(saved).as("answers saved, one row each").containsExactlyInAnyOrderElementsOf(shown);
    }
  }

  /** The submission's file through the load balancer: its link (303 to the shared store), then the bytes. */
  private static byte[] download(WebSession s, WebTestClient client, String base) throws Exception {
    var link = client.get().uri(base + "/submission/1/files/1").cookie(WebSession.COOKIE, s.sessionId())
        .exchange().expectStatus().isSeeOther().returnResult(Void.class);
    URI presigned = URI.create(String.valueOf(link.getResponseHeaders().getLocation()));
    assertThat(presigned.toString()).as("a link to the shared store").startsWith(STORE.endpoint());
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
        .send(HttpRequest.newBuilder(presigned).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray())
        .body();
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

  private static EntityExchangeResult<String> answer(WebSession s, String base, long attempt, Question q) {
    var f = form("question", q.id());
    for (int c : right(q)) {
      f.add("choice", String.valueOf(c));
    }
    return s.postForm(base + "/attempts/" + attempt + "/answers", f);
  }

  static Path nginx() {
    for (String d : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin").split(File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, "nginx"))) {
        return Path.of(d, "nginx");
      }
    }
    return null;
  }

  /**
   * Debian's nginx on 127.0.0.1 with deploy/nginx.conf as shipped, but for what a machine without Docker needs:
   * the two nodes instead of Docker's "app" (each with the file's own health parameters), free ports, a
   * self-signed certificate, the S3 store instead of "minio", and an access log naming the node of each request.
   */
  static final class Nginx implements AutoCloseable {

    private final Path dir;
    private final int https;
    private final Process process;

    private Nginx(Path dir, int https, Process process) {
      this.dir = dir;
      this.https = https;
      this.process = process;
    }

    static Nginx start(Path dir, AppProcess... nodes) throws Exception {
      String d = dir.toAbsolutePath().toString();
      run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
          "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
          "-keyout", dir.resolve("privkey.pem").toString(), "-out", dir.resolve("fullchain.pem").toString());
      String shipped = Files.readString(NGINX_CONF);
      var server = Pattern.compile("server app:8080 resolve([^;]*);").matcher(shipped);
      assertThat(server.find()).as("deploy/nginx.conf's upstream server line").isTrue();
      var servers = new StringBuilder();
      for (AppProcess node : nodes) {
        servers.append("server 127.0.0.1:").append(URI.create(node.baseUrl()).getPort()).append(server.group(1)).append(";\n  ");
      }
      int https = freePort();
      // Every upstream of the file (round robin, and the waiting lines' one) gets both nodes.
      String conf = server.replaceAll(java.util.regex.Matcher.quoteReplacement(servers.toString().strip()));
      conf = conf.replace("/etc/nginx/tls/", d + "/")
          .replace("resolver 127.0.0.11 valid=10s ipv6=off;", "")
          .replace("listen 80;", "listen 127.0.0.1:" + freePort() + ";")
          .replace("listen 443 ssl;", "listen 127.0.0.1:" + https + " ssl;")
          .replace("listen 9443 ssl;", "listen 127.0.0.1:" + freePort() + " ssl;")
          .replace("proxy_pass http://minio:9000;", "proxy_pass " + STORE.endpoint() + ";");
      Files.writeString(dir.resolve("default.conf"), conf);
      // As root (CI's container), the workers would run as nobody and could not write the temp folders below.
      String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
      Files.writeString(dir.resolve("nginx.conf"), user + """
          pid %1$s/nginx.pid;
          error_log %1$s/error.log;
          events {}
          http {
            log_format node '$request_method $uri $status $upstream_addr';
            access_log %1$s/access.log node;
            client_body_temp_path %1$s/body; proxy_temp_path %1$s/proxy; fastcgi_temp_path %1$s/fastcgi;
            uwsgi_temp_path %1$s/uwsgi; scgi_temp_path %1$s/scgi;
            include %1$s/default.conf;
          }
          """.formatted(d));
      String nginx = nginx().toString();
      run(dir, nginx, "-t", "-p", d, "-c", d + "/nginx.conf");
      Process p = new ProcessBuilder(nginx, "-p", d, "-c", d + "/nginx.conf", "-g", "daemon off;")
          .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
      var lb = new Nginx(dir, https, p);
      try {
        waitForPort(https);
      } catch (AssertionError e) {
        lb.close();
        throw e;
      }
      return lb;
    }

    /** How nginx's access log names a node ($upstream_addr). */
    String upstream(AppProcess node) {
      return "127.0.0.1:" + URI.create(node.baseUrl()).getPort();
    }

    /** A client of the load balancer (HTTPS; the test's certificate is self-signed, so any certificate is taken). */
    WebTestClient client() throws Exception {
      var ssl = SslContextBuilder.forClient().trustManager(new TrustingAny()).build();
      var http = reactor.netty.http.client.HttpClient.create().secure(t -> t.sslContext(ssl))
          .responseTimeout(Duration.ofSeconds(30));
      return WebTestClient.bindToServer(new ReactorClientHttpConnector(http)).baseUrl("https://127.0.0.1:" + https)
          .responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** The access log: "METHOD path status upstream" per request. */
    List<String> lines() throws IOException {
      return Files.readAllLines(dir.resolve("access.log"));
    }

    /** The upstream of each request of this method and path, in order. */
    List<String> servedBy(String methodAndPath) throws IOException {
      return lines().stream().filter(l -> l.startsWith(methodAndPath + " ")).map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList();
    }

    String lastServedBy(String methodAndPath) throws IOException {
      var all = servedBy(methodAndPath);
      assertThat(all).as("requests " + methodAndPath).isNotEmpty();
      return all.get(all.size() - 1);
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }

    private static void run(Path dir, String... command) throws Exception {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    }

    private static int freePort() throws IOException {
      try (var s = new ServerSocket(0)) {
        return s.getLocalPort();
      }
    }

    private static void waitForPort(int port) throws InterruptedException {
      long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < until) {
        try (var s = new Socket("127.0.0.1", port)) {
          return;
        } catch (IOException notYet) {
          Thread.sleep(100);
        }
      }
      throw new AssertionError("nginx did not listen on " + port);
    }
  }

  /** Takes any certificate: the test checks the load balancing, not the chain. */
  private static final class TrustingAny extends X509ExtendedTrustManager {
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
    @Override public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
