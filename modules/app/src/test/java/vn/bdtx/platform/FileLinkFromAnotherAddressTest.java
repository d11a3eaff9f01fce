package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.platform.security.Caller;
import com.microsoft.playwright.Page;
import vn.bdtx.support.AppProcess;
import vn.bdtx.support.Chromium;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Issue 14, done means: "on the two-command start, a file link opened through
 * another address of the machine (not 127.0.0.1) downloads the file". The app
 * runs as its own process, started as the README's run command starts the jar
 * (default settings: the embedded store on loopback at a random port, the web
 * server on every interface); a teacher's phone on the school's network is this
 * machine's non-loopback address. She logs in there, opens a lecture page, follows
 * its video link and gets the file's exact bytes, and seeks in it; in Chromium at
 * that address, the lecture's video loads.
 */
@BdtxIntegrationTest
@DirtiesContext
class FileLinkFromAnotherAddressTest {

  static final String PW = "lop boi duong thuong xuyen";

  @Autowired Environment env;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired Courses courses;
  @Autowired Cohorts cohorts;

  @Test
  void aLectureVideoOpenedThroughTheMachinesNetworkAddressDownloadsTheFile() throws Exception {
    Optional<InetAddress> lan = nonLoopbackAddress();
    Assumptions.assumeTrue(lan.isPresent(), "this machine has no network address other than loopback");
    String host = lan.get().getHostAddress();

    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.lan", PW, Role.LECTURER);
    long learner = accounts.create("gv.lan", PW, Role.LEARNER);
    var by = new Caller(lecturer, "bcv.lan", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, Long.class)).one()
        .block(Duration.ofSeconds(5));
    // The process runs on the real clock: a class that started today is in self-study.
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp trường xa", LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")))
        .block(Duration.ofSeconds(5))).cohortId();
    cohorts.enroll(cohort, learner, "MAIN").block(Duration.ofSeconds(5));
    var lecture = courses.latestVersion(course).block(Duration.ofSeconds(5)).content().lectures().get(0);
    byte[] video = Files.readAllBytes(Path.of("../../content/courses/gv-02-thcs/media/gioi-thieu-mo-dun-2.webm"));

    try (var node = new AppProcess(env, "file-link-lan", true).start()) {
      var phone = WebSession.loggedIn(node.client(host), "gv.lan", PW);
      String page = phone.get("/learn/" + cohort + "/lectures/" + lecture.id()).getResponseBody();
      String mediaLink = "/learn/" + cohort + "/media/" + lecture.media().sha256();
      assertThat(page).contains("<video", mediaLink);

      var redirect = phone.get(mediaLink);
      assertThat(redirect.getStatus().is3xxRedirection()).isTrue();
      String location = String.valueOf(redirect.getResponseHeaders().getLocation());
      assertThat(location).as("the file link is under the address the phone used").startsWith("/files/")
          .doesNotContain("127.0.0.1", "localhost");

      URI file = URI.create(node.baseUrl(host)).resolve(location);
      var http = HttpClient.newHttpClient();
      var whole = http.send(HttpRequest.newBuilder(file).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(whole.statusCode()).isEqualTo(200);
      assertThat(whole.headers().firstValue("Content-Type")).hasValue("video/webm");
      assertThat(whole.body()).as("the file's exact bytes").isEqualTo(video);

      var seek = http.send(HttpRequest.newBuilder(file).header("Range", "bytes=1000-1999").build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(seek.statusCode()).isEqualTo(206);
      assertThat(seek.body()).isEqualTo(Arrays.copyOfRange(video, 1000, 2000));

      // The same in a phone's browser: the lecture's video loads from the address the phone used.
      Path shots = Path.of(System.getProperty("bdtx.test.screenshots", "target/screenshots"), "lan");
      Files.createDirectories(shots);
      try (var chromium = new Chromium()) {
        Page browser = chromium.browser().newContext(chromium.phone()).newPage();
        Chromium.logIn(browser, node.baseUrl(host), "gv.lan", PW);
        browser.waitForURL(node.baseUrl(host) + "/");
        browser.navigate(node.baseUrl(host) + "/learn/" + cohort + "/lectures/" + lecture.id());
        browser.waitForFunction("() => { const v = document.getElementById('lecture-video'); return v && v.readyState >= 1 && v.duration > 0; }",
            null, new Page.WaitForFunctionOptions().setTimeout(30_000));
        browser.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("lecture-at-" + host + ".png")).setFullPage(true));
      }
    }
  }

  static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
    return NetworkInterface.networkInterfaces()
        .filter(n -> {
          try {
            return n.isUp() && !n.isLoopback() && !n.isVirtual();
          } catch (SocketException e) {
            return false;
          }
        })
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
        .findFirst();
  }
}
