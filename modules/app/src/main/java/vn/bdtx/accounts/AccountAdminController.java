package vn.bdtx.accounts;

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
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.OrgUnitKind;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.NotFound;

/** /admin/accounts: find a person, see and change their roles, status and password. */
@Controller
class AccountAdminController {

  private final AccountAdmin admin;
  private final Organisation organisation;

  AccountAdminController(AccountAdmin admin, Organisation organisation) {
    this.admin = admin;
    this.organisation = organisation;
  }

  /** The grant form: a role and, for school or district roles, the unit. */
  public static class GrantForm {
    private String role = "";
    private Long unitId;

    public String getRole() { return role; }
    public void setRole(String role) { this.role = role == null ? "" : role.strip(); }
    public Long getUnitId() { return unitId; }
    public void setUnitId(Long unitId) { this.unitId = unitId; }
  }

  @GetMapping("/admin/accounts")
  Mono<String> list(@RequestParam(name = "q", defaultValue = "") String q,
                    @RequestParam(name = "page", required = false) Integer page, Model model) {
    return admin.search(q, vn.bdtx.platform.web.Paged.page(page)).map(found -> {
      model.addAttribute("q", q);
      model.addAttribute("paged", found);
      model.addAttribute("found", found.items());
      return "accounts/accounts";
    });
  }

  @GetMapping("/admin/accounts/{id}")
  Mono<String> detail(@PathVariable long id, Model model) {
    return page(id, model, null, null);
  }

  @PostMapping("/admin/accounts/{id}/roles")
  Mono<String> grant(@AuthenticationPrincipal Caller caller, @PathVariable long id, @ModelAttribute GrantForm form,
                     Model model, ServerWebExchange exchange) {
    return outcome(admin.grant(caller, id, form.getRole(), form.getUnitId()), id, model, exchange, "granted");
  }

  @PostMapping("/admin/accounts/{id}/roles/{grantId}/revoke")
  Mono<String> revoke(@AuthenticationPrincipal Caller caller, @PathVariable long id, @PathVariable long grantId,
                      Model model, ServerWebExchange exchange) {
    return outcome(admin.revoke(caller, id, grantId), id, model, exchange, "revoked");
  }

  @PostMapping("/admin/accounts/{id}/disable")
  Mono<String> disable(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model, ServerWebExchange exchange) {
    return outcome(admin.setEnabled(caller, id, false), id, model, exchange, "disabled");
  }

  @PostMapping("/admin/accounts/{id}/enable")
  Mono<String> enable(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model, ServerWebExchange exchange) {
    return outcome(admin.setEnabled(caller, id, true), id, model, exchange, "enabled");
  }

  /** The new password is shown on this response only, never stored readable nor shown again. */
  @PostMapping("/admin/accounts/{id}/reset")
  Mono<String> reset(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model, ServerWebExchange exchange) {
    exchange.getResponse().getHeaders().setCacheControl("no-store");
    return NotFound.orNotFound(admin.resetPassword(caller, id)).flatMap(password -> page(id, model, null, password));
  }

  private Mono<String> outcome(Mono<String> change, long id, Model model, ServerWebExchange exchange, String done) {
    return NotFound.orNotFound(change).flatMap(problem -> {
      if (problem.isEmpty()) {
        return Mono.just("redirect:/admin/accounts/" + id + "?" + done);
      }
      exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
      return page(id, model, problem, null);
    });
  }

  private Mono<String> page(long id, Model model, String problem, String newPassword) {
    return NotFound.orNotFound(admin.detail(id)).zipWith(organisation.tree()).map(t -> {
      model.addAttribute("account", t.getT1());
      model.addAttribute("problem", problem);
      model.addAttribute("newPassword", newPassword);
      model.addAttribute("roles", Role.values());
      model.addAttribute("units", t.getT2().stream().map(Organisation.TreeRow::unit)
          .filter(u -> u.active() && (u.kind() == OrgUnitKind.SCHOOL || u.kind() == OrgUnitKind.DISTRICT_OFFICE)).toList());
      return "accounts/account";
    });
  }
}
