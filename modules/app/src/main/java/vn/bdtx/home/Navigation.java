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

  /** The questions waiting for those who answer them (community.questions). */
  static final String QUESTIONS = "/questions/queue";

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
    items.add(new Item("home.dashboard.title", "/"));
    switch (role) {
      case "LEARNER" -> {
        items.add(new Item("home.dashboard.learn", "/learn"));
        items.add(new Item("platform.nav.year", "/learn/year"));
      }
      case "CORE_TEACHER" -> {
        items.add(new Item("cohorts.mine", "/cohorts"));
        items.add(new Item("community.questions.queue", QUESTIONS));
        items.add(new Item("platform.nav.reports", "/reports"));
        items.add(new Item("platform.nav.peerSupport", "/peer-support"));
      }
      case "ASSISTANT" -> {
        items.add(new Item("cohorts.mine", "/cohorts"));
        items.add(new Item("community.questions.queue", QUESTIONS));
      }
      case "LECTURER" -> {
        items.add(new Item("cohorts.mine", "/cohorts"));
        items.add(new Item("home.dashboard.courses", "/lecturer/courses"));
        items.add(new Item("community.questions.queue", QUESTIONS));
      }
      case "SUPERVISOR" -> {
        items.add(new Item("community.questions.queue", QUESTIONS));
        items.add(new Item("platform.nav.reports", "/reports"));
        items.add(new Item("cohorts.runs.title", "/runs"));
        items.add(new Item("home.dashboard.courses", "/lecturer/courses"));
        items.add(new Item("platform.nav.exports", "/reports/exports"));
        items.add(new Item("platform.nav.peerSupportApprovals", "/peer-support/approvals"));
        items.add(new Item("platform.nav.peerSupportOversight", "/peer-support/oversight"));
      }
      case "IT_ADMIN" -> {
        items.add(new Item("community.questions.queue", QUESTIONS));
        items.add(new Item("platform.nav.reports", "/reports"));
        items.add(new Item("cohorts.runs.title", "/runs"));
        items.add(new Item("home.dashboard.courses", "/lecturer/courses"));
        items.add(new Item("platform.admin.nav.org", "/admin/org"));
        items.add(new Item("platform.admin.nav.accounts", "/admin/accounts"));
        items.add(new Item("platform.admin.nav.import", "/admin/accounts/import"));
        items.add(new Item("platform.admin.nav.credentials", "/admin/accounts/credentials"));
        items.add(new Item("platform.admin.nav.requests", "/admin/requests"));
        items.add(new Item("platform.admin.nav.audit", "/admin/audit"));
        items.add(new Item("platform.nav.exports", "/reports/exports"));
        items.add(new Item("platform.nav.peerSupportOversight", "/peer-support/oversight"));
      }
      case "PRINCIPAL" -> {
        items.add(new Item("platform.nav.schoolClasses", "/school/classes"));
        items.add(new Item("home.dashboard.school", "/school/people"));
        items.add(new Item("platform.nav.reports", "/reports"));
        items.add(new Item("platform.nav.exports", "/reports/exports"));
        items.add(new Item("platform.nav.peerSupportApprovals", "/peer-support/approvals"));
      }
      case "DISTRICT_OFFICER" -> {
        items.add(new Item("community.questions.queue", QUESTIONS));
        items.add(new Item("platform.nav.reports", "/reports"));
        items.add(new Item("platform.nav.district", "/district"));
        items.add(new Item("platform.nav.exports", "/reports/exports"));
        items.add(new Item("platform.nav.peerSupportApprovals", "/peer-support/approvals"));
        items.add(new Item("platform.nav.peerSupportOversight", "/peer-support/oversight"));
      }
      case "INSTITUTION" -> items.add(new Item("platform.nav.evaluations", "/cohorts"));
      default -> {
      }
    }
    // The notification centre for everyone; announcements for those who post them (issue 17).
    items.add(new Item("community.notices.title", "/notifications"));
    if (java.util.Set.of("LECTURER", "SUPERVISOR", "IT_ADMIN", "PRINCIPAL", "DISTRICT_OFFICER").contains(role)) {
      items.add(new Item("platform.nav.announcements", "/announcements"));
    }
    items.add(new Item("home.dashboard.catalogue", "/catalogue"));
    items.add(new Item("home.dashboard.profile", "/account/profile"));
    items.add(new Item("home.dashboard.changePassword", "/account/password"));
    return List.copyOf(items);
  }
}
