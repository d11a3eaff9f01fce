package vn.bdtx.platform.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The answer when the session could not be saved after the handler had done its work ({@link SessionSaves}).
 * A state-changing request whose handler succeeded (2xx, or the redirect to its result) did change something:
 * the user gets a Vietnamese page saying it is saved — what, when the handler {@linkplain WhatWasSaved recorded}
 * it — that there is no need to send it again, and a link to the result for when the session works again. Every
 * other case (a page read, a refused form, the login) goes on to the error pages as the outage it is: 503, "try
 * again in a few minutes". Never a bare 500. The session cookie is left as the session manager set it: a new id
 * is already in Redis (Spring Session renames at once), and a new session's cookie merely finds none.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SessionSaveFailurePage implements WebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(SessionSaveFailurePage.class);

  private final MessageSource messages;

  SessionSaveFailurePage(MessageSource messages) {
    this.messages = messages;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    var response = exchange.getResponse();
    if (!(error instanceof SessionNotSavedException) || response.isCommitted()) {
      return Mono.error(error);
    }
    var status = response.getStatusCode();
    String next = response.getHeaders().getFirst(HttpHeaders.LOCATION);
    response.getHeaders().remove(HttpHeaders.LOCATION);
    boolean done = SessionSaves.changesState(exchange) && status != null
        && (status.is2xxSuccessful() || status.is3xxRedirection());
    String reference = exchange.getRequest().getId();
    log.warn("[{}] {} {} answered {} by its handler, but its session was not saved: {}", reference, exchange.getRequest().getMethod(),
        exchange.getRequest().getPath(), status, error.getCause() == null ? error : error.getCause().toString());
    if (!done) {
      return Mono.error(error);
    }

    Locale locale = exchange.getLocaleContext().getLocale() != null ? exchange.getLocaleContext().getLocale()
        : LanguageResolver.VIETNAMESE;
    var paragraphs = new ArrayList<String>();
    paragraphs.add(text("platform.error.saved.done", locale));
    WhatWasSaved.of(exchange).ifPresent(what -> paragraphs.add(
        messages.getMessage("platform.error.saved.what", new Object[] {messages.getMessage(what, locale)}, locale)));
    paragraphs.add(text("platform.error.saved.session", locale));
    String link = sameSite(next) ? next : exchange.getRequest().getPath().value();
    String html = LastResortErrorPage.page(locale, text("platform.error.saved.title", locale), paragraphs,
        messages.getMessage("platform.error.reference", new Object[] {reference}, locale), link, text("platform.error.saved.next", locale));

    response.setStatusCode(HttpStatus.OK);
    response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
    response.getHeaders().setCacheControl("no-store");
    return response.writeWith(Mono.just(response.bufferFactory().wrap(html.getBytes(StandardCharsets.UTF_8))));
  }

  /** Only a path on this site is offered as the link (the handler's own redirect always is). */
  private static boolean sameSite(String location) {
    if (location == null || location.isBlank()) {
      return false;
    }
    try {
      var uri = URI.create(location);
      return uri.getScheme() == null && uri.getHost() == null && location.startsWith("/") && !location.startsWith("//");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private String text(String key, Locale locale) {
    return messages.getMessage(key, null, key, locale);
  }
}
