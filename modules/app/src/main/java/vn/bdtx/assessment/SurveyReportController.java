package vn.bdtx.assessment;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import reactor.core.publisher.Mono;
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
  private final DatabaseClient db;

  SurveyReportController(Surveys surveys, DatabaseClient db) {
    this.surveys = surveys;
    this.db = db;
  }

  @GetMapping("/runs/{runId}/survey")
  Mono<String> report(@PathVariable long runId, Model model) {
    return db.sql("SELECT name FROM module_run WHERE id = :r").bind("r", runId).map((r, m) -> r.get(0, String.class)).one()
        .flatMap(name -> Mono.zip(surveys.byCohort(runId, null).collectList(), surveys.bySchool(runId).collectList(),
                surveys.byDistrict(runId).collectList())
            .map(t -> {
              long positive = t.getT1().stream().mapToLong(Surveys.Share::positive).sum();
              long rated = t.getT1().stream().mapToLong(Surveys.Share::rated).sum();
              long learners = t.getT1().stream().mapToLong(Surveys.Share::learners).sum();
              model.addAttribute("runId", runId);
              model.addAttribute("runName", name);
              model.addAttribute("total", new Surveys.Share(runId, name, learners, positive, rated));
              model.addAttribute("byCohort", t.getT1());
              model.addAttribute("bySchool", t.getT2());
              model.addAttribute("byDistrict", t.getT3());
              model.addAttribute("target", (int) Math.round(Survey.TARGET * 100));
              return "assessment/survey-report";
            }))
        .as(NotFound::orNotFound);
  }
}
