package vn.bdtx.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
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
 * Issue 18 item 8: one account has at most 3 uploads in flight on a node
 * (bdtx.web.max-uploads-per-account); the fourth is answered 429 at once with the
 * Vietnamese page to wait for the current uploads to finish, and nothing of it is
 * written; when one of the three ends, the account may upload again. Another
 * account is not held back. Before the fix the fourth was read like the others.
 */
@BdtxIntegrationTest
class UploadsInFlightTest {

  static final String PW = "Mat-khau-2026";
  static final long TEN_MB = 10L << 20;

  @LocalServerPort int port;
  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;

  @Test
  void theFourthUploadOfOneAccountWaitsForTheOthersAndNothingOfItIsWritten() throws Exception {
    var learner = signedIn("hv.uploads.");
    var other = signedIn("hv.other.");
    List<RawUpload> held = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        // Three uploads under way: their heads and 16 KB each (kept in memory), the rest still to come.
        var upload = RawUpload.start(port, "/learn/1/submission", learner, TEN_MB);
        upload.send(16 * 1024);
        held.add(upload);
      }
      Thread.sleep(500);
      try (var watch = TempFolderWatch.watch(); var fourth = RawUpload.start(port, "/learn/1/submission", learner, TEN_MB)) {
        fourth.send(16 * 1024);
        var answer = fourth.answer();
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.body()).contains("Hãy đợi các lần gửi hiện tại xong").contains("Chưa có gì được lưu");
        assertThat(watch.most()).as("upload files written while the fourth was refused").isZero();
        assertThat(meters.counter("bdtx.uploads.refused", "reason", "in_flight").count()).isPositive();
      }
      // Someone else uploads meanwhile as usual (answered by the page, not by the limit).
      assertThat(completeUpload(other)).isNotEqualTo(429);

      // One of the three ends (the phone gave up): the account may upload again.
      held.remove(0).close();
      int status = 429;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (status == 429 && System.nanoTime() < deadline) {
        Thread.sleep(200);
        status = completeUpload(learner);
      }
      assertThat(status).as("an upload after one of the three ended").isNotEqualTo(429);
    } finally {
      for (var upload : held) {
        upload.close();
      }
    }
  }

  private WebSession signedIn(String prefix) {
    String name = prefix + System.nanoTime();
    new TestAccounts(db, encoder).create(name, PW, Role.LEARNER);
    return WebSession.loggedIn(web, name, PW);
  }

  /** A whole small upload (to a class the learner is not in): its status. */
  private int completeUpload(WebSession session) throws Exception {
    long file = 1024;
    long length = RawUpload.preambleLength(session) + file + RawUpload.closingLength();
    try (var upload = RawUpload.start(port, "/learn/1/submission", session, length)) {
      upload.send(file);
      upload.finish();
      return upload.answer().status();
    }
  }
}
