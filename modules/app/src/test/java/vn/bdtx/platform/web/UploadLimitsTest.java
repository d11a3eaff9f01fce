package vn.bdtx.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;

/**
 * Uploads beyond what the server reads at all become 413 (rendered by the error
 * page in Vietnamese), not 500; anything else passes through unchanged. Through
 * HTTP the server answers before the client has sent everything and closes the
 * connection, so a client may see a reset instead; the mapping is checked here.
 */
class UploadLimitsTest {

  private static Throwable handled(Throwable error) {
    var exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/learn/1/submission"));
    try {
      new UploadLimits().handle(exchange, error).block(Duration.ofSeconds(1));
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  @Test
  void tooManyPartsIsPayloadTooLarge() {
    var e = handled(new DecodingException("Too many parts (201/200 allowed)"));
    assertThat(e).isInstanceOf(ResponseStatusException.class);
    assertThat(((ResponseStatusException) e).getStatusCode().value()).isEqualTo(413);
  }

  @Test
  void aPartBeyondTheDiskLimitIsPayloadTooLarge() {
    var e = handled(new DataBufferLimitException("Part exceeded the disk usage limit of 314572800 bytes"));
    assertThat(((ResponseStatusException) e).getStatusCode().value()).isEqualTo(413);
  }

  @Test
  void otherErrorsPassThrough() {
    var original = new IllegalStateException("boom");
    assertThat(handled(original)).isSameAs(original);
    var decoding = new DecodingException("JSON decoding error");
    assertThat(handled(decoding)).isSameAs(decoding);
  }
}
