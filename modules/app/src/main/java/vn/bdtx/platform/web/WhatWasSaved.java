package vn.bdtx.platform.web;

import java.util.Optional;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.web.server.ServerWebExchange;

/**
 * What a state-changing request stored, in the user's words, kept on the exchange by its handler: if the session
 * cannot be saved at the end of the request, the page shown instead of the usual result names it, so that nobody
 * sends again what is already stored (issue 18 item 5).
 */
public final class WhatWasSaved {

  private static final String ATTRIBUTE = WhatWasSaved.class.getName();

  private WhatWasSaved() {
  }

  /** Records what was stored: a message key and its arguments (the key's text reads after "Đã lưu: "). */
  public static void record(ServerWebExchange exchange, String messageKey, Object... args) {
    exchange.getAttributes().put(ATTRIBUTE, new DefaultMessageSourceResolvable(new String[] {messageKey}, args));
  }

  static Optional<MessageSourceResolvable> of(ServerWebExchange exchange) {
    return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
  }
}
