package vn.bdtx.platform.web;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The plain-text answers of the endpoints a page's script calls (saving an answer, a player's progress report):
 * texts from the bundles, in the caller's language as {@link LanguageResolver} chose it, so that a refusal reads
 * the same as the page around it.
 */
@Component
public class PlainTexts {

  private final MessageSource messages;

  PlainTexts(MessageSource messages) {
    this.messages = messages;
  }

  /** The text of {@code key} with its arguments, in the exchange's language. */
  public String of(ServerWebExchange exchange, String key, Object... args) {
    return of(exchange, new DefaultMessageSourceResolvable(new String[] {key}, args));
  }

  /** The text of a key and its arguments chosen elsewhere (a form's refusal), in the exchange's language. */
  public String of(ServerWebExchange exchange, MessageSourceResolvable text) {
    return messages.getMessage(text, locale(exchange));
  }

  private static Locale locale(ServerWebExchange exchange) {
    Locale l = exchange.getLocaleContext().getLocale();
    return l == null ? LanguageResolver.VIETNAMESE : l;
  }
}
