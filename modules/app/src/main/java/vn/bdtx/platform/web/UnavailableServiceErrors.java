package vn.bdtx.platform.web;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.r2dbc.spi.R2dbcTransientException;
import java.net.ConnectException;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.webflux.error.DefaultErrorAttributes;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import vn.bdtx.platform.storage.StorageUnavailable;

/**
 * A request that fails because PostgreSQL, Redis or the store is briefly out of
 * reach answers 503 with "try again in a few minutes" (RELIABILITY.md C1, C2),
 * not a 500 that reads like a bug; nothing the user submitted earlier is affected.
 * When files are what could not be saved (the store down, the disk full) or opened
 * (the store down), the page says so (attribute {@code storage}: "save" or "open").
 */
@Component
class UnavailableServiceErrors extends DefaultErrorAttributes {

  private final MessageSource messages;

  UnavailableServiceErrors(MessageSource messages) {
    this.messages = messages;
  }

  /**
   * Also what a client that is not a browser reads (Spring Boot answers it these attributes as JSON): the
   * "error" and "message" in the person's language — Vietnamese unless English was chosen — where Spring's
   * default says "Not Found" and nothing (issue 18 item 9).
   */
  @Override
  public Map<String, Object> getErrorAttributes(ServerRequest request, ErrorAttributeOptions options) {
    Map<String, Object> attributes = super.getErrorAttributes(request, options);
    Throwable error = getError(request);
    var storage = StorageUnavailable.of(error);
    if (storage.isPresent()) {
      attributes.put("storage", storage.get() == StorageUnavailable.Action.SAVE ? "save" : "open");
    }
    if (storage.isPresent() || isUnavailableService(error)) {
      attributes.put("status", HttpStatus.SERVICE_UNAVAILABLE.value());
    }
    Locale locale = request.exchange().getLocaleContext().getLocale();
    int status = attributes.get("status") instanceof Integer i ? i : 500;
    String path = String.valueOf(attributes.get("path"));
    attributes.put("error", text("platform.error.title", locale));
    attributes.put("message", text(storage.map(a -> a == StorageUnavailable.Action.SAVE ? "platform.error.503.storage.save"
        : "platform.error.503.storage.open").orElse(messageKey(status, path)), locale));
    return attributes;
  }

  /** The message key of an error's explanation, the one the error page shows. */
  static String messageKey(int status, String path) {
    return switch (status) {
      case 400, 405, 406, 415 -> "platform.error.400";
      case 401 -> "platform.error.401";
      case 403 -> path != null && path.startsWith("/files/") ? "platform.error.403.fileLink" : "platform.error.403";
      case 404 -> "platform.error.404";
      case 413 -> "platform.error.413";
      case 429 -> "platform.error.429";
      case 502, 503, 504 -> "platform.error.503";
      default -> "platform.error.500";
    };
  }

  private String text(String key, Locale locale) {
    return messages.getMessage(key, null, key, locale == null ? LanguageResolver.VIETNAMESE : locale);
  }

  static boolean isUnavailableService(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DataAccessResourceFailureException || t instanceof QueryTimeoutException
          || t instanceof TransientDataAccessException || t instanceof R2dbcTransientException
          || t instanceof RedisConnectionException || t instanceof RedisCommandTimeoutException
          || t instanceof ConnectException || t instanceof SessionNotSavedException) {
        return true;
      }
      // A service's connection reset under a request (Redis or PostgreSQL going away mid-command: Netty's
      // NativeIoException on the driver's thread). The browser's own connection never reaches an error page.
      if (t instanceof java.io.IOException && String.valueOf(t.getMessage()).contains("Connection reset by peer")) {
        return true;
      }
      // Lettuce refusing commands while disconnected (DisconnectedBehavior.REJECT_COMMANDS).
      if (t instanceof RedisException && String.valueOf(t.getMessage()).contains("not connected")) {
        return true;
      }
    }
    return false;
  }
}
