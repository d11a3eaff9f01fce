package vn.bdtx.platform.web;

import java.util.Locale;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.reactive.result.view.CsrfRequestDataValueProcessor;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.platform.security.Caller;

/**
 * What every page's layout needs. The CSRF token is a lazy Mono that nothing
 * renders unless something subscribes to it (spring-security#6046): resolving it
 * here puts it in every form, {@code th:action} forms get it automatically.
 * Role flags come from here too, because {@code sec:authorize} fails in WebFlux.
 */
@ControllerAdvice
class LayoutModel {

  private final PageMenu menu;
  private final PageNotices notices;

  LayoutModel(org.springframework.beans.factory.ObjectProvider<PageMenu> menu,
              org.springframework.beans.factory.ObjectProvider<PageNotices> notices) {
    this.menu = menu.getIfAvailable(() -> (exchange, caller) -> Mono.empty());
    this.notices = notices.getIfAvailable(() -> caller -> Mono.empty());
  }

  @ModelAttribute
  Mono<Void> layout(ServerWebExchange exchange, Model model, Locale locale) {
    model.addAttribute("lang", locale.getLanguage());
    model.addAttribute("currentPath", exchange.getRequest().getPath().value());
    // Flags like ?saved or ?error are read with query.containsKey('saved'): Thymeleaf's ${param.x} is
    // truthy in WebFlux even when x is absent, which showed every message on every page.
    model.addAttribute("query", exchange.getRequest().getQueryParams());
    Mono<CsrfToken> token = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
    Mono<Void> csrf = token.doOnNext(t -> {
      // The exchange attribute feeds th:action forms; the model attribute feeds hand-written forms.
      exchange.getAttributes().put(CsrfRequestDataValueProcessor.DEFAULT_CSRF_ATTR_NAME, t);
      model.addAttribute(CsrfRequestDataValueProcessor.DEFAULT_CSRF_ATTR_NAME, t);
    }).then();
    Mono<Void> caller = exchange.getPrincipal()
        .filter(p -> p instanceof Authentication a && a.getPrincipal() instanceof Caller)
        .map(p -> (Caller) ((Authentication) p).getPrincipal())
        .doOnNext(c -> {
          model.addAttribute("caller", c);
          model.addAttribute("isItAdmin", c.hasRole(Role.IT_ADMIN));
          // Lazy: a view resolves it before rendering; a ResponseEntity or JSON answer never subscribes, so
          // saving an answer or progress adds no query.
          model.addAttribute("unreadNotices", Mono.defer(() -> notices.unread(c)).defaultIfEmpty(0L));
        })
        .flatMap(c -> menu.menu(exchange, c))
        .doOnNext(m -> model.addAttribute("menu", m))
        .then();
    return csrf.then(caller);
  }
}
