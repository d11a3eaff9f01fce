package vn.bdtx.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP/1.1 connection kept alive across requests, as a browser keeps it: each request goes out on the same
 * socket only after the previous answer has been read, and an answer that does not come within the timeout fails
 * the test (the server kept the previous exchange open, or closed the connection). Follows the session cookie.
 */
public final class KeptAliveConnection implements AutoCloseable {

  /** An answer: status, headers (names in lower case, last value kept), body as text. */
  public record Answer(int status, Map<String, String> headers, String body) {
    public String location() {
      return headers.get("location");
    }
  }

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private String session;
  private String csrf;
  private String previous = "nothing";

  public KeptAliveConnection(int port, int timeoutMillis) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(timeoutMillis);
    in = new java.io.BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  public String sessionId() {
    return session;
  }

  public Answer get(String path) throws IOException {
    return send("GET " + path, null, "text/html");
  }

  /** As a page's script asks: for JSON. */
  public Answer getJson(String path) throws IOException {
    return send("GET " + path, null, "application/json");
  }

  /** Posts a form (values already URL-safe) with the CSRF token of the last page that held one. */
  public Answer post(String path, String form) throws IOException {
    return send("POST " + path, (form.isEmpty() ? "" : form + "&") + "_csrf=" + csrf, "text/html");
  }

  private Answer send(String line, String form, String accept) throws IOException {
    var request = new StringBuilder(line).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: ").append(accept).append("\r\n");
    if (session != null) {
      request.append("Cookie: ").append(WebSession.COOKIE).append('=').append(session).append("\r\n");
    }
    byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
    if (form != null) {
      request.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(body.length).append("\r\n");
    }
    request.append("\r\n");
    out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
    Answer answer;
    try {
      answer = read();
    } catch (java.net.SocketTimeoutException late) {
      throw new java.net.SocketTimeoutException("no answer to " + line + " (after " + previous + ")");
    }
    previous = line + " -> " + answer.status();
    String cookie = answer.headers().get("set-cookie");
    if (cookie != null && cookie.startsWith(WebSession.COOKIE + "=")) {
      session = cookie.substring(WebSession.COOKIE.length() + 1, cookie.indexOf(';'));
    }
    Matcher m = CSRF.matcher(answer.body());
    if (m.find()) {
      csrf = m.group(1);
    }
    return answer;
  }

  private Answer read() throws IOException {
    String status = line();
    if (status == null) {
      throw new IOException("the server closed the connection instead of answering");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h = line(); h != null && !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim();
      // Several Set-Cookie headers: keep the session's.
      if (!name.equals("set-cookie") || value.startsWith(WebSession.COOKIE + "=")) {
        headers.put(name, value);
      }
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      var all = new ByteArrayOutputStream();
      for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
           size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
        all.write(in.readNBytes(size));
        line();
      }
      line();
      body = all.toByteArray();
    } else {
      body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
    }
    return new Answer(Integer.parseInt(status.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    var bytes = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
      }
      if (b != '\r') {
        bytes.write(b);
      }
    }
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
