package vn.bdtx.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.support.BdtxIntegrationTest;

/**
 * A file link of the embedded store (a path of the application, {@code /files/...},
 * which the application relays to the store) opened after the store stopped, as a
 * video element fetching a link it was given earlier: the Vietnamese page saying the
 * file cannot be opened right now (503), not a bare error; and a new link is not
 * handed out while the store does not answer.
 */
@BdtxIntegrationTest
@DirtiesContext
class EmbeddedStoreStoppedTest {

  @Autowired ObjectStore store;
  @Autowired StorageConfiguration.EmbeddedObjectStoreHolder embedded;
  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<byte[]> open(String link) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port).resolve(link))
        .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aLinkHandedOutBeforeTheStoreStoppedSaysTheFileCannotBeOpenedRightNow() throws Exception {
    byte[] pdf = "%PDF-1.4 phiếu học tập".getBytes(StandardCharsets.UTF_8);
    store.put(Bucket.MEDIA, "test/phieu.pdf", pdf, "application/pdf").block(Duration.ofSeconds(10));
    String link = store.presignedGet(Bucket.MEDIA, "test/phieu.pdf", Duration.ofMinutes(5)).block(Duration.ofSeconds(10));
    assertThat(link).startsWith(StoreFiles.PATH + "/");
    var live = open(link);
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.body()).isEqualTo(pdf);

    embedded.store().close();

    var dead = open(link);
    assertThat(dead.statusCode()).isEqualTo(503);
    assertThat(HtmlUtils.htmlUnescape(new String(dead.body(), StandardCharsets.UTF_8))).contains("Hiện không mở được tệp", "Tệp vẫn được giữ nguyên",
        "Mã tham chiếu");
    Thread.sleep(5_500);
    assertThat(store.presignedGet(Bucket.MEDIA, "test/phieu.pdf", Duration.ofMinutes(5)).onErrorResume(StorageUnavailable.class,
        e -> reactor.core.publisher.Mono.just("refused")).block(Duration.ofSeconds(10))).isEqualTo("refused");
  }
}
