package vn.bdtx.assessment;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import reactor.core.publisher.Mono;
import vn.bdtx.cohorts.Runs;
import vn.bdtx.domain.assessment.Survey;
import vn.bdtx.platform.web.NotFound;

/**
 * The survey's positive share for a module run, per class, school and district,
 * against the department's target (more than 75% positive, seed 000). Only
 * agreement items count ("Rất đồng ý" and "Đồng ý" are positive); only
 * submitted surveys count. IT team and supervisors, like the run page
 * (SecurityConfiguration: /runs/**).
 */
@Controller
class SurveyReportController {

  private final Surveys surveys;
  private final Runs runs;

  SurveyReportController(Surveys surveys, Runs runs) {
    this.surveys = surveys;
    this.runs = runs;
  }

  @GetMapping("/runs/{runId}/survey")
  Mono<String> report(@PathVariable long runId, Model model) {
    // The run's name from cohorts, which owns the runs (DESIGN §5).
    return runs.names(java.util.List.of(runId)).flatMap(names -> Mono.justOrEmpty(names.get(runId)))
        .flatMap(name -> surveys.ofRun(runId)
            .map(shares -> {
              long positive = shares.byCohort().stream().mapToLong(Surveys.Share::positive).sum();
              long rated = shares.byCohort().stream().mapToLong(Surveys.Share::rated).sum();
              long learners = shares.byCohort().stream().mapToLong(Surveys.Share::learners).sum();
              model.addAttribute("runId", runId);
              model.addAttribute("runName", name);
              model.addAttribute("total", new Surveys.Share(runId, name, learners, positive, rated));
              model.addAttribute("byCohort", shares.byCohort());
              model.addAttribute("bySchool", shares.bySchool());
              model.addAttribute("byDistrict", shares.byDistrict());
              model.addAttribute("target", (int) Math.round(Survey.TARGET * 100));
              return "assessment/survey-report";
            }))
        .as(NotFound::orNotFound);
  }
}
