package vn.bdtx.reporting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import reactor.core.publisher.Mono;
import vn.bdtx.cohorts.ReminderJob;
import vn.bdtx.domain.reporting.BehindToday;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.NotFound;
import vn.bdtx.reporting.ReportQueries.Below;

/**
 * The dashboards (issue 16): {@code /reports} is the caller's top level (their
 * province, district or school, or a core teacher's groups), and each level links
 * one level down: province → district → school → class → teacher. The role is
 * checked by the security chain (ReportScope.ROLES); the scope here, on every
 * request: a unit, class or person outside it is a 404.
 */
@Controller
class ReportController {

  private final ReportQueries queries;
  private final ReportPages pages;
  private final ReminderJob reminders;
  private final java.time.Clock clock;

  ReportController(ReportQueries queries, ReportPages pages, ReminderJob reminders, java.time.Clock clock) {
    this.queries = queries;
    this.pages = pages;
    this.reminders = reminders;
    this.clock = clock;
  }

  /** Where /reports leads: one unit of the caller's (redirect), several (a top level), or a core teacher's groups. */
  sealed interface Top {
    record One(long unitId) implements Top {
    }

    record Many(Below below) implements Top {
    }

    record Groups(long coreTeacher) implements Top {
    }
  }

  Mono<Top> top(ReportScope scope, boolean groups) {
    if (!scope.any()) {
      return Mono.empty();
    }
    if (!scope.seesUnits() || groups) {
      return Mono.justOrEmpty(scope.coreTeacher()).map(Top.Groups::new);
    }
    if (scope.everything()) {
      return queries.provinces().collectList().map(list -> list.size() == 1
          ? new Top.One(list.get(0).id()) : new Top.Many(Below.PROVINCES));
    }
    var all = new ArrayList<Long>();
    all.addAll(scope.provinces());
    all.addAll(scope.districts());
    all.addAll(scope.schools());
    if (all.size() == 1) {
      return Mono.just(new Top.One(all.get(0)));
    }
    return Mono.just(new Top.Many(highest(scope)));
  }

