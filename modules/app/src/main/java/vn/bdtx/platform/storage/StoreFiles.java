package vn.bdtx.platform.storage;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import vn.bdtx.domain.text.Downloads;

/**
 * The embedded store's objects under the application's own address, so that a
 * file link opened on a phone of the school's network works: the embedded store
 * listens on loopback at a random port that no other device reaches.
 *
 * <p>A link is the store's presigned URL with its address replaced by
 * {@code /files}: {@code /files/<bucket>/<key>?X-Amz-Signature=...}. The request
 * is relayed to the store with its path and signed query string unchanged, so the
 * store itself checks the signature, the expiry (at most 5 minutes) and the answer
 * headers the link asked for (content type, disposition, cache control): no
 * second secret, and the rules of a file link are the same as with an external
 * store. No session is needed and none is read: the signature is the authority,
 * as it is for a presigned URL (a {@code <video>} element fetches it as it likes).
 *
 * <p>Range and conditional requests are relayed (206, Content-Range, 304: seeking
 * a video works). The body is streamed from the store's connection to the
 * browser's without being held: reactor-netty reads from the store only as fast
 * as the browser's connection takes what was read, and a browser that goes away
 * cancels the read, which closes the connection to the store. HEAD is answered
 * from a one-byte GET (the link is signed for GET, and the store checks the method).
 * A refused signature, an expired link or a missing object is the application's
 * error page (403 or 404) in the person's language, never the store's XML; a store
 * that does not answer, or answers with an error of its own, is the page saying the
 * file cannot be opened right now (503).
 */
@Controller
class StoreFiles {

  static final String PATH = "/files";

  /** Request headers a browser sends that the store must see to answer a range or a revalidation. */
  private static final List<String> REQUEST_HEADERS = List.of(HttpHeaders.RANGE, HttpHeaders.IF_RANGE,
      HttpHeaders.IF_NONE_MATCH, HttpHeaders.IF_MODIFIED_SINCE, HttpHeaders.IF_MATCH, HttpHeaders.IF_UNMODIFIED_SINCE);

