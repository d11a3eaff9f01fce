package vn.bdtx.platform.web;

import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bdtx.platform.security.Caller;

/**
 * The persistent menu of every page, provided by a context that knows the roles'
 * work (home): {@link LayoutModel} puts it in the model as {@code menu}. It is
 * asked here, inside the layout's one model method, because a second advice
 * method completing empty (as {@code Mono<Void>} methods do) can end the model's
 * initialisation before the other runs.
 */
public interface PageMenu {

  /** The menu for the logged-in {@code caller}; empty for none. */
  Mono<?> menu(ServerWebExchange exchange, Caller caller);
}
