package vn.bdtx.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** Issue 18 item 9: even the last-resort answer is Vietnamese JSON for a client that is not a browser. */
class LastResortErrorPageTest {

  private final LastResortErrorPage page = new LastResortErrorPage(messages());

  private static ResourceBundleMessageSource messages() {
    var source = new ResourceBundleMessageSource();
    source.setBasename("messages");
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
    return source;
  }

  private static MockServerWebExchange exchange(String accept) {
    var request = MockServerHttpRequest.get("/learn/1");
    if (accept != null) {
      request.header("Accept", accept);
    }
    var exchange = MockServerWebExchange.builder(request.build()).build();
    return exchange;
  }

  @Test
  void aClientThatIsNotABrowserGetsVietnameseJson() {
    for (String accept : new String[] {null, "application/json", "*/*"}) {
      var exchange = exchange(accept);
      page.handle(exchange, new IllegalStateException("boom")).block(Duration.ofSeconds(5));
      assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(500);
      assertThat(exchange.getResponse().getHeaders().getContentType().toString()).startsWith("application/json");
      String body = exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5));
      assertThat(body).startsWith("{\"status\":500,\"error\":\"Không thực hiện được yêu cầu\",\"message\":\"Hệ thống gặp lỗi")
          .contains("\"path\":\"/learn/1\"", "\"requestId\":").doesNotContain("boom", "Internal Server Error");
    }
  }

  @Test
  void aBrowserGetsThePageInUtf8() {
    var exchange = exchange("text/html,application/xhtml+xml,*/*;q=0.8");
    page.handle(exchange, new IllegalStateException("boom")).block(Duration.ofSeconds(5));
    assertThat(exchange.getResponse().getHeaders().getContentType().getCharset()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5))).contains("<html lang=\"vi\"", "Hệ thống gặp lỗi");
  }

  @Test
  void aServiceConnectionResetUnderTheRequestIsTryAgainNotAFault() {
    // What Lettuce handed on when Redis went away mid-command in the fault drill (modules/loadtest/drills).
    var reset = new java.io.IOException("recvAddress(..) failed with error(-104): Connection reset by peer");
    var exchange = exchange("text/html");
    page.handle(exchange, reset).block(Duration.ofSeconds(5));
    assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
    assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isNotNull();
    assertThat(UnavailableServiceErrors.isUnavailableService(new IllegalStateException("boom"))).isFalse();
  }
}
