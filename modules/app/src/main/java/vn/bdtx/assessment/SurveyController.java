package vn.bdtx.assessment;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.catalog.ContentAccess;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.domain.cohorts.Activity;
import vn.bdtx.domain.cohorts.Window;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.NotFound;
import vn.bdtx.platform.web.PlainTexts;

/**
 * The learner's final survey, /learn/{cohort}/survey: open in the finishing
 * phase of a main subject, each answer saved as it is chosen (quiz.js), then
 * submitted once with every question answered. Only the enrolled learner
 * reaches it: everyone else gets 404.
 */
@Controller
class SurveyController {

  private final Cohorts cohorts;
  private final ContentAccess content;
  private final Surveys surveys;
  private final Clock clock;
  private final PlainTexts texts;

  SurveyController(Cohorts cohorts, ContentAccess content, Surveys surveys, Clock clock, PlainTexts texts) {
    this.cohorts = cohorts;
    this.content = content;
    this.surveys = surveys;
    this.clock = clock;
    this.texts = texts;
  }

  private record Context(Cohorts.Enrollment enrollment, CourseContent content, Window window) {
    boolean open(Instant now) {
      return window != null && window.contains(now);
    }
  }

  private Mono<Context> context(Caller caller, long cohortId) {
    return cohorts.enrollment(cohortId, caller.accountId())
        .flatMap(e -> content.version(e.versionId()).map(v -> new Context(e, v.content(),
            e.schedule().window(Activity.SURVEY).orElse(null))));
  }

  @GetMapping("/learn/{cohortId}/survey")
  Mono<String> survey(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId, Model model) {
    return context(caller, cohortId).flatMap(c -> page(c, cohortId, model)).as(NotFound::orNotFound);
  }

  private Mono<String> page(Context c, long cohortId, Model model) {
    return surveys.answers(c.enrollment().id()).zipWith(surveys.submittedAt(c.enrollment().id())).map(t -> {
      model.addAttribute("base", "/learn/" + cohortId);
      model.addAttribute("courseTitle", c.enrollment().courseTitle());
      model.addAttribute("questions", c.content().survey());
      model.addAttribute("answers", t.getT1());
      model.addAttribute("submittedAt", t.getT2().orElse(null));
      model.addAttribute("window", c.window());
      model.addAttribute("open", c.open(clock.instant()));
      model.addAttribute("enrollmentId", c.enrollment().id());
      return "assessment/survey";
    });
  }

  /** One answer: {@code question} and {@code choice}. 204 saved; 409 once submitted or closed; 422 with the reason. */
  @PostMapping("/learn/{cohortId}/survey/answers")
  Mono<ResponseEntity<String>> answer(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId,
                                      ServerWebExchange exchange) {
    Instant now = clock.instant();
    return context(caller, cohortId).flatMap(c -> exchange.getFormData().flatMap(form -> {
      String question = form.getFirst("question");
      Integer choice = number(form.getFirst("choice"));
      if (question == null || choice == null) {
        return Mono.just(ResponseEntity.unprocessableEntity()
            .body(texts.of(exchange, "assessment.survey.answer.malformed")));
      }
      if (!c.open(now)) {
        return Mono.just(ResponseEntity.status(HttpStatus.CONFLICT).body(texts.of(exchange, "assessment.survey.answer.closed")));
      }
      return surveys.save(c.enrollment().id(), c.content(), question, choice, now).map(saved -> switch (saved) {
        case SAVED -> ResponseEntity.noContent()
            .header("X-Saved-At", vn.bdtx.platform.web.VietnameseFormats.FORMATS.clock(clock.instant())).<String>build();
        case SUBMITTED -> ResponseEntity.status(HttpStatus.CONFLICT).body(texts.of(exchange, "assessment.survey.answer.submitted"));
        case NOT_FOUND -> ResponseEntity.unprocessableEntity()
            .body(texts.of(exchange, "assessment.survey.answer.noSuchChoice", question, String.valueOf(choice)));
      });
    })).as(NotFound::orNotFound);
  }

  /** Saves the answers on the form (a browser without JavaScript), then submits; a second submit shows the same page. */
  @PostMapping("/learn/{cohortId}/survey/submit")
  Mono<String> submit(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId, ServerWebExchange exchange,
                      Model model) {
    Instant now = clock.instant();
    return context(caller, cohortId).flatMap(c -> {
      if (!c.open(now)) {
        exchange.getResponse().setStatusCode(HttpStatus.CONFLICT);
        model.addAttribute("problem", "assessment.survey.problem.closed");
        return page(c, cohortId, model);
      }
      return exchange.getFormData()
          .flatMapMany(form -> Flux.fromIterable(c.content().survey())
              .filter(q -> number(form.getFirst("q-" + q.id())) != null)
              .concatMap(q -> surveys.save(c.enrollment().id(), c.content(), q.id(), number(form.getFirst("q-" + q.id())), now)))
          .then(surveys.submit(c.enrollment().id(), c.content(), now))
          .flatMap(submitted -> {
            if (submitted.ok()) {
              return Mono.just("redirect:/learn/" + cohortId + "/survey?submitted");
            }
            exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
            model.addAttribute("problem", "assessment.survey.problem.unanswered");
            model.addAttribute("unanswered", String.join(", ", submitted.unanswered().stream().map(String::valueOf).toList()));
            return page(c, cohortId, model);
          });
    }).as(NotFound::orNotFound);
  }

  private static Integer number(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

}
