package vn.bdtx.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.RawUpload;
import vn.bdtx.support.TempFolderWatch;
import vn.bdtx.support.WebSession;

/**
 * Issue 18 item 2, through a raw socket as a hostile client sends it: a multipart
 * body, or any body beyond a small form, from a caller without a signed-in session
 * is answered 413 on a small form's route and 401 elsewhere (the Vietnamese page that
 * nothing was stored) before a byte of it
 * is read — quickly, although the client claims 1 GB or keeps streaming — and
 * nothing appears in the temp folder (spring-multipart-*, bdtx-upload-*). Before the
 * fix the CSRF filter read such a body whole to disk and answered 302.
 */
@BdtxIntegrationTest
class AnonymousBodyTest {

  static final long ONE_GB = 1L << 30;
  static final String BOUNDARY = "----bdtxhostile";

  @LocalServerPort int port;
  @Autowired WebTestClient web;

  @Test
  void aClaimedGigabyteOfMultipartToLoginIsRefusedAtOnceAndNothingIsWritten() throws Exception {
    var session = WebSession.anonymous(web);
    var before = TempFolderWatch.watch();
    long started = System.nanoTime();
    var answer = post("/login", "multipart/form-data; boundary=" + BOUNDARY, ONE_GB, session, 64L << 20);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.body()).contains("Chưa có gì được lưu");
    assertThat(millis).as("refused without waiting for the body").isLessThan(20_000);
    assertNothingWritten(before);
  }

  @Test
  void anAnonymousMultipartToAnUploadRouteIsRefusedUnread() throws Exception {
    var session = WebSession.anonymous(web);
    var before = TempFolderWatch.watch();
    var answer = post("/learn/1/submission", "multipart/form-data; boundary=" + BOUNDARY, ONE_GB, session, 64L << 20);
    // A session that ended before the upload: told to sign in again, and that nothing was stored.
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body()).contains("phiên đăng nhập đã hết").contains("Chưa có gì được lưu");
    assertNothingWritten(before);
  }

  @Test
  void aStreamedChunkedMultipartWithoutLengthIsRefusedToo() throws Exception {
    var session = WebSession.anonymous(web);
    var before = TempFolderWatch.watch();
    // The token in the body, as the upload forms send it: before the fix the CSRF filter read all 200 MB to disk.
    var answer = post("/login", "multipart/form-data; boundary=" + BOUNDARY, -1, session, 200L << 20);
    assertNothingWritten(before);
    assertThat(answer.status()).isEqualTo(413);
  }

  @Test
  void aLargeUrlEncodedBodyToLoginIsRefusedButALoginFormStillWorks() throws Exception {
    var session = WebSession.anonymous(web);
    var answer = post("/login", "application/x-www-form-urlencoded", 100L << 20, session, 8L << 20);
    assertThat(answer.status()).isEqualTo(413);
    // An ordinary login form (a wrong password here) is still judged as before: a redirect to the login page.
    var normal = session.postForm("/login", WebSession.form("username", "khong.co.ai", "password", "sai mat khau"));
    assertThat(normal.getStatus().is3xxRedirection()).isTrue();
  }

  @Test
  void theRouteRulesAreJudgedFromTheHeadersAlone() {
    assertThat(AnonymousBodyGuard.smallFormRoute("/login")).isTrue();
    assertThat(AnonymousBodyGuard.smallFormRoute("/password/forgot")).isTrue();
    assertThat(AnonymousBodyGuard.smallFormRoute("/verify/ABC-123")).isTrue();
    assertThat(AnonymousBodyGuard.smallFormRoute("/learn/1/submission")).isFalse();
  }

  /**
   * Sends the headers, then streams up to {@code streamBytes} of the body from another thread (as a slow
   * client would keep sending) while reading the answer; the connection is closed after the answer.
   */
  private RawUpload.Answer post(String path, String contentType, long claimedLength, WebSession session, long streamBytes)
      throws Exception {
    try (var socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      var head = new StringBuilder()
          .append("POST ").append(path).append(" HTTP/1.1\r\n")
          .append("Host: 127.0.0.1:").append(port).append("\r\n")
          .append("Accept: text/html\r\n")
          .append("Cookie: ").append(WebSession.COOKIE).append('=').append(session.sessionId()).append("\r\n")
          .append("Content-Type: ").append(contentType).append("\r\n");
      if (claimedLength >= 0) {
        // A claimed length: the token in a header, so that only the body's size is judged.
        head.append("Content-Length: ").append(claimedLength).append("\r\n")
            .append("X-CSRF-TOKEN: ").append(session.csrf()).append("\r\n");
      } else {
        head.append("Transfer-Encoding: chunked\r\n");
      }
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      boolean chunked = claimedLength < 0;
      var sender = CompletableFuture.runAsync(() -> stream(out, chunked, streamBytes, session.csrf()));
      var answer = RawUpload.read(socket.getInputStream());
      socket.close();
      sender.handle((v, e) -> null).get(30, TimeUnit.SECONDS);
      return answer;
    }
  }

  private static void stream(OutputStream out, boolean chunked, long bytes, String csrf) {
    byte[] block = new byte[64 * 1024];
    Arrays.fill(block, (byte) 'x');
    byte[] token = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    byte[] start = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    try {
      if (chunked) {
        write(out, true, token);
      }
      write(out, chunked, start);
      for (long sent = 0; sent < bytes; sent += block.length) {
        write(out, chunked, block);
      }
      if (chunked) {
        // A whole body: its closing boundary and the last chunk.
        write(out, true, ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    } catch (IOException closedByServer) {
      // The server answered and closed the connection: the rest is never read.
    }
  }

  private static void write(OutputStream out, boolean chunked, byte[] data) throws IOException {
    if (chunked) {
      out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(data);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    } else {
      out.write(data);
    }
  }

  private static void assertNothingWritten(TempFolderWatch watch) throws Exception {
    assertThat(watch.most()).as("upload files written to the temp folder during the request").isZero();
  }
}
