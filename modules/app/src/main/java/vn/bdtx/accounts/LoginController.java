package vn.bdtx.accounts;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bdtx.platform.security.LastUsername;

/** The login page; the check itself is Spring Security's form login. After a failed login it shows the name again. */
@Controller
class LoginController {

  @GetMapping("/login")
  Mono<String> login(ServerWebExchange exchange, Model model) {
    return LastUsername.of(exchange).map(name -> {
      model.addAttribute("lastUsername", name);
      return "accounts/login";
    });
  }
}
