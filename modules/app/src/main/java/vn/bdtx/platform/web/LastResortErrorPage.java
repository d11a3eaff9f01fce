package vn.bdtx.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;
import vn.bdtx.platform.storage.StorageUnavailable;

/**
 * When even the error page cannot be rendered (the template view needs the
 * session, and the session lives in Redis), answer with a small static page in
 * the caller's language: still a clear message and a reference, never a bare
 * 500 or a stack trace; a client that is not a browser gets the same in JSON.
 * Runs last, after Spring Boot's error handler (order -1).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class LastResortErrorPage implements WebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(LastResortErrorPage.class);
  private final MessageSource messages;

  LastResortErrorPage(MessageSource messages) {
    this.messages = messages;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    var response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.error(error);
    }
    var storage = StorageUnavailable.of(error);
    boolean unavailable = storage.isPresent() || UnavailableServiceErrors.isUnavailableService(error);
    HttpStatus status = unavailable ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR;
    String reference = exchange.getRequest().getId();
    log.warn("[{}] {} for {} {} (error page fallback): {}", reference, status.value(),
        exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error.toString());

    Locale locale = exchange.getLocaleContext().getLocale() != null ? exchange.getLocaleContext().getLocale()
        : LanguageResolver.VIETNAMESE;
    String title = text("platform.error.title", locale);
    String body = text(storage.map(a -> a == StorageUnavailable.Action.SAVE ? "platform.error.503.storage.save" : "platform.error.503.storage.open")
        .orElse(unavailable ? "platform.error.503" : "platform.error.500"), locale);
    String ref = messages.getMessage("platform.error.reference", new Object[] {reference}, locale);
    String html = page(locale, title, java.util.List.of(body), ref, null, null);

    response.setStatusCode(status);
    if (unavailable) {
      response.getHeaders().set("Retry-After", "30");
    }
    if (!wantsHtml(exchange)) {
      // A client that is not a browser gets what Spring Boot's handler would have said, in Vietnamese.
      String json = "{\"status\":" + status.value() + ",\"error\":" + JsonText.quoted(title) + ",\"message\":"
          + JsonText.quoted(body) + ",\"path\":" + JsonText.quoted(exchange.getRequest().getPath().value())
          + ",\"requestId\":" + JsonText.quoted(reference) + "}";
      response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
      return response.writeWith(Mono.just(response.bufferFactory().wrap(json.getBytes(StandardCharsets.UTF_8))));
    }
    response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
    var buffer = response.bufferFactory().wrap(html.getBytes(StandardCharsets.UTF_8));
    return response.writeWith(Mono.just(buffer));
  }

  /** A small page that needs no template nor session: a title, paragraphs, a reference and an optional link. */
  static String page(Locale locale, String title, java.util.List<String> paragraphs, String reference, String link,
                     String linkText) {
    var html = new StringBuilder("<!DOCTYPE html><html lang=\"").append(locale.getLanguage())
        .append("\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").append(escape(title))
        .append("</title></head><body style=\"font-family:system-ui,sans-serif;max-width:30rem;margin:2rem auto;padding:0 1rem\">")
        .append("<h1>").append(escape(title)).append("</h1>");
    for (String p : paragraphs) {
      html.append("<p>").append(escape(p)).append("</p>");
    }
    if (link != null) {
      html.append("<p><a href=\"").append(escape(link)).append("\">").append(escape(linkText)).append("</a></p>");
    }
    return html.append("<p><small>").append(escape(reference)).append("</small></p></body></html>").toString();
  }

  /**
   * Whether the caller asked for HTML by name (a browser's Accept), as Spring Boot's error handler decides: a
   * client that sends no Accept, only JSON or only {@code *}{@code /*} gets JSON.
   */
  static boolean wantsHtml(ServerWebExchange exchange) {
    try {
      return exchange.getRequest().getHeaders().getAccept().stream()
          .anyMatch(type -> !type.isWildcardType() && type.isCompatibleWith(MediaType.TEXT_HTML));
    } catch (org.springframework.http.InvalidMediaTypeException e) {
      return false;
    }
  }

  /** A JSON string literal. */
  static final class JsonText {
    private JsonText() {
    }

    static String quoted(String s) {
      var sb = new StringBuilder("\"");
      for (char c : (s == null ? "" : s).toCharArray()) {
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          default -> {
            if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
              sb.append(String.format("\\u%04x", (int) c));
            } else {
              sb.append(c);
            }
          }
        }
      }
      return sb.append('"').toString();
    }
  }

  /** Escapes only what HTML needs, leaving Vietnamese letters as they are. */
  private static String escape(String s) {
    return HtmlUtils.htmlEscape(s, StandardCharsets.UTF_8.name());
  }

  private String text(String key, Locale locale) {
    return messages.getMessage(key, null, key, locale);
  }
}
