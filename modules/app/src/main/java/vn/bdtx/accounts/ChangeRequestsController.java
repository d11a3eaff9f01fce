package vn.bdtx.accounts;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import reactor.core.publisher.Mono;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.NotFound;

/** /admin/requests: e-mail and school corrections waiting for the IT admin. */
@Controller
class ChangeRequestsController {

  private final ChangeRequests requests;

  ChangeRequestsController(ChangeRequests requests) {
    this.requests = requests;
  }

  /** The rejection note, the only field read from the form. */
  public static class Decision {
    private String note = "";

    public String getNote() { return note; }
    public void setNote(String note) { this.note = note == null ? "" : note; }
  }

  @GetMapping("/admin/requests")
  Mono<String> list(Model model) {
    return requests.pending().map(pending -> {
      model.addAttribute("pending", pending);
      return "accounts/requests";
    });
  }

  @PostMapping("/admin/requests/{id}/approve")
  Mono<String> approve(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
    return NotFound.orNotFound(requests.approve(caller, id)).map(outcome -> "redirect:/admin/requests?" + outcome);
  }

  @PostMapping("/admin/requests/{id}/reject")
  Mono<String> reject(@AuthenticationPrincipal Caller caller, @PathVariable long id,
                      @org.springframework.web.bind.annotation.ModelAttribute Decision decision) {
    return NotFound.orNotFound(requests.reject(caller, id, decision.getNote())).map(outcome -> "redirect:/admin/requests?" + outcome);
  }
}
