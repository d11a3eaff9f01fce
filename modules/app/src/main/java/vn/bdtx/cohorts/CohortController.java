package vn.bdtx.cohorts;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import reactor.core.publisher.Mono;
import vn.bdtx.domain.cohorts.EnrollmentKind;
import vn.bdtx.domain.text.Dates;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.NotFound;

/**
 * /cohorts: a class as its staff see it — the lecturer and assistants the whole
 * class, a core teacher their groups, the IT team and supervisors everything —
 * with the learners who are behind at the top. The IT team and supervisors
 * grant later deadlines; the IT team moves learners between groups and changes
 * a subject's kind after registration closed. Outside their scope a cohort is a 404.
 */
@Controller
class CohortController {

  private final CohortViews views;
  private final CohortChanges changes;
  private final EvaluationReport evaluations;
  private final org.springframework.beans.factory.ObjectProvider<WaitingSubmissions> waiting;
  private final Clock clock;
  private final MeetingAttendance attendance;

  CohortController(CohortViews views, CohortChanges changes,
                   org.springframework.beans.factory.ObjectProvider<EvaluationReport> evaluations,
                   org.springframework.beans.factory.ObjectProvider<WaitingSubmissions> waiting, Clock clock,
                   org.springframework.beans.factory.ObjectProvider<MeetingAttendance> attendance) {
    this.attendance = attendance.getIfAvailable(() -> MeetingAttendance.NONE);
    this.waiting = waiting;
    this.views = views;
    this.changes = changes;
    this.evaluations = evaluations.getIfAvailable(() -> EvaluationReport.NONE);
    this.clock = clock;
  }

  /** Form fields of the three changes; each form posts the ones it needs. */
  public static class ChangeForm {
    private List<Long> learners = new ArrayList<>();
    private Long groupId;
    private String lastDay = "";
    private String reason = "";
    private String kind = "";

    public List<Long> getLearners() { return learners; }
    public void setLearners(List<Long> v) { this.learners = v == null ? new ArrayList<>() : v; }
    public Long getGroupId() { return groupId; }
    public void setGroupId(Long v) { this.groupId = v; }
    public String getLastDay() { return lastDay; }
    public void setLastDay(String v) { this.lastDay = v == null ? "" : v; }
    public String getReason() { return reason; }
    public void setReason(String v) { this.reason = v == null ? "" : v; }
    public String getKind() { return kind; }
    public void setKind(String v) { this.kind = v == null ? "" : v; }
  }

  /** The classes the caller works in; for the training institution, those it evaluates, with where each evaluation stands. */
  @GetMapping("/cohorts")
  Mono<String> mine(@AuthenticationPrincipal Caller caller, Model model) {
    Mono<List<CohortViews.EvaluatedCohort>> evaluated = caller.hasRole(vn.bdtx.domain.accounts.Role.INSTITUTION)
        ? views.evaluated(caller).collectList() : Mono.just(List.of());
    WaitingSubmissions counter = waiting.getIfAvailable();
    Mono<java.util.Map<Long, Long>> waitingCounts = caller.hasRole(vn.bdtx.domain.accounts.Role.CORE_TEACHER) && counter != null
        ? counter.forCoreTeacher(caller.accountId()) : Mono.just(java.util.Map.of());
    return views.mine(caller).collectList().zipWith(evaluated).zipWith(waitingCounts, (t, w) -> {
      model.addAttribute("waiting", w);
      return t;
    }).flatMap(t -> evaluations
        .states(t.getT2().stream().map(c -> c.cohort().id()).toList())
        .map(states -> {
          model.addAttribute("cohorts", t.getT1());
          model.addAttribute("evaluated", t.getT2());
          model.addAttribute("evaluationStates", states);
          // The institution's list is the classes it evaluates, titled as its menu names it.
          model.addAttribute("titleKey", caller.hasRole(vn.bdtx.domain.accounts.Role.INSTITUTION) && t.getT1().isEmpty()
              ? "platform.nav.evaluations" : "cohorts.mine");
          model.addAttribute("now", clock.instant());
          return "cohorts/mine";
        }));
  }

  @GetMapping("/cohorts/{id}")
  Mono<String> cohort(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) {
    return views.scope(caller, id).map(scope -> Map.entry(scope, false))
        .switchIfEmpty(views.forInstitution(caller, id).map(scope -> Map.entry(scope, true)))
        .flatMap(s -> {
          // The institution reads the class to evaluate it: no grading queue, nothing to change.
          model.addAttribute("institutionView", s.getValue());
          return page(s.getKey(), model, new ChangeForm());
        })
        .as(NotFound::orNotFound);
  }

