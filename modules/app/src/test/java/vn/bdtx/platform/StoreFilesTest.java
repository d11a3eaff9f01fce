package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.platform.storage.Bucket;
import vn.bdtx.platform.storage.ObjectStore;
import vn.bdtx.support.BdtxIntegrationTest;

/**
 * Issue 14, item 3: with the embedded store, a file link is a path of the
 * application (whatever address the browser used), relayed to the store with
 * its signature, ranges and answer headers, and refused in Vietnamese when the
 * link has expired or was altered.
 */
@BdtxIntegrationTest
class StoreFilesTest {

  @Autowired ObjectStore store;
  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();

  private URI at(String link) {
    return URI.create("http://127.0.0.1:" + port).resolve(link);
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(14).nextBytes(bytes);
    return bytes;
  }

  @Test
  void aFileLinkIsAPathOfTheApplicationNotTheStoresLoopbackAddress() {
    store.put(Bucket.MEDIA, "links/a.txt", "Bài giảng".getBytes(StandardCharsets.UTF_8), "text/plain").block(Duration.ofSeconds(10));
    String link = store.presignedGet(Bucket.MEDIA, "links/a.txt", Duration.ofMinutes(1)).block(Duration.ofSeconds(10));
    assertThat(link).startsWith("/files/" + store.bucketName(Bucket.MEDIA) + "/links/a.txt?")
        .contains("X-Amz-Signature=", "X-Amz-Expires=60")
        .doesNotContain("127.0.0.1", "://");
  }

  @Test
  void aRangeOfAVideoComesThroughTheApplicationAs206WithTheRightBytesAndTheHeadersTheLinkAskedFor() throws Exception {
    byte[] video = random(3 * 1024 * 1024 + 17);
    store.put(Bucket.MEDIA, "links/video.webm", video, "video/webm").block(Duration.ofSeconds(10));
    String link = store.presignedGet(Bucket.MEDIA, "links/video.webm", Duration.ofMinutes(2), Map.of(
        "response-cache-control", "private, max-age=86400, immutable",
        "response-content-type", "video/webm",
        "response-content-disposition", "inline; filename*=UTF-8''bai-giang%201.webm")).block(Duration.ofSeconds(10));

    var range = http.send(HttpRequest.newBuilder(at(link)).header("Range", "bytes=2000000-2999999").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.body()).isEqualTo(Arrays.copyOfRange(video, 2_000_000, 3_000_000));
    assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 2000000-2999999/" + video.length);
    assertThat(range.headers().firstValue("Content-Length")).hasValue("1000000");
    assertThat(range.headers().firstValue("Content-Type")).hasValue("video/webm");
    assertThat(range.headers().firstValue("Content-Disposition")).hasValue("inline; filename*=UTF-8''bai-giang%201.webm");
    assertThat(range.headers().firstValue("Cache-Control").orElse("")).contains("max-age=86400");
    assertThat(range.headers().firstValue("Set-Cookie")).as("no session is made for a file").isEmpty();
    assertThat(range.headers().firstValue("X-Content-Type-Options")).as("kept at its declared type").hasValue("nosniff");

    var whole = http.send(HttpRequest.newBuilder(at(link)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(video);
    assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");

    var last = http.send(HttpRequest.newBuilder(at(link)).header("Range", "bytes=-10").build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(last.statusCode()).isEqualTo(206);
    assertThat(last.body()).isEqualTo(Arrays.copyOfRange(video, video.length - 10, video.length));
  }

  @Test
  void aHeadRequestAnswersTheLengthAndTypeWithoutTheBody() throws Exception {
    byte[] pdf = random(200_000);
    store.put(Bucket.CERTIFICATES, "links/c.pdf", pdf, "application/pdf").block(Duration.ofSeconds(10));
    String link = store.presignedGet(Bucket.CERTIFICATES, "links/c.pdf", Duration.ofMinutes(1), Map.of(
        "response-content-type", "application/pdf",
        "response-content-disposition", "attachment; filename=\"giay-chung-nhan.pdf\"")).block(Duration.ofSeconds(10));
    var head = http.send(HttpRequest.newBuilder(at(link)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(pdf.length));
    assertThat(head.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(head.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"giay-chung-nhan.pdf\"");
    assertThat(head.headers().firstValue("Content-Range")).isEmpty();
    assertThat(head.body()).isEmpty();
  }

  /** A JPEG (its magic first) whose comment segment is an HTML page with a script: a browser sniffing it would run it. */
  static byte[] jpegHtmlPolyglot() {
    byte[] html = "<html><body><script>document.title='polyglot'</script></body></html>".getBytes(StandardCharsets.US_ASCII);
    var out = new java.io.ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1,
        0, 0});
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) ((html.length + 2) >> 8), (byte) (html.length + 2)});
    out.writeBytes(html);
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
    return out.toByteArray();
  }

