package vn.bdtx.platform.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * Vietnamese first, English on request (DESIGN.md §6). The browser's
 * Accept-Language is deliberately ignored: a teacher's phone set to English still
 * gets the Vietnamese the department's guidance uses. {@code ?lang=en} or
 * {@code ?lang=vi} switches and is remembered in a cookie.
 */
@Component(LanguageResolver.BEAN_NAME)
class LanguageResolver implements LocaleContextResolver {

  /** The name WebFlux looks the resolver up by. */
  static final String BEAN_NAME = "localeContextResolver";
  static final Locale VIETNAMESE = Locale.forLanguageTag("vi");
  static final List<Locale> SUPPORTED = List.of(VIETNAMESE, Locale.ENGLISH);
  static final String PARAM = "lang";
  static final String COOKIE = "bdtx_lang";

  @Override
  public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
    String requested = exchange.getRequest().getQueryParams().getFirst(PARAM);
    Locale fromParam = supported(requested);
    if (fromParam != null) {
      exchange.getResponse().addCookie(ResponseCookie.from(COOKIE, fromParam.getLanguage())
          .path("/").maxAge(Duration.ofDays(365)).sameSite("Lax").httpOnly(true).build());
      return new SimpleLocaleContext(fromParam);
    }
    HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
    Locale fromCookie = cookie == null ? null : supported(cookie.getValue());
    return new SimpleLocaleContext(fromCookie != null ? fromCookie : VIETNAMESE);
  }

  @Override
  public void setLocaleContext(ServerWebExchange exchange, LocaleContext localeContext) {
    throw new UnsupportedOperationException("Switch language with ?lang=vi or ?lang=en");
  }

  private static Locale supported(String tag) {
    if (tag == null) {
      return null;
    }
    return SUPPORTED.stream().filter(l -> l.getLanguage().equals(tag)).findFirst().orElse(null);
  }
}