  private Mono<String> page(CohortViews.Scope scope, Model model, ChangeForm form) {
    var now = clock.instant();
    return Mono.zip(views.groups(scope.cohort().id()), views.learners(scope, now))
        .flatMap(t -> attendance.attended(t.getT2().stream().map(l -> l.enrollment().id()).toList()).defaultIfEmpty(Map.of())
            .map(a -> {
              // The professional meeting's attendance per learner (provided by the community context).
              model.addAttribute("attendance", a);
              return t;
            }))
        .map(t -> {
      model.addAttribute("scope", scope);
      model.addAttribute("now", now);
      model.addAttribute("cohort", scope.cohort());
      model.addAttribute("groups", t.getT1().stream().filter(g -> scope.whole() || scope.groups().contains(g.id())).toList());
      model.addAttribute("allGroups", t.getT1());
      model.addAttribute("learners", t.getT2());
      model.addAttribute("behind", t.getT2().stream().filter(CohortViews.LearnerRow::isBehind).count());
      // Criterion (i) per group and for the learners shown: how many passed of how many.
      var passedByGroup = new java.util.HashMap<Long, long[]>();
      for (var l : t.getT2()) {
        var counts = passedByGroup.computeIfAbsent(l.groupId() == null ? -1L : l.groupId(), k -> new long[2]);
        counts[1]++;
        if (l.selfStudy() != null && l.selfStudy().passed()) {
          counts[0]++;
        }
      }
      model.addAttribute("selfStudyByGroup", passedByGroup);
      model.addAttribute("selfStudyPassed", t.getT2().stream().filter(l -> l.selfStudy() != null && l.selfStudy().passed()).count());
      model.addAttribute("form", form);
      return "cohorts/cohort";
    });
  }

  private Mono<String> outcome(Optional<String> problem, CohortViews.Scope scope, Model model, ChangeForm form,
                               ServerWebExchange exchange, String done) {
    if (problem.isEmpty()) {
      return Mono.just("redirect:/cohorts/" + scope.cohort().id() + "?" + done);
    }
    exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
    model.addAttribute("problem", problem.get());
    return page(scope, model, form);
  }

  private Mono<CohortViews.Scope> allowed(Caller caller, long id, boolean extension) {
    return views.scope(caller, id).as(NotFound::orNotFound)
        .flatMap(scope -> (extension ? scope.canExtend() : scope.canManage()) ? Mono.just(scope)
            : Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN)));
  }

  @PostMapping("/cohorts/{id}/extensions")
  Mono<String> extend(@AuthenticationPrincipal Caller caller, @PathVariable long id, @ModelAttribute("form") ChangeForm form,
                      Model model, ServerWebExchange exchange) {
    return allowed(caller, id, true).flatMap(scope -> {
      LocalDate lastDay = Dates.parse(form.getLastDay()).orElse(null);
      return changes.extend(caller, id, form.getLearners(), form.getGroupId(), lastDay, form.getReason())
          .flatMap(p -> outcome(p, scope, model, form, exchange, "extended"));
    });
  }

  @PostMapping("/cohorts/{id}/enrollments/{enrollmentId}/group")
  Mono<String> move(@AuthenticationPrincipal Caller caller, @PathVariable long id, @PathVariable long enrollmentId,
                    @ModelAttribute("form") ChangeForm form, Model model, ServerWebExchange exchange) {
    return allowed(caller, id, false).flatMap(scope -> changes.moveToGroup(caller, id, enrollmentId, form.getGroupId(), form.getReason())
        .flatMap(p -> outcome(p, scope, model, form, exchange, "moved")));
  }

  @PostMapping("/cohorts/{id}/enrollments/{enrollmentId}/kind")
  Mono<String> kind(@AuthenticationPrincipal Caller caller, @PathVariable long id, @PathVariable long enrollmentId,
                    @ModelAttribute("form") ChangeForm form, Model model, ServerWebExchange exchange) {
    EnrollmentKind kind = java.util.Arrays.stream(EnrollmentKind.values()).filter(k -> k.name().equals(form.getKind()))
        .findFirst().orElse(null);
    return allowed(caller, id, false).flatMap(scope -> changes.changeKind(caller, id, enrollmentId, kind, form.getReason())
        .flatMap(p -> outcome(p, scope, model, form, exchange, "changed")));
  }
}
