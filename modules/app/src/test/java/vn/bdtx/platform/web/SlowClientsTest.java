package vn.bdtx.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.context.TestPropertySource;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.RawUpload;
import vn.bdtx.support.WebSession;

/**
 * Issue 18 item 8, through raw sockets on 127.0.0.1 with the limits shortened (a
 * whole request head within 2 s, a body at least 1 KB every 2 s): a client that
 * trickles its headers or its body a byte at a time, or opens a connection and
 * says nothing, is disconnected within the timeout; a client that sends at an
 * ordinary pace for longer than that is served, also on a kept-alive connection.
 * Before the fix each of these connections stayed open (40 of them for more than 75 s).
 */
@BdtxIntegrationTest
@TestPropertySource(properties = {"bdtx.web.request-head-timeout=2s", "bdtx.web.body-window=2s",
    "bdtx.web.min-body-bytes=1KB"})
class SlowClientsTest {

  /** The timeout, and the margin a busy 2-core machine needs beyond it. */
  static final long CLOSED_WITHIN_MILLIS = 2_000 + 6_000;

  @LocalServerPort int port;
  @Autowired WebTestClient web;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;

  @Test
  void aHeadTrickledAByteEveryFewHundredMillisecondsIsClosed() throws Exception {
    try (var socket = open()) {
      send(socket, "GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      var closed = closedAfter(socket, "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 300);
      assertThat(closed.millis()).as("closed within the head timeout").isLessThan(CLOSED_WITHIN_MILLIS);
      assertThat(closed.answer()).as("no answer to a head that never ended").isEmpty();
      assertThat(meters.counter("bdtx.slow.clients.closed", "phase", "head").count()).isPositive();
    }
  }

  @Test
  void aConnectionThatSaysNothingIsClosed() throws Exception {
    try (var socket = open()) {
      var closed = closedAfter(socket, "", 0);
      assertThat(closed.millis()).isLessThan(CLOSED_WITHIN_MILLIS);
    }
  }

  @Test
  void aBodyTrickledAByteAtATimeIsClosed() throws Exception {
    try (var socket = open()) {
      send(socket, "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n");
      var closed = closedAfter(socket, "username=khong.co.ai&password=" + "x".repeat(100), 300);
      assertThat(closed.millis()).as("closed within a body window or two").isLessThan(CLOSED_WITHIN_MILLIS + 2_000);
      assertThat(closed.sent()).as("the body never completed").isLessThan(1000);
      assertThat(meters.counter("bdtx.slow.clients.closed", "phase", "body").count()).isPositive();
    }
  }

  @Test
  void aClientAtAnOrdinaryPaceIsServedForLongerThanTheWindowAndKeptAlive() throws Exception {
    try (var socket = open()) {
      // 8 KB sent as 1 KB every 500 ms: 4 s, twice the window, at 2 KB/s.
      int length = 8 * 1024;
      var visitor = WebSession.anonymous(web);
      send(socket, "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n"
          + "Cookie: " + WebSession.COOKIE + "=" + visitor.sessionId() + "\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + length + "\r\n\r\n");
      String body = ("_csrf=" + java.net.URLEncoder.encode(visitor.csrf(), StandardCharsets.UTF_8)
          + "&username=khong.co.ai&password=" + "x".repeat(length)).substring(0, length);
      for (int i = 0; i < 8; i++) {
        send(socket, body.substring(i * 1024, (i + 1) * 1024));
        Thread.sleep(500);
      }
      var first = RawUpload.read(socket.getInputStream());
      assertThat(first.status()).as("a wrong password, judged as usual").isEqualTo(302);
      // The same connection, kept alive, serves the next request sent within the timeout.
      Thread.sleep(500);
      send(socket, "GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n\r\n");
      assertThat(RawUpload.read(socket.getInputStream()).status()).isEqualTo(200);
    }
  }

  private record Closed(long millis, long sent, String answer) {
  }

  private Socket open() throws IOException {
    var socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(30_000);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /**
   * Sends {@code trickle} a byte every {@code everyMillis} from another thread and waits until the server closes
   * the connection: how long that took, how many bytes went, and anything the server said.
   */
  private static Closed closedAfter(Socket socket, String trickle, long everyMillis) throws Exception {
    long started = System.nanoTime();
    var sent = new AtomicLong();
    var sender = CompletableFuture.runAsync(() -> {
      try {
        for (byte b : trickle.getBytes(StandardCharsets.US_ASCII)) {
          socket.getOutputStream().write(b);
          socket.getOutputStream().flush();
          sent.incrementAndGet();
          Thread.sleep(everyMillis);
        }
      } catch (IOException | InterruptedException closedByServer) {
        // the server closed the connection
      }
    });
    var answer = new StringBuilder();
    InputStream in = socket.getInputStream();
    try {
      int b;
      while ((b = in.read()) >= 0) {
        answer.append((char) b);
      }
    } catch (java.net.SocketTimeoutException stillOpen) {
      answer.append("[still open after 30 s]");
    } catch (IOException reset) {
      // closed with a reset: closed all the same
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    sender.cancel(true);
    return new Closed(millis, sent.get(), answer.toString());
  }
}
