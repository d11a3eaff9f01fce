package vn.bdtx.accounts;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bdtx.platform.admission.WaitingPage;
import vn.bdtx.platform.security.LoginQueue;
import vn.bdtx.platform.web.PlainTexts;

/**
 * The page a login waits on while the login line is long (platform.security.LoginQueue): the place in line, asked
 * again by the page until the password is checked; the login then ends at /login/wait itself
 * (LoginQueueFilter). Only the browser session that posted the login sees its ticket; any other, or a ticket this
 * node no longer holds, is sent back to the login form.
 */
@Controller
class LoginWaitController {

  private final LoginQueue queue;
  private final PlainTexts texts;

  LoginWaitController(LoginQueue queue, PlainTexts texts) {
    this.queue = queue;
    this.texts = texts;
  }

  @GetMapping("/login/wait")
  Mono<String> page(@RequestParam(name = "t", required = false) String ticket, ServerWebExchange exchange, Model model) {
    return exchange.getSession().map(session -> queue.place(ticket, session.getId())
        .map(p -> new WaitingPage(texts.of(exchange, "accounts.login.wait.title"), texts.of(exchange, "accounts.login.wait.lead"),
            placeText(exchange, p), "/login/wait?t=" + ticket, "/login/wait/status?t=" + ticket, "/login/wait?t=" + ticket,
            p.pollAfter()).view(model))
        .orElse("redirect:/login?lost"));
  }

  @GetMapping("/login/wait/status")
  @ResponseBody
  Mono<ResponseEntity<WaitingPage.Status>> status(@RequestParam(name = "t", required = false) String ticket,
                                                  ServerWebExchange exchange) {
    return exchange.getSession().flatMap(session -> queue.look(ticket, session.getId()))
        .map(p -> ResponseEntity.ok().header("Cache-Control", "no-store").body(new WaitingPage.Status(p.done(), p.place(),
            placeText(exchange, p), 100, "/login/wait?t=" + ticket)))
        .defaultIfEmpty(ResponseEntity.notFound().build());
  }

  private String placeText(ServerWebExchange exchange, LoginQueue.Place p) {
    return p.place() > 0 ? texts.of(exchange, "accounts.login.wait.place", p.place()) : texts.of(exchange, "accounts.login.wait.checking");
  }
}
