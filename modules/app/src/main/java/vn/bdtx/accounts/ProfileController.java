package vn.bdtx.accounts;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.accounts.Level;
import vn.bdtx.platform.security.Caller;

/** /account/profile: one's own profile only; the account is always the caller's, never taken from the request. */
@Controller
class ProfileController {

  private final Profiles profiles;

  ProfileController(Profiles profiles) {
    this.profiles = profiles;
  }

  @GetMapping("/account/profile")
  Mono<String> show(@AuthenticationPrincipal Caller caller, Model model) {
    return page(caller, model, null, new ChangeRequestForm(), Map.of());
  }

  @PostMapping("/account/profile")
  Mono<String> update(@AuthenticationPrincipal Caller caller, @ModelAttribute("form") ProfileForm form, Model model,
                      ServerWebExchange exchange) {
    return profiles.update(caller, form).flatMap(problems -> {
      if (problems.isEmpty()) {
        return Mono.just("redirect:/account/profile?saved");
      }
      exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
      return page(caller, model, form, new ChangeRequestForm(), problems);
    });
  }

  @PostMapping("/account/profile/requests")
  Mono<String> request(@AuthenticationPrincipal Caller caller, @ModelAttribute("request") ChangeRequestForm form,
                       Model model, ServerWebExchange exchange) {
    return profiles.request(caller, form).flatMap(problems -> {
      if (problems.isEmpty()) {
        return Mono.just("redirect:/account/profile?requested");
      }
      exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
      return page(caller, model, null, form, problems);
    });
  }

  private Mono<String> page(Caller caller, Model model, ProfileForm form, ChangeRequestForm request,
                            Map<String, String> problems) {
    return profiles.of(caller.accountId()).zipWith(profiles.requestsOf(caller.accountId())).map(t -> {
      var profile = t.getT1();
      var f = form;
      if (f == null) {
        f = new ProfileForm();
        f.setDateOfBirth(profile.dateOfBirth() == null ? "" : vn.bdtx.platform.web.VietnameseFormats.FORMATS.day(profile.dateOfBirth()));
        f.setLevel(profile.level() == null ? "" : profile.level());
        f.setPhone(profile.phone() == null ? "" : profile.phone());
      }
      model.addAttribute("profile", profile);
      model.addAttribute("requests", t.getT2());
      model.addAttribute("form", f);
      model.addAttribute("request", request);
      model.addAttribute("problems", problems);
      model.addAttribute("levels", Level.values());
      return "accounts/profile";
    });
  }
}
