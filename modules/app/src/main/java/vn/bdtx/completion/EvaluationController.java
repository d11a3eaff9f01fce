package vn.bdtx.completion;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bdtx.cohorts.CohortViews;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.NotFound;

/**
 * The training institution's evaluation of a cohort, /cohorts/{id}/evaluation:
 * each learner's criteria (i), (ii) and (iii) and outcome; the institution
 * records (iii) for the whole cohort at once, ticking the learners it does not
 * pass, each with a reason. Supervisors, the IT team and the cohort's staff may
 * look; only the institution records. Anyone else gets 404.
 */
@Controller
class EvaluationController {

  private final CohortViews views;
  private final Completions completions;
  private final AuditLog audit;
  private final Clock clock;

  private final Certificates certificates;

  EvaluationController(CohortViews views, Completions completions, Certificates certificates, AuditLog audit, Clock clock) {
    this.certificates = certificates;
    this.views = views;
    this.completions = completions;
    this.audit = audit;
    this.clock = clock;
  }

  /** The institution within its grants' reach (province or that cohort); supervisors, the IT team and the cohort's staff as they see it whole. */
  private Mono<CohortViews.Scope> scope(Caller caller, long cohortId) {
    return views.forInstitution(caller, cohortId)
        .switchIfEmpty(Mono.defer(() -> views.scope(caller, cohortId).filter(CohortViews.Scope::seesEvaluation)));
  }

  private static boolean mayRecord(Caller caller, CohortViews.Scope scope, CohortViews views) {
    return caller.hasRole(Role.INSTITUTION) && views.institutionReaches(caller, scope.cohort().id());
  }

  @GetMapping("/cohorts/{id}/evaluation")
  Mono<String> page(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) {
    return scope(caller, id).flatMap(scope -> page(caller, scope, model, Map.of())).as(NotFound::orNotFound);
  }

  private Mono<String> page(Caller caller, CohortViews.Scope scope, Model model, Map<Long, String> typed) {
    Instant now = clock.instant();
    return Mono.zip(completions.of(scope, now), certificates.counts(scope.cohort().id()),
        certificates.ofCohort(scope.cohort().id()),
        completions.lastEvaluation(scope.cohort().id()).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()),
        certificates.completedWithout(scope.cohort().id())).map(t -> {
      model.addAttribute("lastRecorded", t.getT4().orElse(null));
      model.addAttribute("withoutCertificate", t.getT5());
      var all = t.getT1();
      var opening = Completions.opening(scope.cohort(), all.stream().map(Completions.Standing::learner).toList());
      model.addAttribute("opening", opening);
      model.addAttribute("open", opening.isOpen(now));
      model.addAttribute("lastDay", scope.cohort().schedule().lastDay());
      model.addAttribute("certificateCounts", t.getT2());
      model.addAttribute("certificates", t.getT3());
      model.addAttribute("mayIssue", mayRecord(caller, scope, views) || caller.hasRole(Role.IT_ADMIN));
      var main = all.stream().filter(Completions.Standing::main).toList();
      model.addAttribute("cohort", scope.cohort());
      model.addAttribute("standings", main);
      model.addAttribute("completed", main.stream().filter(s -> s.completion().completed()).count());
      // What is still missing before the button: submissions nobody graded, learners without a grade or without (i).
      model.addAttribute("ungraded", main.stream().filter(s -> "WAITING".equals(s.assignment())).count());
      model.addAttribute("noGrade", main.stream().filter(s -> s.finalGrade() == null).count());
      model.addAttribute("noSelfStudy", main.stream().filter(s -> !s.selfStudy()).count());
      model.addAttribute("mayRecord", mayRecord(caller, scope, views));
      model.addAttribute("typed", typed);
      return "completion/evaluation";
    });
  }

  /** {@code except} the enrollments not passed, each with {@code reason-<id>}; everyone else of the cohort passes (iii). */
  @PostMapping("/cohorts/{id}/evaluation")
  Mono<String> record(@AuthenticationPrincipal Caller caller, @PathVariable long id, ServerWebExchange exchange, Model model) {
    Instant now = clock.instant();
    return scope(caller, id).flatMap(scope -> {
      if (!mayRecord(caller, scope, views)) {
        return Mono.error(new org.springframework.web.server.ResponseStatusException(HttpStatus.FORBIDDEN));
      }
      return exchange.getFormData().flatMap(form -> completions.of(scope, now).flatMap(all -> {
        var opening = Completions.opening(scope.cohort(), all.stream().map(Completions.Standing::learner).toList());
        if (!opening.isOpen(now)) {
          return notYet(caller, scope, model, exchange, opening);
        }
        var known = all.stream().filter(Completions.Standing::main).map(s -> s.learner().enrollment().id()).toList();
        var exceptions = new LinkedHashMap<Long, String>();
        var missingReason = new java.util.ArrayList<String>();
        for (String raw : form.getOrDefault("except", List.of())) {
          Long e = number(raw);
          if (e == null || !known.contains(e)) {
            continue;
          }
          String reason = form.getFirst("reason-" + e) == null ? "" : form.getFirst("reason-" + e).strip();
          if (reason.isEmpty()) {
            all.stream().filter(s -> s.learner().enrollment().id() == e).findFirst()
                .ifPresent(s -> missingReason.add(s.learner().fullName()));
          }
          exceptions.put(e, reason.length() > 500 ? reason.substring(0, 500) : reason);
        }
        if (!form.containsKey("confirm")) {
          exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
          model.addAttribute("problem", "completion.evaluation.problem.confirm");
          return page(caller, scope, model, exceptions);
        }
        if (!missingReason.isEmpty()) {
          exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
          model.addAttribute("problem", "completion.evaluation.problem.reason");
          model.addAttribute("names", String.join(", ", missingReason));
          return page(caller, scope, model, exceptions);
        }
        return completions.evaluate(caller, id, exceptions, now).flatMap(outcome -> {
          if (outcome instanceof Completions.Evaluated.NotYet n) {
            return notYet(caller, scope, model, exchange, n.opening());
          }
          var settled = ((Completions.Evaluated.Settled) outcome).standings();
          return audit.record(caller, "INSTITUTION_EVALUATED", "cohort", id, Map.of(
                  "notPassed", exceptions,
                  "completed", settled.stream().filter(s -> s.main() && s.completion().completed()).count()))
              .thenReturn("redirect:/cohorts/" + id + "/evaluation?recorded");
        });
      }));
    }).as(NotFound::orNotFound);
  }

  /** 409: the class's finishing phase (or an extension of it) has not ended; the page says from when it opens. */
  private Mono<String> notYet(Caller caller, CohortViews.Scope scope, Model model, ServerWebExchange exchange,
                              vn.bdtx.domain.completion.EvaluationOpening opening) {
    exchange.getResponse().setStatusCode(HttpStatus.CONFLICT);
    model.addAttribute("problem", "completion.evaluation.problem.notYet");
    model.addAttribute("names", vn.bdtx.platform.web.VietnameseFormats.FORMATS.day(opening.opensOn()));
    return page(caller, scope, model, Map.of());
  }

  private static Long number(String raw) {
    try {
      return raw == null ? null : Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

}
