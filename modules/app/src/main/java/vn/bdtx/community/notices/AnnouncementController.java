package vn.bdtx.community.notices;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.accounts.People;
import vn.bdtx.cohorts.CohortViews;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.cohorts.Runs;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.community.AnnouncementRights;
import vn.bdtx.domain.community.Audience;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.NotFound;

/**
 * Announcements: everyone sees those they received; a lecturer posts to their classes, the supervisors and the IT
 * team to a class, a run, a school, a district or the province, a district officer to their district or one of its
 * schools, a principal to their school. The scope is decided on the server (domain AnnouncementRights) for the
 * audience posted, whatever the form offered: outside it, 403 and nothing is posted.
 */
@Controller
class AnnouncementController {

  static final int TITLE_MAX = 200;
  static final int BODY_MAX = 5000;

  /** The posted form: {@code audience} is "TYPE:id" (or "PROVINCE"). */
  record Form(String audience, String title, String body) {
  }

  /** One audience the form offers. */
  record Option(String value, String type, String name) {
  }

  private final Announcements announcements;
  private final Cohorts cohorts;
  private final CohortViews cohortViews;
  private final Runs runs;
  private final People people;
  private final Clock clock;

  AnnouncementController(Announcements announcements, Cohorts cohorts, CohortViews cohortViews, Runs runs, People people,
                         Clock clock) {
    this.announcements = announcements;
    this.cohorts = cohorts;
    this.cohortViews = cohortViews;
    this.runs = runs;
    this.people = people;
    this.clock = clock;
  }

  static List<AnnouncementRights.Grant> grants(Caller caller) {
    return caller.grants().stream().map(g -> new AnnouncementRights.Grant(g.role(), g.scopeType(), g.scopeId())).toList();
  }

  @GetMapping("/announcements")
  Mono<String> page(@AuthenticationPrincipal Caller caller, Model model) {
    return page(caller, model, null, null);
  }

  private Mono<String> page(Caller caller, Model model, Form form, String error) {
    boolean sends = !AnnouncementRights.choices(grants(caller)).isEmpty();
    model.addAttribute("sends", sends);
    model.addAttribute("form", form == null ? new Form("", "", "") : form);
    model.addAttribute("error", error);
    Mono<List<Option>> options = sends ? options(caller) : Mono.just(List.of());
    return Mono.zip(options, announcements.receivedBy(caller.accountId()),
            sends ? announcements.sentBy(caller.accountId()) : Mono.just(List.<Announcements.Announcement>of()))
        .map(t -> {
          model.addAttribute("options", t.getT1());
          model.addAttribute("received", t.getT2());
          model.addAttribute("sent", t.getT3());
          return "community/notices/announcements";
        });
  }

  /** The audiences the form offers this person (the server decides each one again when posted). */
  private Mono<List<Option>> options(Caller caller) {
    var found = new ArrayList<Mono<List<Option>>>();
    boolean province = caller.grants().stream().anyMatch(g -> (g.role() == Role.SUPERVISOR || g.role() == Role.IT_ADMIN)
        && g.scopeType() == ScopeType.PROVINCE);
    if (province) {
      found.add(Mono.just(List.of(new Option("PROVINCE", "PROVINCE", ""))));
      found.add(runs.all().map(r -> new Option("RUN:" + r.id(), "RUN", r.name())).collectList());
      // The districts, read once, and every school of them (the phone tour found none offered, though one may be
      // written to).
      var districts = people.districts().collectList().cache();
      found.add(districts.map(list -> list.stream().map(u -> new Option("DISTRICT:" + u.id(), "DISTRICT", u.name())).toList()));
      found.add(districts.flatMap(list -> people.schoolsOf(list.stream().map(u -> u.id()).toList())
          .map(u -> new Option("SCHOOL:" + u.id(), "SCHOOL", u.name())).collectList()));
      // Every class of every run, so a supervisor can write to one class (the phone tour found only runs offered).
      found.add(runs.all().concatMap(r -> runs.cohorts(r.id()).flatMapIterable(l -> l))
          .map(c -> new Option("CLASS:" + c.id(), "CLASS", c.name())).collectList());
    }
    if (caller.hasRole(Role.LECTURER) && !province) {
      found.add(cohortViews.mine(caller).filter(r -> "LECTURER".equals(r.role()))
          .map(r -> new Option("CLASS:" + r.cohort().id(), "CLASS", r.cohort().name())).collectList());
    }
    var districts = caller.grants().stream().filter(g -> g.role() == Role.DISTRICT_OFFICER
        && g.scopeType() == ScopeType.DISTRICT && g.scopeId() != null).map(Caller.Grant::scopeId).toList();
    if (!districts.isEmpty()) {
      found.add(people.unitNames(districts).map(names -> districts.stream()
          .map(d -> new Option("DISTRICT:" + d, "DISTRICT", names.getOrDefault(d, ""))).toList()));
      found.add(people.schoolsOf(districts).map(u -> new Option("SCHOOL:" + u.id(), "SCHOOL", u.name())).collectList());
    }
    var schools = caller.grants().stream().filter(g -> g.role() == Role.PRINCIPAL
        && g.scopeType() == ScopeType.SCHOOL && g.scopeId() != null).map(Caller.Grant::scopeId).toList();
    if (!schools.isEmpty()) {
      found.add(people.unitNames(schools).map(names -> schools.stream()
          .map(s -> new Option("SCHOOL:" + s, "SCHOOL", names.getOrDefault(s, ""))).toList()));
    }
    return Flux.concat(found).flatMapIterable(l -> l).distinct(Option::value).collectList();
  }