  @Test
  void aJpegThatIsAlsoAnHtmlPageIsServedAsAnImageUnderAnImageNameAndNeverSniffed() throws Exception {
    byte[] polyglot = jpegHtmlPolyglot();
    java.nio.file.Path file = java.nio.file.Files.createTempFile("polyglot", ".html");
    java.nio.file.Files.write(file, polyglot);
    String detected = vn.bdtx.platform.storage.FileTypes.detect(file);
    java.nio.file.Files.delete(file);
    assertThat(detected).as("the type is read from the bytes, not the name").isEqualTo("image/jpeg");
    store.put(Bucket.SUBMISSIONS, "links/polyglot", polyglot, detected).block(Duration.ofSeconds(10));
    String link = store.presignedDownload(Bucket.SUBMISSIONS, "links/polyglot", Duration.ofMinutes(1), detected,
        "bài làm.html", "private, no-store").block(Duration.ofSeconds(10));

    var answer = http.send(HttpRequest.newBuilder(at(link)).header("Accept", "text/html,*/*").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(polyglot);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    // Shown as a picture, and saved from the browser as one: never "bài làm.html".
    assertThat(answer.headers().firstValue("Content-Disposition"))
        .hasValue("inline; filename=\"bai-lam.html.jpg\"; filename*=UTF-8''b%C3%A0i%20l%C3%A0m.html.jpg");
  }

  @Test
  void aLinkAskingForHtmlInlineOrForNoTypeIsAnsweredAsAnAttachmentOfBytes() throws Exception {
    byte[] page = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII);
    store.put(Bucket.SUBMISSIONS, "links/page.html", page, "text/html").block(Duration.ofSeconds(10));
    String asked = store.presignedGet(Bucket.SUBMISSIONS, "links/page.html", Duration.ofMinutes(1), Map.of(
        "response-content-type", "text/html; charset=utf-8",
        "response-content-disposition", "inline; filename*=UTF-8''trang.html")).block(Duration.ofSeconds(10));
    var answer = http.send(HttpRequest.newBuilder(at(asked)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(answer.headers().firstValue("Content-Disposition")).hasValue("attachment; filename*=UTF-8''trang.html");
    assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

    // Stored as HTML and linked without any answer header: the store's own type is not believed either.
    String bare = store.presignedGet(Bucket.SUBMISSIONS, "links/page.html", Duration.ofMinutes(1)).block(Duration.ofSeconds(10));
    var plain = http.send(HttpRequest.newBuilder(at(bare)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(plain.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(plain.headers().firstValue("Content-Disposition")).hasValue("attachment");
    var head = http.send(HttpRequest.newBuilder(at(bare)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(head.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(head.headers().firstValue("Content-Disposition")).hasValue("attachment");
  }

  @Test
  void aWordDocumentIsDownloadedUnderItsCleanedNameGivenBothWays() throws Exception {
    store.put(Bucket.SUBMISSIONS, "links/doc", new byte[] {'P', 'K', 3, 4}, vn.bdtx.platform.storage.FileTypes.DOCX).block(Duration.ofSeconds(10));
    String link = store.presignedDownload(Bucket.SUBMISSIONS, "links/doc", Duration.ofMinutes(1), vn.bdtx.platform.storage.FileTypes.DOCX,
        "Kế hoạch\u202Excod.exe", "private, no-store").block(Duration.ofSeconds(10));
    var answer = http.send(HttpRequest.newBuilder(at(link)).build(), HttpResponse.BodyHandlers.discarding());
    assertThat(answer.headers().firstValue("Content-Type")).hasValue(vn.bdtx.platform.storage.FileTypes.DOCX);
    assertThat(answer.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"Ke-hoachxcod.exe\"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1chxcod.exe");
  }

  @Test
  void anExpiredLinkIsRefusedWithAPageInVietnamese() throws Exception {
    store.put(Bucket.SUBMISSIONS, "links/late.pdf", new byte[] {1, 2, 3}, "application/pdf").block(Duration.ofSeconds(10));
    String link = store.presignedGet(Bucket.SUBMISSIONS, "links/late.pdf", Duration.ofSeconds(1)).block(Duration.ofSeconds(10));
    Thread.sleep(2_500);
    var late = http.send(HttpRequest.newBuilder(at(link)).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(late.statusCode()).isEqualTo(403);
    assertThat(HtmlUtils.htmlUnescape(late.body())).contains("Liên kết tải tệp này đã hết hạn hoặc không hợp lệ")
        .doesNotContain("<Error>", "AccessDenied", "SignatureDoesNotMatch");
  }

  @Test
  void aLinkAlteredToReachAnotherFileOrWithoutItsSignatureIsRefused() throws Exception {
    store.put(Bucket.SUBMISSIONS, "links/mine.pdf", new byte[] {1}, "application/pdf").block(Duration.ofSeconds(10));
    store.put(Bucket.SUBMISSIONS, "links/theirs.pdf", new byte[] {2}, "application/pdf").block(Duration.ofSeconds(10));
    String link = store.presignedGet(Bucket.SUBMISSIONS, "links/mine.pdf", Duration.ofMinutes(1)).block(Duration.ofSeconds(10));

    var other = http.send(HttpRequest.newBuilder(at(link.replace("links/mine.pdf", "links/theirs.pdf")))
        .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(HtmlUtils.htmlUnescape(other.body())).contains("Liên kết tải tệp này đã hết hạn hoặc không hợp lệ");

    String tampered = link.replaceAll("X-Amz-Signature=[0-9a-f]{4}", "X-Amz-Signature=0000");
    assertThat(tampered).isNotEqualTo(link);
    assertThat(http.send(HttpRequest.newBuilder(at(tampered)).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
        .isEqualTo(403);

    String unsigned = link.substring(0, link.indexOf('?'));
    assertThat(http.send(HttpRequest.newBuilder(at(unsigned)).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
        .isEqualTo(403);
    assertThat(http.send(HttpRequest.newBuilder(at("/files/another-bucket/x?X-Amz-Signature=00")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
  }

  /**
   * Back-pressure: a phone on a weak connection that has taken 1 MB of a 96 MB
   * video and reads nothing more for a while. The relay reads from the store only
   * as fast as the phone takes the bytes, so the application holds a few buffers,
   * not the video (Netty's allocator, where both connections' buffers come from,
   * is measured; the kernel's socket buffers hold a few MB more). Relaying without
   * back-pressure (onBackpressureBuffer) held 94 MB here and failed this test.
   */
  @Test
  void aSlowReaderDoesNotMakeTheApplicationHoldTheWholeFile() throws Exception {
    byte[] big = random(96 * 1024 * 1024);
    store.put(Bucket.MEDIA, "links/slow.mp4", big, "video/mp4").block(Duration.ofSeconds(60));
    String link = store.presignedGet(Bucket.MEDIA, "links/slow.mp4", Duration.ofMinutes(5)).block(Duration.ofSeconds(10));
    big = null;
    java.util.function.LongSupplier held = StoreFilesTest::nettyMemory;
    long before = held.getAsLong();
    try (var socket = new Socket("127.0.0.1", port)) {
      socket.setReceiveBufferSize(64 * 1024);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + link + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      assertThat(in.readNBytes(1024 * 1024)).hasSize(1024 * 1024);
      long most = 0;
      for (int i = 0; i < 20; i++) {
        Thread.sleep(100);
        most = Math.max(most, held.getAsLong() - before);
      }
      System.out.printf("RELAY slow reader: at most %d KB more held by Netty while 1 MB of 96 MB was read%n", most / 1024);
      assertThat(most).as("bytes the application holds for a paused reader").isLessThan(24L * 1024 * 1024);
    }
  }

  /** What Netty's default allocator holds, direct and heap (both connections' buffers come from it). */
  private static long nettyMemory() {
    var metric = ((io.netty.buffer.ByteBufAllocatorMetricProvider) io.netty.buffer.ByteBufAllocator.DEFAULT).metric();
    return metric.usedDirectMemory() + metric.usedHeapMemory();
  }

  /**
   * Netty with a large body and a client that goes away: phones that leave a video
   * mid-way must not leave the relay stuck. Thirty downloads abandoned after the
   * first 64 KB, then the whole file still comes, promptly and exact.
   */
  @Test
  void browsersThatLeaveALargeDownloadMidWayDoNotStopTheNextOne() throws Exception {
    byte[] big = random(24 * 1024 * 1024);
    store.put(Bucket.MEDIA, "links/big.mp4", big, "video/mp4").block(Duration.ofSeconds(30));
    String link = store.presignedGet(Bucket.MEDIA, "links/big.mp4", Duration.ofMinutes(5)).block(Duration.ofSeconds(10));
    for (int i = 0; i < 30; i++) {
      try (var socket = new Socket("127.0.0.1", port)) {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + link + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] head = in.readNBytes(64 * 1024);
        assertThat(new String(head, 0, 12, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
      }
    }
    long started = System.nanoTime();
    var whole = http.send(HttpRequest.newBuilder(at(link)).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(big);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
  }
}
