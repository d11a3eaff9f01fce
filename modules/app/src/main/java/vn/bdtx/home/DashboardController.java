package vn.bdtx.home;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.platform.security.Caller;

/** "/": the dashboard, with one section per role the caller holds. */
@Controller
class DashboardController {

  @GetMapping("/")
  String dashboard(@AuthenticationPrincipal Caller caller, Model model) {
    model.addAttribute("roles", caller.roles().stream().sorted().map(Role::name).toList());
    return "home/dashboard";
  }
}