  /** The store's answer headers passed on; the rest (its server name, x-amz-*) stay inside. */
  private static final List<String> RESPONSE_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_RANGE,
      HttpHeaders.ACCEPT_RANGES, HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED, HttpHeaders.CACHE_CONTROL,
      HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.CONTENT_ENCODING, HttpHeaders.CONTENT_LANGUAGE, HttpHeaders.EXPIRES);

  /** Where the embedded store listens, and the client that reaches it; no endpoint when objects are not served here. */
  static final class Relay implements AutoCloseable {
    private final String endpoint;
    private final WebClient client;
    private final ConnectionProvider connections;

    Relay(String endpoint) {
      this.endpoint = endpoint;
      if (endpoint == null) {
        this.client = null;
        this.connections = null;
        return;
      }
      // One connection per download in flight (a class watching a video at once), reused while idle on loopback.
      // No read timeout: a paused video stops reading on purpose, and the store's own idle timeout ends what
      // is really abandoned.
      this.connections = ConnectionProvider.builder("embedded-store")
          .maxConnections(1000)
          .pendingAcquireTimeout(Duration.ofSeconds(20))
          .maxIdleTime(Duration.ofSeconds(20))
          .build();
      this.client = WebClient.builder()
          .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)
              .option(io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
              .compress(false)))
          .build();
    }

    @Override
    public void close() {
      if (connections != null) {
        connections.dispose();
      }
    }
  }

  private final ObjectStore store;
  private final Relay relay;

  StoreFiles(ObjectStore store, Relay relay) {
    this.store = store;
    this.relay = relay;
  }

  /** GET and HEAD (WebFlux maps HEAD to a GET mapping). */
  @GetMapping(PATH + "/{bucket}/**")
  Mono<Void> file(@PathVariable String bucket, ServerWebExchange exchange) {
    if (relay.endpoint == null || !store.isBucket(bucket)) {
      return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
    var request = exchange.getRequest();
    String query = request.getURI().getRawQuery();
    if (query == null || !query.contains("X-Amz-Signature=")) {
      return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN, "file link without a signature"));
    }
    boolean head = HttpMethod.HEAD.equals(request.getMethod());
    // The raw path and query, byte for byte as signed: nothing is decoded or encoded again.
    URI target = URI.create(relay.endpoint + request.getURI().getRawPath().substring(PATH.length()) + "?" + query);
    return relay.client.get().uri(target)
        .headers(h -> {
          if (head) {
            h.set(HttpHeaders.RANGE, "bytes=0-0");
          } else {
            REQUEST_HEADERS.forEach(name -> {
              List<String> values = request.getHeaders().get(name);
              if (values != null) {
                h.put(name, values);
              }
            });
          }
        })
        .exchangeToMono(answer -> head ? answerHead(answer, exchange.getResponse()) : relayed(answer, exchange.getResponse()))
        // The store does not answer (stopped, its disk gone): the page says the file cannot be opened right now.
        .onErrorMap(WebClientRequestException.class, e -> new StorageUnavailable(StorageUnavailable.Action.OPEN, e));
  }

  private static Mono<Void> relayed(ClientResponse answer, ServerHttpResponse response) {
    int status = answer.statusCode().value();
    refuseErrors(status);
    response.setStatusCode(answer.statusCode());
    copyHeaders(answer, response);
    if (status == 304 || status == 416) {
      return response.setComplete();
    }
    answer.headers().contentLength().ifPresent(response.getHeaders()::setContentLength);
    // The store answers ranges but does not say so on a whole file; a player that reads it seeks by range.
    if (!response.getHeaders().containsHeader(HttpHeaders.ACCEPT_RANGES)) {
      response.getHeaders().set(HttpHeaders.ACCEPT_RANGES, "bytes");
    }
    return response.writeWith(answer.bodyToFlux(DataBuffer.class));
  }

  /** What a HEAD would have answered, from the store's answer to a GET of the first byte. */
  private static Mono<Void> answerHead(ClientResponse answer, ServerHttpResponse response) {
    int status = answer.statusCode().value();
    if (status != 416) {
      refuseErrors(status);
    }
    response.setStatusCode(HttpStatus.OK);
    copyHeaders(answer, response);
    response.getHeaders().remove(HttpHeaders.CONTENT_RANGE);
    String range = answer.headers().asHttpHeaders().getFirst(HttpHeaders.CONTENT_RANGE);
    long length = range != null && range.lastIndexOf('/') > 0
        ? parseLength(range.substring(range.lastIndexOf('/') + 1))
        : answer.headers().contentLength().orElse(0L);
    response.getHeaders().setContentLength(length);
    response.getHeaders().set(HttpHeaders.ACCEPT_RANGES, "bytes");
    return response.setComplete();
  }

  private static long parseLength(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The store refuses a bad or expired signature with 403 (or 400 for a malformed one). */
  private static void refuseErrors(int status) {
    if (status == 403 || status == 400 || status == 401) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "file link expired or not valid");
    }
    if (status == 404) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    if (status != 200 && status != 206 && status != 304 && status != 416) {
      throw new StorageUnavailable(StorageUnavailable.Action.OPEN,
          new IllegalStateException("object store answered " + status));
    }
  }

  private static void copyHeaders(ClientResponse answer, ServerHttpResponse response) {
    HttpHeaders from = answer.headers().asHttpHeaders();
    RESPONSE_HEADERS.forEach(name -> {
      List<String> values = from.get(name);
      if (values != null) {
        response.getHeaders().put(name, values);
      }
    });
    holdToTheRule(response.getHeaders());
  }

  /**
   * Whatever a link asked the store for, an object is never shown as a page of the site (issue 18 item 9):
   * nosniff always; a type that is not one {@link Downloads} shows inline (PDF, image, video, sound) is an
   * attachment, and an active one (HTML, SVG, XML, script) or none at all is sent as bytes.
   */
  static void holdToTheRule(HttpHeaders headers) {
    headers.set("X-Content-Type-Options", "nosniff");
    String type = headers.getFirst(HttpHeaders.CONTENT_TYPE);
    if (Downloads.showsInline(type)) {
      return;
    }
    if (type == null || Downloads.active(type)) {
      headers.set(HttpHeaders.CONTENT_TYPE, Downloads.OCTET_STREAM);
    }
    String disposition = headers.getFirst(HttpHeaders.CONTENT_DISPOSITION);
    String parameters = disposition == null || disposition.indexOf(';') < 0 ? "" : disposition.substring(disposition.indexOf(';'));
    if (disposition == null || !disposition.strip().toLowerCase(java.util.Locale.ROOT).startsWith("attachment")) {
      headers.set(HttpHeaders.CONTENT_DISPOSITION, "attachment" + parameters);
    }
  }
}
