package vn.bdtx.home;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.PageMenu;

/**
 * The persistent menu of every page (fragments/layout, through platform.web.PageMenu): what the role the person
 * acts in can do, each link a page that role may open. The active role is the one
 * chosen on the dashboard (kept in the session); pages without a logged-in person
 * get no menu. Showing a link never grants anything: every route checks for itself.
 */
@Component
class Navigation implements PageMenu {

  /** One menu entry: its message key and address. */
  public record Item(String label, String href) {
  }

  /** The menu of the role the person acts in. */
  public record Menu(String role, List<Item> items) {
  }

  @Override
  public Mono<Menu> menu(ServerWebExchange exchange, Caller caller) {
    return exchange.getSession().map(session -> {
      // On the dashboard, ?as= switches the role before the page is drawn: the menu follows at once.
      String as = "/".equals(exchange.getRequest().getPath().value())
          ? exchange.getRequest().getQueryParams().getFirst("as") : null;
      String active = activeRole(caller, session, as);
      return new Menu(active, items(active));
    });
  }

  /** The role chosen in the session (or {@code as}, when held), else the first held role. */
  static String activeRole(Caller caller, WebSession session, String as) {
    List<String> roles = caller.roles().stream().sorted().map(Role::name).toList();
    if (as != null && roles.contains(as)) {
      return as;
    }
    Object stored = session.getAttributes().get(DashboardController.ACTIVE_ROLE);
    return stored instanceof String s && roles.contains(s) ? s : (roles.isEmpty() ? "" : roles.get(0));
  }

  /** What {@code role} works on, then what everyone has (catalogue, profile, password). */
  static List<Item> items(String role) {
    var items = new ArrayList<Item>();
    items.add(new Item("dashboard.title", "/"));
    switch (role) {
      case "LEARNER" -> {
        items.add(new Item("dashboard.learn", "/learn"));
        items.add(new Item("nav.year", "/learn/year"));
      }
      case "CORE_TEACHER" -> {
        items.add(new Item("cohorts.mine", "/cohorts"));
        items.add(new Item("nav.reports", "/reports"));
      }
      case "ASSISTANT" -> items.add(new Item("cohorts.mine", "/cohorts"));
      case "LECTURER" -> {
        items.add(new Item("cohorts.mine", "/cohorts"));
        items.add(new Item("dashboard.courses", "/lecturer/courses"));
      }
      case "SUPERVISOR" -> {
        items.add(new Item("nav.reports", "/reports"));
        items.add(new Item("runs.title", "/runs"));
        items.add(new Item("dashboard.courses", "/lecturer/courses"));
        items.add(new Item("nav.exports", "/reports/exports"));
      }
      case "IT_ADMIN" -> {
        items.add(new Item("nav.reports", "/reports"));
        items.add(new Item("runs.title", "/runs"));
        items.add(new Item("dashboard.courses", "/lecturer/courses"));
        items.add(new Item("admin.nav.org", "/admin/org"));
        items.add(new Item("admin.nav.accounts", "/admin/accounts"));
        items.add(new Item("admin.nav.import", "/admin/accounts/import"));
        items.add(new Item("admin.nav.credentials", "/admin/accounts/credentials"));
        items.add(new Item("admin.nav.requests", "/admin/requests"));
        items.add(new Item("admin.nav.audit", "/admin/audit"));
        items.add(new Item("nav.exports", "/reports/exports"));
      }
      case "PRINCIPAL" -> {
        items.add(new Item("nav.schoolClasses", "/school/classes"));
        items.add(new Item("dashboard.school", "/school/people"));
        items.add(new Item("nav.reports", "/reports"));
        items.add(new Item("nav.exports", "/reports/exports"));
      }
      case "DISTRICT_OFFICER" -> {
        items.add(new Item("nav.reports", "/reports"));
        items.add(new Item("nav.district", "/district"));
        items.add(new Item("nav.exports", "/reports/exports"));
      }
      case "INSTITUTION" -> items.add(new Item("nav.evaluations", "/cohorts"));
      default -> {
      }
    }
    items.add(new Item("dashboard.catalogue", "/catalogue"));
    items.add(new Item("dashboard.profile", "/account/profile"));
    items.add(new Item("dashboard.changePassword", "/account/password"));
    return List.copyOf(items);
  }
}
