package vn.bdtx.platform.audit;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import reactor.core.publisher.Mono;

/** /admin/audit: the IT admin reads who changed what (only IT_ADMIN reaches /admin/**). */
@Controller
class AuditController {

  static final int PAGE = 200;
  private final AuditLog audit;

  AuditController(AuditLog audit) {
    this.audit = audit;
  }

  @GetMapping("/admin/audit")
  Mono<String> list(@RequestParam(name = "action", defaultValue = "") String action, Model model) {
    return audit.actions().flatMap(actions -> {
      String chosen = actions.contains(action) ? action : "";
      model.addAttribute("actions", actions);
      model.addAttribute("action", chosen);
      return audit.latest(chosen, PAGE).collectList();
    }).map(events -> {
      model.addAttribute("events", events);
      return "platform/audit";
    });
  }
}
