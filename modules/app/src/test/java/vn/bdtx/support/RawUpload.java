package vn.bdtx.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A multipart upload written straight to a socket, as a script or a hostile client
 * sends it: the head, then the CSRF token as the first part (as the upload forms send
 * it) and a file part of as many bytes as the test chooses, in a declared length or
 * chunked. The test decides when to send more, to finish, or to read the answer.
 */
public final class RawUpload implements AutoCloseable {

  public static final String BOUNDARY = "----bdtxraw";

  private final Socket socket;
  private final OutputStream out;
  private final boolean chunked;

  /** An HTTP status and the body read up to the end of the page (or of the connection). */
  public record Answer(int status, String body) {
  }

  private RawUpload(Socket socket, boolean chunked) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.chunked = chunked;
  }

  /**
   * Sends the head of a POST to {@code path} with {@code session}'s cookie ({@code declaredLength} &lt; 0: chunked),
   * and the body's start: the token part and the head of a file part.
   */
  public static RawUpload start(int port, String path, WebSession session, long declaredLength) throws IOException {
    var socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(30_000);
    var head = new StringBuilder()
        .append("POST ").append(path).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1:").append(port).append("\r\n")
        .append("Accept: text/html\r\n")
        .append("Cookie: ").append(WebSession.COOKIE).append('=').append(session.sessionId()).append("\r\n")
        .append("Content-Type: multipart/form-data; boundary=").append(BOUNDARY).append("\r\n")
        .append(declaredLength >= 0 ? "Content-Length: " + declaredLength : "Transfer-Encoding: chunked").append("\r\n\r\n");
    var upload = new RawUpload(socket, declaredLength < 0);
    upload.out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    upload.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + session.csrf() + "\r\n"
        + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"bai-lam.pdf\"\r\n"
        + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    upload.out.flush();
    return upload;
  }

  /** The bytes of the multipart body before the file's content, as {@link #start} sends them. */
  public static long preambleLength(WebSession session) {
    return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + session.csrf() + "\r\n"
        + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"bai-lam.pdf\"\r\n"
        + "Content-Type: application/pdf\r\n\r\n").length();
  }

  /** The bytes after the file's content. */
  public static long closingLength() {
    return ("\r\n--" + BOUNDARY + "--\r\n").length();
  }

  /** Sends {@code bytes} more of the file; false if the server has closed the connection meanwhile. */
  public boolean send(long bytes) {
    byte[] block = new byte[64 * 1024];
    Arrays.fill(block, (byte) 'x');
    try {
      for (long sent = 0; sent < bytes; sent += block.length) {
        write(Arrays.copyOf(block, (int) Math.min(block.length, bytes - sent)));
      }
      out.flush();
      return true;
    } catch (IOException closedByServer) {
      return false;
    }
  }

  /** Ends the file and the body. */
  public void finish() throws IOException {
    write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    if (chunked) {
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.flush();
  }

  /** Reads the answer: its status and the page, up to its closing tag (or the connection's end). */
  public Answer answer() throws IOException {
    return read(socket.getInputStream());
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private void write(byte[] data) throws IOException {
    if (chunked) {
      out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(data);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    } else {
      out.write(data);
    }
  }

  /** Reads an HTTP answer from {@code in}: the status and the page up to its closing tag, or all until the end. */
  public static Answer read(InputStream in) throws IOException {
    var buffer = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int status = -1;
    while (true) {
      int n;
      try {
        n = in.read(chunk);
      } catch (IOException reset) {
        break;
      }
      if (n < 0) {
        break;
      }
      buffer.write(chunk, 0, n);
      String text = buffer.toString(StandardCharsets.UTF_8);
      if (status < 0 && text.startsWith("HTTP/1.1 ") && text.length() >= 12) {
        status = Integer.parseInt(text.substring(9, 12));
      }
      if (text.contains("</html>") || (status >= 0 && text.contains("\r\n\r\n") && status / 100 == 3)) {
        break;
      }
    }
    return new Answer(status, buffer.toString(StandardCharsets.UTF_8));
  }
}
