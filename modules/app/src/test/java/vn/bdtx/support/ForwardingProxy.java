package vn.bdtx.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * A reverse proxy on 127.0.0.1 in front of the application, doing what nginx does with
 * {@code proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for}: the client's own X-Forwarded-For
 * (forged or not) is passed on with the address the client connected from appended. It reaches the
 * application from 127.0.0.1. (deploy/nginx.conf overwrites the header with $remote_addr instead, which
 * leaves a forger even less; appending is the harder case for the application.)
 */
public final class ForwardingProxy implements AutoCloseable {

  private static final Set<String> NOT_PASSED = Set.of("host", "connection", "content-length", "expect", "upgrade",
      "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "x-forwarded-for");
  private static final Set<String> NOT_RETURNED = Set.of("connection", "content-length", "transfer-encoding",
      "keep-alive", ":status");

  private final HttpServer server;
  private final HttpClient upstream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
  private final String target;

  private ForwardingProxy(int appPort) throws IOException {
    this.target = "http://127.0.0.1:" + appPort;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", this::relay);
    server.start();
  }

  public static ForwardingProxy inFrontOf(int appPort) {
    try {
      return new ForwardingProxy(appPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void relay(HttpExchange exchange) throws IOException {
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      var request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
          .timeout(Duration.ofSeconds(30))
          .method(exchange.getRequestMethod(), body.length == 0
              ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange.getRequestHeaders().forEach((name, values) -> {
        if (!NOT_PASSED.contains(name.toLowerCase(Locale.ROOT))) {
          values.forEach(v -> request.header(name, v));
        }
      });
      String seen = exchange.getRemoteAddress().getAddress().getHostAddress();
      String forged = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
      request.header("X-Forwarded-For", forged == null ? seen : forged + ", " + seen);
      HttpResponse<byte[]> response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      response.headers().map().forEach((name, values) -> {
        if (!NOT_RETURNED.contains(name.toLowerCase(Locale.ROOT))) {
          exchange.getResponseHeaders().put(name, values);
        }
      });
      byte[] out = response.body();
      exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        exchange.getResponseBody().write(out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