  static Optional<Audience> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    if ("PROVINCE".equals(value.strip())) {
      return Optional.of(new Audience(Audience.Type.PROVINCE, null));
    }
    String[] parts = value.strip().split(":");
    try {
      var type = Audience.Type.valueOf(parts[0]);
      return parts.length == 2 && type != Audience.Type.PROVINCE
          ? Optional.of(new Audience(type, Long.parseLong(parts[1]))) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** What the rule needs to know of the audience, and its name; empty when it does not exist. */
  private Mono<Facts> facts(Caller caller, Audience to) {
    return switch (to.type()) {
      case PROVINCE -> Mono.just(new Facts(AnnouncementRights.Facts.NONE, ""));
      case CLASS -> cohorts.cohortName(to.id()).zipWith(cohorts.lectures(caller.accountId(), to.id()))
          .map(t -> new Facts(new AnnouncementRights.Facts(t.getT2(), null), t.getT1()));
      case RUN -> runs.names(List.of(to.id())).flatMap(n -> Mono.justOrEmpty(n.get(to.id())))
          .map(name -> new Facts(AnnouncementRights.Facts.NONE, name));
      case SCHOOL -> people.unit(to.id()).filter(u -> "SCHOOL".equals(u.kind()))
          .map(u -> new Facts(new AnnouncementRights.Facts(false, u.parentId()), u.name()));
      case DISTRICT -> people.unit(to.id()).filter(u -> "DISTRICT_OFFICE".equals(u.kind()))
          .map(u -> new Facts(AnnouncementRights.Facts.NONE, u.name()));
    };
  }

  private record Facts(AnnouncementRights.Facts rule, String name) {
  }

  @PostMapping("/announcements")
  Mono<String> post(@AuthenticationPrincipal Caller caller, @ModelAttribute Form form, Model model,
                    ServerWebExchange exchange) {
    if (AnnouncementRights.choices(grants(caller)).isEmpty()) {
      return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN));
    }
    String title = form.title() == null ? "" : form.title().strip();
    String body = form.body() == null ? "" : form.body().strip();
    var to = parse(form.audience());
    String error = to.isEmpty() ? "community.notices.error.audience"
        : title.isEmpty() || title.length() > TITLE_MAX ? "community.notices.error.title"
        : body.isEmpty() || body.length() > BODY_MAX ? "community.notices.error.body" : null;
    if (error != null) {
      exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
      return page(caller, model, form, error);
    }
    return facts(caller, to.get())
        .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)))
        .flatMap(f -> {
          if (AnnouncementRights.decide(grants(caller), to.get(), f.rule()) != AnnouncementRights.Decision.ALLOWED) {
            return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN));
          }
          return announcements.post(caller.accountId(), to.get(), f.name(), title, body, clock.instant())
              .map(id -> "redirect:/announcements/" + id + "?posted");
        });
  }

  @GetMapping("/announcements/{id}")
  Mono<String> show(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) {
    return NotFound.orNotFound(announcements.visibleTo(caller.accountId(), id)).map(a -> {
      model.addAttribute("a", a);
      return "community/notices/announcement";
    });
  }
}
