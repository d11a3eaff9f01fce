package vn.bdtx.accounts;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.security.CallerSessions;

/** /account/password: the page everyone with a given password lands on until they choose their own. */
@Controller
class PasswordChangeController {

  private final PasswordChange passwordChange;
  private final CallerSessions sessions;

  PasswordChangeController(PasswordChange passwordChange, CallerSessions sessions) {
    this.passwordChange = passwordChange;
    this.sessions = sessions;
  }

  @GetMapping("/account/password")
  String form(@AuthenticationPrincipal Caller caller, Model model) {
    model.addAttribute("form", new PasswordChangeForm());
    model.addAttribute("forced", caller.mustChangePassword());
    return "accounts/password";
  }

  @PostMapping("/account/password")
  Mono<String> change(@AuthenticationPrincipal Caller caller, @ModelAttribute("form") PasswordChangeForm form,
                      Model model, ServerWebExchange exchange) {
    return passwordChange.change(caller, form).flatMap(outcome -> {
      if (outcome instanceof PasswordChange.Outcome.Changed changed) {
        return sessions.replace(exchange, changed.caller()).thenReturn("redirect:/?passwordChanged");
      }
      var refused = (PasswordChange.Outcome.Refused) outcome;
      model.addAttribute("form", form.blank());
      model.addAttribute("forced", caller.mustChangePassword());
      model.addAttribute("wrongCurrentPassword", refused.wrongCurrentPassword());
      model.addAttribute("rejections", refused.rejections());
      model.addAttribute("contextWord", refused.contextWord());
      exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
      return Mono.just("accounts/password");
    });
  }
}
