package vn.bdtx.platform.security;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * A body without a declared length (chunked) is counted as it is read and stopped
 * at its route's cap ({@link RequestLimits}) with a {@link DataBufferLimitException},
 * answered 413 (platform.web.UploadLimits). Applied to the request before the
 * exchange is made, because the exchange reads its form and multipart data from
 * the request it was made with: a filter's decorated request would not be counted
 * when the CSRF filter reads the multipart body. A declared length is judged
 * earlier and unread ({@link BodyLimits}); the server never reads beyond it.
 */
@Component
class ChunkedBodies implements HttpHandlerDecoratorFactory {

  private final RequestLimits limits;

  ChunkedBodies(RequestLimits limits) {
    this.limits = limits;
  }

  @Override
  public HttpHandler apply(HttpHandler handler) {
    return (request, response) -> handler.handle(
        request.getHeaders().getContentLength() >= 0 ? request : counted(request), response);
  }

  private ServerHttpRequest counted(ServerHttpRequest request) {
    long cap = limits.bodyBytes(request.getPath().pathWithinApplication());
    return new ServerHttpRequestDecorator(request) {
      @Override
      public Flux<DataBuffer> getBody() {
        var read = new AtomicLong();
        return super.getBody().handle((buffer, sink) -> {
          if (read.addAndGet(buffer.readableByteCount()) > cap) {
            DataBufferUtils.release(buffer);
            sink.error(new DataBufferLimitException("a chunked body beyond " + cap + " bytes, the limit of this route"));
          } else {
            sink.next(buffer);
          }
        });
      }
    };
  }
}