  /**
   * The caller's top level, drawn at /reports itself (no redirect, so the address
   * the menu gives always opens): their one unit's page, several units side by
   * side, or a core teacher's groups. A unit not yet in the read model shows an empty level.
   */
  @GetMapping("/reports")
  Mono<String> top(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) Long run,
                   @RequestParam(required = false) String year, @RequestParam(required = false) String groups,
                   Locale locale, Model model) {
    ReportScope scope = ReportScope.of(caller);
    return NotFound.orNotFound(topPage(scope, groups != null, run, year, locale)).map(p -> level(p, scope, model));
  }

  Mono<ReportPages.LevelPage> topPage(ReportScope scope, boolean groups, Long run, String year, Locale locale) {
    return top(scope, groups).flatMap(top -> pages.period(run, year).flatMap(chosen -> {
      if (top instanceof Top.Groups g) {
        return pages.groups(g.coreTeacher(), chosen, scope, null, locale);
      }
      Mono<ReportPages.LevelPage> many = Mono.defer(() -> pages.top(top instanceof Top.Many m ? m.below()
          : highest(scope), chosen, scope, null, locale));
      return top instanceof Top.One one
          ? queries.unitInScope(one.unitId(), scope).flatMap(u -> pages.unit(u, chosen, scope, locale)).switchIfEmpty(many)
          : many;
    }));
  }

  private static Below highest(ReportScope scope) {
    return scope.everything() || !scope.provinces().isEmpty() ? Below.PROVINCES
        : !scope.districts().isEmpty() ? Below.DISTRICTS : Below.SCHOOLS;
  }

  @GetMapping("/reports/units/{orgUnitId}")
  Mono<String> unit(@AuthenticationPrincipal Caller caller, @PathVariable long orgUnitId,
                    @RequestParam(required = false) Long run, @RequestParam(required = false) String year,
                    Locale locale, Model model) {
    ReportScope scope = ReportScope.of(caller);
    return NotFound.orNotFound(queries.unitInScope(orgUnitId, scope))
        .flatMap(unit -> pages.period(run, year).flatMap(chosen -> pages.unit(unit, chosen, scope, locale)))
        .map(p -> level(p, scope, model));
  }

  private String level(ReportPages.LevelPage page, ReportScope scope, Model model) {
    model.addAttribute("page", page);
    model.addAttribute("targets", ReportPages.TARGETS);
    model.addAttribute("groupsLink", scope.seesUnits() && scope.coreTeacher() != null);
    return "reporting/level";
  }

  @GetMapping("/reports/cohorts/{cohortId}")
  Mono<String> cohort(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId,
                      @RequestParam(required = false) Long unit, @RequestParam(required = false) Integer reminded,
                      Locale locale, Model model) {
    ReportScope scope = ReportScope.of(caller);
    return NotFound.orNotFound(cohortInScope(cohortId, unit, scope))
        .flatMap(t -> pages.cohort(t.getT1(), t.getT2().orElse(null), scope, locale))
        .map(p -> {
          model.addAttribute("page", p);
          model.addAttribute("targets", ReportPages.TARGETS);
          model.addAttribute("reminded", reminded);
          return "reporting/cohort";
        });
  }

  /** The class when the scope reaches some of its learners, and the narrowing unit when asked and in scope. */
  private Mono<reactor.util.function.Tuple2<ReportQueries.Cohort, Optional<ReportQueries.Unit>>> cohortInScope(
      long cohortId, Long unit, ReportScope scope) {
    Mono<Optional<ReportQueries.Unit>> narrow = unit == null ? Mono.just(Optional.empty())
        : queries.unitInScope(unit, scope).map(Optional::of);
    return queries.reachesCohort(cohortId, scope).filter(Boolean::booleanValue)
        .flatMap(ok -> Mono.zip(queries.cohort(cohortId), narrow));
  }

  /** The form of the one-click reminder: the enrollments to remind (none: everyone behind in the class). */
  static final class RemindForm {
    private List<Long> enrollment = new ArrayList<>();
    private Long unit;

    public List<Long> getEnrollment() {
      return enrollment;
    }

    public void setEnrollment(List<Long> enrollment) {
      this.enrollment = enrollment == null ? new ArrayList<>() : enrollment;
    }

    public Long getUnit() {
      return unit;
    }

    public void setUnit(Long unit) {
      this.unit = unit;
    }
  }

  /**
   * Reminds learners of the class who are behind today (all of them, or those
   * chosen), within the caller's scope: the cohorts context records and sends
   * the reminders, once per learner and day however often this is clicked.
   */
  @PostMapping("/reports/cohorts/{cohortId}/remind")
  Mono<String> remind(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId,
                      @ModelAttribute RemindForm form) {
    ReportScope scope = ReportScope.of(caller);
    var today = pages.today();
    return NotFound.orNotFound(cohortInScope(cohortId, form.getUnit(), scope))
        .flatMap(t -> pages.cohortRows(cohortId, t.getT2().orElse(null), scope).collectList())
        .flatMap(rows -> {
          Set<Long> chosen = Set.copyOf(form.getEnrollment());
          Map<Long, ReminderJob.Behind> due = new LinkedHashMap<>();
          for (var r : rows) {
            Optional<BehindToday.Reason> why = r.behind(today);
            if (why.isPresent() && (chosen.isEmpty() || chosen.contains(r.enrollmentId()))) {
              due.put(r.enrollmentId(), ReminderJob.Behind.valueOf(why.get().name()));
            }
          }
          return reminders.remindBehind(due, clock.instant()).map(n -> due.size());
        })
        .map(n -> "redirect:/reports/cohorts/" + cohortId + "?reminded=" + n
            + (form.getUnit() == null ? "" : "&unit=" + form.getUnit()));
  }

  @GetMapping("/reports/people/{accountId}")
  Mono<String> person(@AuthenticationPrincipal Caller caller, @PathVariable long accountId, Locale locale, Model model) {
    ReportScope scope = ReportScope.of(caller);
    return NotFound.orNotFound(history(accountId, scope))
        .flatMap(t -> pages.person(t.getT1().orElse(null), accountId, t.getT2(), locale))
        .map(p -> {
          model.addAttribute("page", p);
          return "reporting/person";
        });
  }

  /**
   * A person and their enrollments: all of them when the scope reaches the
   * person's school, district or province; a core teacher's learner's in their
   * groups only; nothing (404) otherwise.
   */
  Mono<reactor.util.function.Tuple2<Optional<ReportQueries.Person>, List<ReportQueries.Row>>> history(
      long accountId, ReportScope scope) {
    String order = "c.start_date DESC, e.enrollment_id DESC";
    return queries.person(accountId).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(p -> {
      boolean reached = p.isPresent() && scope.seesUnits()
          && scope.reaches(p.get().provinceId(), p.get().districtId(), p.get().schoolId());
      if (reached) {
        var all = new ReportScope(true, Set.of(), Set.of(), Set.of(), null);
        return queries.rows("e.account_id = :a", Map.of("a", accountId), null, all, order).collectList()
            .map(rows -> reactor.util.function.Tuples.of(p, rows));
      }
      return queries.reachesEnrollmentsOf(accountId, scope).filter(Boolean::booleanValue)
          .flatMap(ok -> queries.rows("e.account_id = :a", Map.of("a", accountId), null, scope, order).collectList())
          .map(rows -> reactor.util.function.Tuples.of(p, rows));
    });
  }
}
