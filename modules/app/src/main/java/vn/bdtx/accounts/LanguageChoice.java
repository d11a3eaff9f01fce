package vn.bdtx.accounts;

import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import vn.bdtx.platform.security.Caller;

/**
 * Remembers the language a signed-in person picks ({@code ?lang=vi} or {@code ?lang=en}, the links in every page's
 * footer) on their account, so that what reaches them outside the app (receipts, reminders, notices, password
 * resets) is in it too. The page itself follows the cookie the language resolver sets; this only keeps the account
 * in step, with one UPDATE when the choice differs from the stored one and none otherwise.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class LanguageChoice implements WebFilter {

  static final Set<String> LANGUAGES = Set.of("vi", "en");

  private final DatabaseClient db;

  LanguageChoice(DatabaseClient db) {
    this.db = db;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String chosen = exchange.getRequest().getQueryParams().getFirst("lang");
    if (chosen == null || !LANGUAGES.contains(chosen)) {
      return chain.filter(exchange);
    }
    return exchange.getPrincipal()
        .flatMap(p -> p instanceof Authentication a && a.getPrincipal() instanceof Caller c
            ? db.sql("UPDATE account SET language = :l WHERE id = :id AND language <> :l")
                .bind("l", chosen).bind("id", c.accountId()).then()
            : Mono.empty())
        .then(chain.filter(exchange));
  }
}
