package vn.bdtx.completion;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import reactor.core.publisher.Mono;
import vn.bdtx.accounts.YearExemptions;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.SchoolYear;
import vn.bdtx.domain.completion.YearStatus;
import vn.bdtx.domain.cohorts.CohortSchedule;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.NotFound;

/**
 * The learner's side: /learn/{cohort}/result shows the module's three criteria
 * — what is done, what is missing — and the outcome; /learn/year shows the school
 * year's completed modules and periods against the requirement.
 */
@Controller
class ResultController {

  private final Cohorts cohorts;
  private final Completions completions;
  private final YearExemptions exemptions;
  private final Certificates certificates;
  private final Clock clock;
  private final vn.bdtx.regulation.Regulations regulations;

  ResultController(Cohorts cohorts, Completions completions, YearExemptions exemptions, Certificates certificates, Clock clock,
                   vn.bdtx.regulation.Regulations regulations) {
    this.regulations = regulations;
    this.certificates = certificates;
    this.cohorts = cohorts;
    this.completions = completions;
    this.exemptions = exemptions;
    this.clock = clock;
  }

  @GetMapping("/learn/{cohortId}/result")
  Mono<String> result(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId, Model model) {
    return cohorts.enrollment(cohortId, caller.accountId())
        .flatMap(e -> completions.of(cohortId, e.id(), clock.instant()).zipWith(certificates.ofEnrollment(e.id())
            .filter(c -> c.objectKey() != null && !c.revoked()).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()))
            .map(t -> {
          var s = t.getT1();
          model.addAttribute("certificate", t.getT2().orElse(null));
          model.addAttribute("base", "/learn/" + cohortId);
          model.addAttribute("courseTitle", e.courseTitle());
          model.addAttribute("standing", s);
          return s;
        })
        .flatMap(s -> s.main() && s.completion().waitsOnlyForInstitution()
            ? completions.opening(cohortId, clock.instant()).map(o -> {
              model.addAttribute("institutionFrom", o.opensOn());
              return "completion/result";
            })
            : Mono.just("completion/result")))
        .as(NotFound::orNotFound);
  }

  /**
   * The learner's school year, judged by the regulation in force for that year:
   * the version current now while the year runs (the one an IT admin last made),
   * and for a past year the one in force when it ended (1 September). A module's
   * own outcome was already judged by its cohort's version.
   */
  @GetMapping("/learn/year")
  Mono<String> year(@AuthenticationPrincipal Caller caller, Model model) {
    java.time.Instant now = clock.instant();
    SchoolYear year = SchoolYear.of(LocalDate.ofInstant(now, CohortSchedule.ZONE));
    java.time.Instant yearEnd = LocalDate.of(year.startYear() + 1, 9, 1).atStartOfDay(CohortSchedule.ZONE).toInstant();
    return completions.completedModules(caller.accountId())
        .filter(row -> SchoolYear.of(LocalDate.ofInstant((java.time.Instant) row[3], CohortSchedule.ZONE)).equals(year))
        .map(row -> new YearStatus.Module((String) row[0], (String) row[1], (Integer) row[2]))
        .collectList()
        .zipWith(exemptions.of(caller.accountId(), year))
        .zipWith(regulations.at(now.isBefore(yearEnd) ? now : yearEnd))
        .map(tr -> {
          var t = tr.getT1();
          model.addAttribute("year", year.toString());
          model.addAttribute("status", YearStatus.of(t.getT1(), t.getT2().orElse(null), tr.getT2()));
          return "completion/year";
        });
  }

}
