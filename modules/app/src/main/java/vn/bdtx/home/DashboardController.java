package vn.bdtx.home;

import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.platform.security.Caller;

/**
 * "/": the dashboard of the role the person is acting in. Someone who is both a
 * teacher in training and a principal switches with ?as=PRINCIPAL; the choice is
 * kept in the session. Only held roles can be chosen, and switching changes what
 * is shown, never what is allowed: every route still checks every grant.
 */
@Controller
class DashboardController {

  static final String ACTIVE_ROLE = "bdtx.activeRole";

  private final vn.bdtx.learning.EnrollmentViews enrollments;
  private final java.time.Clock clock;

  private final org.springframework.beans.factory.ObjectProvider<vn.bdtx.cohorts.WaitingSubmissions> waiting;

  DashboardController(vn.bdtx.learning.EnrollmentViews enrollments, java.time.Clock clock,
                      org.springframework.beans.factory.ObjectProvider<vn.bdtx.cohorts.WaitingSubmissions> waiting) {
    this.waiting = waiting;
    this.enrollments = enrollments;
    this.clock = clock;
  }

  @GetMapping("/")
  Mono<String> dashboard(@AuthenticationPrincipal Caller caller, @RequestParam(name = "as", required = false) String as,
                         WebSession session, Model model) {
    List<String> roles = caller.roles().stream().sorted().map(Role::name).toList();
    if (as != null && roles.contains(as)) {
      session.getAttributes().put(ACTIVE_ROLE, as);
    }
    String active = Navigation.activeRole(caller, session, null);
    model.addAttribute("roles", roles);
    model.addAttribute("activeRole", active);
    var counter = waiting.getIfAvailable();
    if (Role.CORE_TEACHER.name().equals(active) && counter != null) {
      // A core teacher's home: how many submissions of their groups wait for a grade, all classes together.
      return counter.forCoreTeacher(caller.accountId()).map(w -> {
        model.addAttribute("waitingTotal", w.values().stream().mapToLong(Long::longValue).sum());
        return "home/dashboard";
      });
    }
    if (!Role.LEARNER.name().equals(active)) {
      return enrollments.any(caller.accountId()).map(any -> {
        model.addAttribute("enrolled", any);
        return "home/dashboard";
      });
    }
    // A learner's home: each class's day and phase, what is due next, and what has come back (grade, certificate), as on /learn.
    return enrollments.of(caller.accountId(), clock.instant())
        .map(list -> {
          model.addAttribute("enrollments", list);
          model.addAttribute("enrolled", !list.isEmpty());
          return "home/dashboard";
        });
  }
}
