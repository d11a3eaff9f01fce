package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.support.BdtxIntegrationTest;

/**
 * Issue 18 item 9: every page declares its charset, a client that is not a browser reads errors as Vietnamese
 * JSON, and pages load pictures and media only from the application itself.
 */
@BdtxIntegrationTest
class PageHeadersTest {

  @Autowired WebTestClient web;
  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path, String accept) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void everyPageDeclaresUtf8InItsContentType() throws Exception {
    String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    for (String path : new String[] {"/login", "/verify", "/password/forgot", "/verify/GV02-2026-000001-0000", "/css/khong-co-tep-nay.css"}) {
      var page = get(path, browser);
      String type = page.headers().firstValue("Content-Type").orElse("");
      assertThat(MediaType.parseMediaType(type).isCompatibleWith(MediaType.TEXT_HTML)).as(path + ": " + type).isTrue();
      assertThat(MediaType.parseMediaType(type).getCharset()).as(path + ": " + type).isEqualTo(StandardCharsets.UTF_8);
    }
  }

  @Test
  void aClientThatIsNotABrowserReadsAnErrorAsVietnameseJson() throws Exception {
    for (String accept : new String[] {"application/json", null, "*/*"}) {
      var answer = get("/css/khong-co-tep-nay.css", accept);
      assertThat(answer.statusCode()).as(String.valueOf(accept)).isEqualTo(404);
      assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(String.valueOf(accept)).startsWith("application/json");
      assertThat(answer.body()).as(String.valueOf(accept))
          .contains("\"status\":404", "\"message\":\"Không tìm thấy trang hoặc dữ liệu bạn yêu cầu.\"",
              "\"error\":\"Không thực hiện được yêu cầu\"")
          .doesNotContain("Not Found");
    }
    web.get().uri("/files/nothing/here?X-Amz-Signature=00").accept(MediaType.APPLICATION_JSON).exchange()
        .expectStatus().isNotFound()
        .expectBody().jsonPath("$.message").isEqualTo("Không tìm thấy trang hoặc dữ liệu bạn yêu cầu.");
    // A browser still gets the page.
    assertThat(get("/css/khong-co-tep-nay.css", "text/html").body()).contains("<html", "Không tìm thấy trang");
  }

  @Test
  void pagesLoadPicturesAndMediaOnlyFromTheApplicationItself() throws Exception {
    String csp = get("/login", "text/html").headers().firstValue("Content-Security-Policy").orElse("");
    assertThat(csp).contains("img-src 'self' data: blob:;", "media-src 'self' blob:;", "object-src 'none'");
    assertThat(directive(csp, "img-src")).doesNotContain("http:", "https:", "*");
    assertThat(directive(csp, "media-src")).doesNotContain("http:", "https:", "*");
  }

  private static String directive(String csp, String name) {
    for (String d : csp.split(";")) {
      if (d.strip().startsWith(name + " ")) {
        return d.strip();
      }
    }
    return "";
  }
}
