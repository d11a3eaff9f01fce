package vn.bdtx.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.server.PathContainer;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.RawUpload;
import vn.bdtx.support.TempFolderWatch;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * Issue 18 item 2, for signed-in callers: every body is capped by its route before
 * it is read. A small form (here: creating a course) takes 256 KB, an upload route
 * its own limit; beyond it the answer is 413 with the Vietnamese page that nothing
 * was stored, and not a byte reaches the temp folder. Before the fix a signed-in
 * caller's 5 MB post to a small form was read to disk as multipart parts first.
 */
@BdtxIntegrationTest
class BodyLimitsTest {

  static final String PW = "Mat-khau-2026";
  static final long FIVE_MB = 5L << 20;

  @LocalServerPort int port;
  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired RequestLimits limits;

  WebSession lecturer;

  @BeforeEach
  void signIn() {
    String name = "gv.limits." + System.nanoTime();
    new TestAccounts(db, encoder).create(name, PW, Role.LECTURER);
    lecturer = WebSession.loggedIn(web, name, PW);
  }

  @Test
  void aSignedInFiveMegabytePostToASmallFormIsRefusedUnread() throws Exception {
    try (var watch = TempFolderWatch.watch()) {
      var answer = post("/lecturer/courses", FIVE_MB);
      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.body()).contains("Chưa có gì được lưu");
      assertThat(watch.most()).as("upload files written to the temp folder").isZero();
    }
  }

  @Test
  void aChunkedBodyToASmallFormIsStoppedAtTheCapUnwritten() throws Exception {
    try (var watch = TempFolderWatch.watch()) {
      var answer = post("/lecturer/courses", -1);
      assertThat(answer.status()).isEqualTo(413);
      assertThat(watch.most()).as("upload files written to the temp folder").isZero();
    }
  }

  @Test
  void anUploadRouteRefusesADeclaredLengthBeyondItsOwnLimitUnread() throws Exception {
    try (var watch = TempFolderWatch.watch()) {
      // A submission takes at most 300 MB of files (bdtx.assignments.max-total-size) plus the form.
      var answer = post("/learn/1/submission", 400L << 20);
      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.body()).contains("Chưa có gì được lưu");
      assertThat(watch.most()).as("upload files written to the temp folder").isZero();
    }
  }

  @Test
  void eachUploadRouteHasItsOwnCapAndEveryOtherRouteASmallForm() {
    long mb = 1L << 20;
    assertThat(limits.bodyBytes(PathContainer.parsePath("/learn/7/submission"))).isEqualTo(301 * mb);
    assertThat(limits.bodyBytes(PathContainer.parsePath("/lecturer/courses/3/lectures/9"))).isEqualTo(301 * mb);
    assertThat(limits.bodyBytes(PathContainer.parsePath("/lecturer/courses/3/lectures"))).isEqualTo(301 * mb);
    assertThat(limits.bodyBytes(PathContainer.parsePath("/admin/accounts/import"))).isEqualTo(11 * mb);
    assertThat(limits.bodyBytes(PathContainer.parsePath("/cohorts/4/questions"))).isEqualTo(11 * mb);
    assertThat(limits.bodyBytes(PathContainer.parsePath("/lecturer/courses/3/lectures/9/move"))).isEqualTo(256 * 1024);
    assertThat(limits.bodyBytes(PathContainer.parsePath("/lecturer/courses"))).isEqualTo(256 * 1024);
    assertThat(limits.bodyBytes(PathContainer.parsePath("/account/password"))).isEqualTo(256 * 1024);
  }

  /** Posts a multipart body of {@code FIVE_MB} (declared as {@code declared}, or chunked when negative), streamed. */
  private RawUpload.Answer post(String path, long declared) throws Exception {
    try (var upload = RawUpload.start(port, path, lecturer, declared)) {
      var sender = CompletableFuture.runAsync(() -> {
        if (upload.send(FIVE_MB)) {
          try {
            upload.finish();
          } catch (java.io.IOException closedByServer) {
            // answered before the end
          }
        }
      });
      var answer = upload.answer();
      upload.close();
      sender.handle((v, e) -> null).get(30, TimeUnit.SECONDS);
      return answer;
    }
  }
}
