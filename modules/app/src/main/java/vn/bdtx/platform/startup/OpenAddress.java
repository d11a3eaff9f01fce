package vn.bdtx.platform.startup;

import java.net.URI;
import org.springframework.core.env.Environment;

/**
 * The address to open in a browser, as the start-up lines print it: the
 * configured public address ({@code bdtx.public-url}), but when that names this
 * machine (localhost, 127.0.0.1) with the default port, the port the server
 * really listens on ({@code SERVER_PORT=8090} printed "localhost:8080" before).
 */
public final class OpenAddress {

  private OpenAddress() {
  }

  public static String of(Environment env) {
    String configured = env.getProperty("bdtx.public-url", "http://localhost:8080");
    String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
    return of(configured, port);
  }

  static String of(String configured, String port) {
    String trimmed = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    try {
      URI uri = URI.create(trimmed);
      String host = uri.getHost();
      boolean here = "localhost".equals(host) || "127.0.0.1".equals(host);
      if (!here) {
        return trimmed;
      }
      return new URI(uri.getScheme(), null, host, Integer.parseInt(port), uri.getPath(), null, null).toString();
    } catch (RuntimeException | java.net.URISyntaxException e) {
      return trimmed;
    }
  }
}
