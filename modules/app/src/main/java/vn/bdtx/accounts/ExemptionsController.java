package vn.bdtx.accounts;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.accounts.ExemptionKind;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.NotFound;

/**
 * /school/people: a principal's school with this year's exemptions;
 * /exemptions/{accountId}: set or clear one person's (IT admin: anyone; principal: their school).
 */
@Controller
class ExemptionsController {

  private final Exemptions exemptions;
  private final Profiles profiles;

  ExemptionsController(Exemptions exemptions, Profiles profiles) {
    this.exemptions = exemptions;
    this.profiles = profiles;
  }

  @GetMapping("/school/people")
  Mono<String> school(@AuthenticationPrincipal Caller caller, Model model) {
    return exemptions.schoolOf(caller).map(people -> {
      model.addAttribute("people", people);
      model.addAttribute("year", exemptions.currentYear().toString());
      return "accounts/school";
    });
  }

  @GetMapping("/exemptions/{accountId}")
  Mono<String> form(@AuthenticationPrincipal Caller caller, @PathVariable long accountId, Model model) {
    return NotFound.orNotFound(exemptions.inReach(caller, accountId))
        .flatMap(id -> page(accountId, model, new Exemptions.Form(), Map.of()));
  }

  @PostMapping("/exemptions/{accountId}")
  Mono<String> set(@AuthenticationPrincipal Caller caller, @PathVariable long accountId,
                   @ModelAttribute("form") Exemptions.Form form, Model model, ServerWebExchange exchange) {
    return NotFound.orNotFound(exemptions.set(caller, accountId, form)).flatMap(problems -> {
      if (problems.isEmpty()) {
        return Mono.just("redirect:/exemptions/" + accountId + "?saved");
      }
      exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
      return page(accountId, model, form, problems);
    });
  }

  @PostMapping("/exemptions/{accountId}/clear")
  Mono<String> clear(@AuthenticationPrincipal Caller caller, @PathVariable long accountId,
                     @RequestParam(name = "schoolYear", defaultValue = "") String schoolYear) {
    return NotFound.orNotFound(exemptions.clear(caller, accountId, schoolYear))
        .map(cleared -> "redirect:/exemptions/" + accountId + (cleared ? "?cleared" : ""));
  }

  private Mono<String> page(long accountId, Model model, Exemptions.Form form, Map<String, String> problems) {
    return profiles.of(accountId).zipWith(exemptions.of(accountId)).map(t -> {
      if (form.getSchoolYear().isEmpty()) {
        form.setSchoolYear(exemptions.currentYear().toString());
      }
      model.addAttribute("person", t.getT1());
      model.addAttribute("year", exemptions.currentYear().toString());
      model.addAttribute("exemptions", t.getT2());
      model.addAttribute("form", form);
      model.addAttribute("problems", problems);
      model.addAttribute("kinds", ExemptionKind.values());
      return "accounts/exemption";
    });
  }
}
