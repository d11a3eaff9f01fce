package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.bdtx.platform.storage.Bucket;
import vn.bdtx.platform.storage.ObjectStore;
import vn.bdtx.support.BdtxIntegrationTest;

/** The S3-compatible store the app talks to: buckets at start-up, presigned URLs, byte ranges. */
@BdtxIntegrationTest
class ObjectStoreTest {

  @Autowired ObjectStore store;
  @org.springframework.boot.test.web.server.LocalServerPort int port;

  @Test
  void everyBucketExistsAfterStartUp() {
    assertThat(store.bucketsExist().block(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void aBrowserFetchesAByteRangeStraightFromTheStoreThroughAPresignedUrl() throws Exception {
    byte[] lecture = "Bài giảng 1: Phương pháp dạy học phát triển phẩm chất, năng lực".getBytes(StandardCharsets.UTF_8);
    store.put(Bucket.MEDIA, "test/lecture-1.txt", lecture, "text/plain; charset=utf-8").block(Duration.ofSeconds(10));

    String url = store.presignedGet(Bucket.MEDIA, "test/lecture-1.txt", Duration.ofMinutes(2)).block(Duration.ofSeconds(10));
    var response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port).resolve(url)).header("Range", "bytes=0-9").build(),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(response.body()).containsExactly(java.util.Arrays.copyOfRange(lecture, 0, 10));
    assertThat(store.size(Bucket.MEDIA, "test/lecture-1.txt").block(Duration.ofSeconds(10))).isEqualTo(lecture.length);
  }

  @Test
  void presignedUrlsNeverLiveLongerThanFiveMinutes() {
    store.put(Bucket.CERTIFICATES, "test/c.pdf", new byte[] {1}, "application/pdf").block(Duration.ofSeconds(10));
    String url = store.presignedGet(Bucket.CERTIFICATES, "test/c.pdf", Duration.ofHours(1)).block(Duration.ofSeconds(10));
    assertThat(url).contains("X-Amz-Expires=300");
  }

  @Test
  void aTamperedPresignedUrlIsRefused() throws Exception {
    store.put(Bucket.SUBMISSIONS, "test/a.pdf", new byte[] {1, 2, 3}, "application/pdf").block(Duration.ofSeconds(10));
    String url = store.presignedGet(Bucket.SUBMISSIONS, "test/a.pdf", Duration.ofMinutes(1)).block(Duration.ofSeconds(10));
    String other = url.replace("test/a.pdf", "test/b.pdf");
    var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port).resolve(other)).build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void aMissingObjectHasNoSize() {
    assertThat(store.size(Bucket.MEDIA, "test/nothing-here").blockOptional(Duration.ofSeconds(10))).isEmpty();
  }
}
