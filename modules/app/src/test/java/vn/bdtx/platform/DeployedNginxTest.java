package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge of docker-compose.yml (issue 18 item 9): nginx serves HTTPS with the certificate compose mounts from
 * deploy/tls, tells browsers to keep to HTTPS for at least a year (HSTS), answers plain HTTP with a redirect, and
 * still overwrites X-Forwarded-For and drops Forwarded; MinIO is reached over HTTPS too (port 9443), with the Host
 * its presigned links were signed for passed on. The files are read as shipped; where Debian's nginx is
 * installed, deploy/nginx.conf also runs, on free ports with a self-signed certificate and this test as the app.
 */
class DeployedNginxTest {

  static final Path NGINX_CONF = Path.of("../../deploy/nginx.conf");
  static final Path COMPOSE = Path.of("../../docker-compose.yml");

  @Test
  void composeMountsTheCertificateThatNginxServesOn443WithHsts() throws IOException {
    String nginx = Files.readString(NGINX_CONF);
    String compose = Files.readString(COMPOSE);
    assertThat(nginx).contains("listen 443 ssl;", "listen 9443 ssl;", "proxy_pass http://minio:9000;", "ssl_certificate /etc/nginx/tls/fullchain.pem;",
        "ssl_certificate_key /etc/nginx/tls/privkey.pem;", "return 301 https://$host$request_uri;",
        "proxy_set_header X-Forwarded-For $remote_addr;", "proxy_set_header Forwarded \"\";");
    var hsts = Pattern.compile("add_header Strict-Transport-Security \"max-age=(\\d+)[^\"]*\" always;").matcher(nginx);
    assertThat(hsts.find()).as("an HSTS header on every answer").isTrue();
    assertThat(Long.parseLong(hsts.group(1))).as("HSTS max-age in seconds").isGreaterThanOrEqualTo(31_536_000L);
    assertThat(compose).contains("./deploy/tls:/etc/nginx/tls:ro", "\"443:443\"", "\"80:80\"", "\"9443:9443\"",
        "BDTX_STORAGE_PUBLIC_ENDPOINT: ${BDTX_STORAGE_PUBLIC_ENDPOINT:-https://localhost:9443}",
        "./deploy/postgres/10-bdtx-role.sh:/docker-entrypoint-initdb.d/10-bdtx-role.sh:ro", "POSTGRES_USER: postgres",
        "BDTX_DB_USER: bdtx");
  }

  @Test
  void nginxRedirectsHttpAndServesHttpsWithHstsAndTheAddressItSaw(@TempDir Path dir) throws Exception {
    assumeTrue(onPath("nginx") && onPath("openssl"), "Debian's nginx and openssl are not installed");
    run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
        "-keyout", dir.resolve("privkey.pem").toString(), "-out", dir.resolve("fullchain.pem").toString());

    HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    app.createContext("/", exchange -> {
      var h = exchange.getRequestHeaders();
      byte[] body = ("host=" + h.getFirst("Host") + " xff=" + h.getFirst("X-Forwarded-For") + " forwarded=" + h.getFirst("Forwarded") + " proto="
          + h.getFirst("X-Forwarded-Proto")).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    app.start();
    int http = freePort();
    int https = freePort();
    int store = freePort();
    // The shipped file with only what a machine without Docker needs changed: ports, certificate folder, upstream.
    String server = Files.readString(NGINX_CONF)
        .replace("/etc/nginx/tls/", dir.toAbsolutePath() + "/")
        .replaceAll("server app:8080 resolve([^;]*);", "server 127.0.0.1:" + app.getAddress().getPort() + "$1;")
        .replace("listen 80;", "listen 127.0.0.1:" + http + ";")
        .replace("listen 443 ssl;", "listen 127.0.0.1:" + https + " ssl;")
        .replace("listen 9443 ssl;", "listen 127.0.0.1:" + store + " ssl;")
        .replace("proxy_pass http://minio:9000;", "proxy_pass http://127.0.0.1:" + app.getAddress().getPort() + ";");
    Files.writeString(dir.resolve("default.conf"), server);
    String d = dir.toAbsolutePath().toString();
    Files.writeString(dir.resolve("nginx.conf"), """
        pid %1$s/nginx.pid;
        error_log %1$s/error.log;
        events {}
        http {
          access_log off;
          client_body_temp_path %1$s/body; proxy_temp_path %1$s/proxy; fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi; scgi_temp_path %1$s/scgi;
          include %1$s/default.conf;
        }
        """.formatted(d));
    run(dir, "nginx", "-t", "-p", d, "-c", d + "/nginx.conf");

    Process nginx = new ProcessBuilder("nginx", "-p", d, "-c", d + "/nginx.conf", "-g", "daemon off;")
        .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
    try {
      waitForPort(https);
      var client = HttpClient.newBuilder().sslContext(trustingAnyCertificate()).followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5)).build();

      var plain = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/login?next=%2F")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(plain.statusCode()).isEqualTo(301);
      assertThat(plain.headers().firstValue("Location")).hasValue("https://127.0.0.1/login?next=%2F");

      var secure = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + https + "/"))
          .header("X-Forwarded-For", "203.0.113.9").header("Forwarded", "for=198.51.100.7").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(secure.statusCode()).isEqualTo(200);
      assertThat(secure.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
      assertThat(secure.body()).isEqualTo("host=127.0.0.1 xff=127.0.0.1 forwarded=null proto=https");

      var media = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + store + "/t-media/video.mp4?X-Amz-Signature=x"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(media.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
      assertThat(media.body()).as("the host and port the link was signed for").startsWith("host=127.0.0.1:" + store + " ");
    } finally {
      nginx.destroy();
      if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
        nginx.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      app.stop(0);
    }
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", program));
  }

  private static void run(Path dir, String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
  }

  private static int freePort() throws IOException {
    try (var s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void waitForPort(int port) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < until) {
      try (var s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("nginx did not listen on " + port);
  }

  /** The test's certificate is self-signed: this client checks the headers, not the chain. */
  private static SSLContext trustingAnyCertificate() throws Exception {
    var any = new X509ExtendedTrustManager() {
      @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }
      @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }
      @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
      @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
      @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
      @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
      @Override public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    var context = SSLContext.getInstance("TLS");
    context.init(null, new javax.net.ssl.TrustManager[] {any}, null);
    return context;
  }
}
