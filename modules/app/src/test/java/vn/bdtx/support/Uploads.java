package vn.bdtx.support;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.BodyInserters;

/** Uploads a file through a page's multipart form, with the session and its CSRF token. */
public final class Uploads {

  private Uploads() {
  }

  public static EntityExchangeResult<String> upload(org.springframework.test.web.reactive.server.WebTestClient client,
                                                    WebSession session, String path, String fileName, byte[] content) {
    var parts = new MultipartBodyBuilder();
    parts.part("file", new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return fileName;
      }
    }).contentType(MediaType.APPLICATION_OCTET_STREAM);
    parts.part("_csrf", session.csrf());
    return client.post().uri(path).accept(MediaType.TEXT_HTML)
        .cookie(WebSession.COOKIE, session.sessionId())
        .body(BodyInserters.fromMultipartData(parts.build()))
        .exchange().expectBody(String.class).returnResult();
  }

  /** A multipart form with text fields and one file field, as a browser posts it. */
  public static EntityExchangeResult<String> form(org.springframework.test.web.reactive.server.WebTestClient client,
                                                  WebSession session, String path, java.util.Map<String, String> fields,
                                                  String fileField, String fileName, byte[] content) {
    var parts = new MultipartBodyBuilder();
    fields.forEach(parts::part);
    if (fileName != null && !fileName.isEmpty()) {
      parts.part(fileField, new ByteArrayResource(content) {
        @Override
        public String getFilename() {
          return fileName;
        }
      }).contentType(MediaType.APPLICATION_OCTET_STREAM);
    }
    parts.part("_csrf", session.csrf());
    return client.post().uri(path).accept(MediaType.TEXT_HTML)
        .cookie(WebSession.COOKIE, session.sessionId())
        .body(BodyInserters.fromMultipartData(parts.build()))
        .exchange().expectBody(String.class).returnResult();
  }

  /** A multipart form with text fields and several files in one field (an input with {@code multiple}). */
  public static EntityExchangeResult<String> files(org.springframework.test.web.reactive.server.WebTestClient client,
                                                   WebSession session, String path, java.util.Map<String, String> fields,
                                                   String fileField, java.util.List<java.util.Map.Entry<String, byte[]>> files) {
    var parts = new MultipartBodyBuilder();
    fields.forEach(parts::part);
    for (var f : files) {
      parts.part(fileField, new ByteArrayResource(f.getValue()) {
        @Override
        public String getFilename() {
          return f.getKey();
        }
      }).contentType(MediaType.APPLICATION_OCTET_STREAM);
    }
    parts.part("_csrf", session.csrf());
    return client.post().uri(path).accept(MediaType.TEXT_HTML)
        .cookie(WebSession.COOKIE, session.sessionId())
        .body(BodyInserters.fromMultipartData(parts.build()))
        .exchange().expectBody(String.class).returnResult();
  }
}
