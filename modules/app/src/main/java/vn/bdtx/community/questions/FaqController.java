package vn.bdtx.community.questions;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import reactor.core.publisher.Mono;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.NotFound;

/**
 * The module's FAQ, /modules/{code}/faq, shared by every class of the module and searched without regard to
 * diacritics or case. Learners and staff of any class of the module, and those who answer escalations, read
 * it; anyone else gets 404.
 */
@Controller
class FaqController {

  private final Questions questions;
  private final Seats seats;

  FaqController(Questions questions, Seats seats) {
    this.questions = questions;
    this.seats = seats;
  }

  @GetMapping("/modules/{code}/faq")
  Mono<String> faq(@AuthenticationPrincipal Caller caller, @PathVariable String code,
                   @RequestParam(name = "q", required = false, defaultValue = "") String query, Model model) {
    String q = query.length() > 200 ? query.substring(0, 200) : query;
    return seats.reachesModule(caller, code).filter(Boolean::booleanValue)
        .flatMap(ok -> questions.faq(code, q)).map(entries -> {
          model.addAttribute("moduleCode", code);
          model.addAttribute("searchText", q);
          model.addAttribute("entries", entries);
          return "community/questions/faq";
        }).as(NotFound::orNotFound);
  }
}
