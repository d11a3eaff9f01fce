package vn.bdtx.accounts;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** /password/forgot and /password/reset: open to everyone, the answers reveal nothing about accounts. */
@Controller
class PasswordResetController {

  private final PasswordResets resets;

  PasswordResetController(PasswordResets resets) {
    this.resets = resets;
  }

  /** The forgot form's only field. */
  public static class ForgotForm {
    private String email = "";

    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email == null ? "" : email; }
  }

  /** The reset form's fields. */
  public static class ResetForm {
    private String token = "";
    private String newPassword = "";
    private String confirmPassword = "";

    public String getToken() { return token; }
    public void setToken(String token) { this.token = token == null ? "" : token; }
    public String getNewPassword() { return newPassword; }
    public void setNewPassword(String v) { this.newPassword = v == null ? "" : v; }
    public String getConfirmPassword() { return confirmPassword; }
    public void setConfirmPassword(String v) { this.confirmPassword = v == null ? "" : v; }
  }

  @GetMapping("/password/forgot")
  String forgot() {
    return "accounts/forgot";
  }

  @PostMapping("/password/forgot")
  Mono<String> sendLink(@ModelAttribute ForgotForm form, ServerWebExchange exchange) {
    return resets.request(form.getEmail(), exchange).thenReturn("redirect:/password/forgot?sent");
  }

  @GetMapping("/password/reset")
  Mono<String> resetForm(@RequestParam(name = "token", required = false) String token, Model model,
                         ServerWebExchange exchange) {
    return resets.usable(token).map(ok -> {
      model.addAttribute("token", ok ? token : "");
      model.addAttribute("usable", ok);
      if (!ok) {
        exchange.getResponse().setStatusCode(HttpStatus.GONE);
      }
      return "accounts/reset";
    });
  }

  @PostMapping("/password/reset")
  Mono<String> reset(@ModelAttribute ResetForm form, Model model, ServerWebExchange exchange) {
    return resets.complete(form.getToken(), form.getNewPassword(), form.getConfirmPassword()).map(outcome -> {
      if (outcome.linkUsable() && outcome.rejections().isEmpty()) {
        return "redirect:/login?reset";
      }
      exchange.getResponse().setStatusCode(outcome.linkUsable() ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.GONE);
      model.addAttribute("token", outcome.linkUsable() ? form.getToken() : "");
      model.addAttribute("usable", outcome.linkUsable());
      model.addAttribute("rejections", outcome.rejections());
      model.addAttribute("contextWord", outcome.contextWord());
      return "accounts/reset";
    });
  }
}
