package vn.bdtx.platform.web;

import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * An upload beyond what the server reads at all — more parts than any form has
 * (40 photos chosen at once), or a part beyond the largest upload — is the
 * sender's to fix, not a server error: 413 with the Vietnamese page that says the
 * upload was too large or held too many files, and that nothing was stored.
 * Checked before Spring Boot's error page, which then renders it.
 */
@Component
@Order(-3)
class UploadLimits implements WebExceptionHandler {

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DataBufferLimitException
          || (t instanceof DecodingException && String.valueOf(t.getMessage()).startsWith("Too many parts"))) {
        return Mono.error(new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, t.getMessage(), t));
      }
    }
    return Mono.error(error);
  }
}
