package vn.bdtx.community.notices;

import java.time.Clock;
import java.util.HashSet;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.community.NoticeMail;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.NotFound;

/**
 * The notification centre: every logged-in person's own notices, newest first; opening one marks it read and goes
 * to its link; "mark all read"; and the e-mail settings per kind. Nobody reaches another's notice (404).
 */
@Controller
class NotificationController {

  static final int PAGE = 50;

  private final Centre centre;
  private final Clock clock;

  NotificationController(Centre centre, Clock clock) {
    this.centre = centre;
    this.clock = clock;
  }

  @GetMapping("/notifications")
  Mono<String> list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) Long before, Model model) {
    return centre.newest(caller.accountId(), before, PAGE).map(list -> {
      model.addAttribute("notices", list);
      model.addAttribute("older", list.size() == PAGE ? list.get(list.size() - 1).id() : null);
      return "community/notices/list";
    });
  }

  /** Opens a notice: marks it read, then its link (a path inside the app) or back to the list. */
  @GetMapping("/notifications/{id}")
  Mono<String> open(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
    return NotFound.orNotFound(centre.open(caller.accountId(), id, clock.instant()))
        .map(n -> n.link() != null && n.link().startsWith("/") && !n.link().startsWith("//")
            ? "redirect:" + n.link() : "redirect:/notifications");
  }

  @PostMapping("/notifications/read")
  Mono<String> readAll(@AuthenticationPrincipal Caller caller) {
    return centre.readAll(caller.accountId(), clock.instant()).thenReturn("redirect:/notifications");
  }

  @GetMapping("/notifications/settings")
  Mono<String> settings(@AuthenticationPrincipal Caller caller, Model model) {
    return centre.mailOff(caller.accountId()).map(off -> {
      model.addAttribute("kinds", NoticeMail.EMAILED);
      model.addAttribute("off", off);
      return "community/notices/settings";
    });
  }

  /** The form sends one {@code mail} field per kind left on; a kind not sent is turned off. */
  @PostMapping("/notifications/settings")
  Mono<String> saveSettings(@AuthenticationPrincipal Caller caller, ServerWebExchange exchange) {
    return exchange.getFormData().flatMap(form -> {
      var on = new HashSet<String>(form.getOrDefault("mail", java.util.List.of()));
      return centre.setMail(caller.accountId(), on);
    }).thenReturn("redirect:/notifications/settings?saved");
  }
}
