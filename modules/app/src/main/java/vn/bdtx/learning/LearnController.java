package vn.bdtx.learning;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuples;
import vn.bdtx.catalog.ContentAccess;
import vn.bdtx.catalog.ContentVersion;
import vn.bdtx.catalog.CoursePages;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.cohorts.EnrollmentKind;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.NotFound;
import vn.bdtx.platform.web.PlainTexts;

/**
 * /learn: a learner's courses, each in the version their cohort pinned. Only
 * someone enrolled in the cohort reaches its pages and media; anyone else gets
 * a 404, so a cohort's existence is not revealed either.
 */
@Controller
class LearnController {

  private final Cohorts cohorts;
  private final ContentAccess content;
  private final CoursePages pages;
  private final java.time.Clock clock;
  private final vn.bdtx.cohorts.ReminderJob reminders;
  private final LectureProgress progress;
  private final SelfStudyService selfStudy;
  private final EnrollmentViews views;
  private final PlainTexts texts;

  LearnController(Cohorts cohorts, ContentAccess content, CoursePages pages, java.time.Clock clock,
                  vn.bdtx.cohorts.ReminderJob reminders, LectureProgress progress, SelfStudyService selfStudy,
                  EnrollmentViews views, PlainTexts texts) {
    this.views = views;
    this.texts = texts;
    this.reminders = reminders;
    this.progress = progress;
    this.selfStudy = selfStudy;
    this.cohorts = cohorts;
    this.content = content;
    this.pages = pages;
    this.clock = clock;
  }

  @GetMapping("/learn")
  Mono<String> mine(@AuthenticationPrincipal Caller caller, Model model, java.util.Locale locale) {
    java.time.Instant now = clock.instant();
    return views.of(caller.accountId(), now)
        .zipWith(reminders.messagesFor(caller.accountId(), 5, locale).collectList())
        .map(t -> {
          model.addAttribute("enrollments", t.getT1());
          model.addAttribute("reminders", t.getT2());
          return "learning/mine";
        });
  }

  /** The registration form: MAIN or REFERENCE. */
  public static class RegistrationForm {
    private String kind = "";

    public String getKind() { return kind; }
    public void setKind(String v) { this.kind = v == null ? "" : v; }
  }

  /** The learner registers this enrollment as main or reference subject, while registration is open. */
  @PostMapping("/learn/{cohortId}/registration")
  Mono<String> register(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId,
                        @ModelAttribute RegistrationForm form, Model model,
                        org.springframework.web.server.ServerWebExchange exchange) {
    java.util.Optional<EnrollmentKind> chosen = java.util.Arrays.stream(EnrollmentKind.values())
        .filter(k -> k.name().equals(form.getKind())).findFirst();
    java.time.Instant now = clock.instant();
    return cohorts.enrollment(cohortId, caller.accountId())
        .flatMap(e -> chosen.isEmpty()
            ? refusal(caller, cohortId, "learning.register.problem.kind", now, model, exchange, HttpStatus.UNPROCESSABLE_ENTITY)
            : cohorts.register(caller, cohortId, chosen.get(), now).flatMap(refusal -> refusal.isEmpty()
                ? Mono.just("redirect:/learn?registered=" + cohortId)
                : refusal(caller, cohortId, "learning.register.problem.closed", now, model, exchange, HttpStatus.CONFLICT)))
        .as(NotFound::orNotFound);
  }

  private Mono<String> refusal(Caller caller, long cohortId, String message, java.time.Instant now, Model model,
                               org.springframework.web.server.ServerWebExchange exchange, HttpStatus status) {
    return views.of(caller.accountId(), now).map(list -> {
      exchange.getResponse().setStatusCode(status);
      model.addAttribute("enrollments", list);
      model.addAttribute("problemCohort", cohortId);
      model.addAttribute("problem", message);
      return "learning/mine";
    });
  }

  private Mono<ContentVersion> versionFor(Caller caller, long cohortId) {
    return NotFound.orNotFound(cohorts.enrollment(cohortId, caller.accountId()).flatMap(e -> content.version(e.versionId())));
  }

  @GetMapping("/learn/{cohortId}")
  Mono<String> outline(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId, Model model) {
    // The enrollment and its criterion (i) are read once and shared by the outline and the class's to-do view.
    return cohorts.enrollment(cohortId, caller.accountId()).flatMap(e -> content.version(e.versionId())
        .zipWith(progress.of(e.id()))
        .flatMap(t -> selfStudy.of(e, t.getT1().content()).zipWith(cohorts.regulation(e)).map(s -> {
          model.addAttribute("selfStudy", s.getT1());
          model.addAttribute("quizPassMark", s.getT2().quizPassMark());
          return t;
        }))
        .flatMap(t -> views.of(e, (vn.bdtx.domain.assessment.SelfStudy) model.getAttribute("selfStudy"), clock.instant())
            .map(v -> {
              model.addAttribute("view", v);
              return t;
            }))
        .map(t -> {
          model.addAttribute("progress", t.getT2());
          model.addAttribute("surveyOpen", e.schedule().window(vn.bdtx.domain.cohorts.Activity.SURVEY).isPresent());
          model.addAttribute("available", Availability.outline(e.schedule(), clock.instant()));
          var s = (vn.bdtx.domain.assessment.SelfStudy) model.getAttribute("selfStudy");
          model.addAttribute("attempted", s == null ? java.util.Set.of() : s.items().stream()
              .filter(i -> i.kind() == vn.bdtx.domain.assessment.SelfStudy.Kind.QUIZ && i.score() != null)
              .map(vn.bdtx.domain.assessment.SelfStudy.Item::ref).collect(java.util.stream.Collectors.toSet()));
          return pages.outline(e.courseTitle(), t.getT1().content(), base(cohortId), base(cohortId) + "/media/", model, false);
        }))
        .as(NotFound::orNotFound);
  }

  @GetMapping("/learn/{cohortId}/lectures/{lectureId}")
  Mono<String> lecture(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId, @PathVariable String lectureId,
                       Model model) {
    return cohorts.enrollment(cohortId, caller.accountId()).flatMap(e -> Mono.zip(content.version(e.versionId()),
            progress.of(e.id()), cohorts.regulation(e))
        .flatMap(t -> Mono.justOrEmpty(t.getT1().content().lecture(lectureId))
            .map(l -> {
              model.addAttribute("mine", t.getT2().get(lectureId));
              model.addAttribute("progressUrl", base(cohortId) + "/lectures/" + lectureId + "/progress");
              // The share of the video to watch is the cohort's regulation's.
              model.addAttribute("thresholdPercent", t.getT3().videoPercent());
              return pages.lecture(e.courseTitle(), t.getT1().content(), l, base(cohortId), base(cohortId) + "/media/", model, false);
            })))
        .as(NotFound::orNotFound);
  }

  /**
   * A player's report: {@code played} the stretches played in this page as
   * "from-to" seconds separated by commas, {@code position} where it is,
   * {@code duration} the video's length, {@code end=1} once the page's end was
   * reached. 204 taken (written with the next batch); 422 with the reason.
   */
  @PostMapping("/learn/{cohortId}/lectures/{lectureId}/progress")
  Mono<ResponseEntity<String>> report(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId,
                                      @PathVariable String lectureId, org.springframework.web.server.ServerWebExchange exchange) {
    return cohorts.enrollment(cohortId, caller.accountId())
        .flatMap(e -> content.version(e.versionId()).zipWith(cohorts.regulation(e))
            .flatMap(v -> Mono.justOrEmpty(v.getT1().content().lecture(lectureId)).map(l -> Tuples.of(l, v.getT2())))
            .flatMap(lr -> exchange.getFormData().map(form -> {
              var l = lr.getT1();
              var parsed = ProgressForm.parse(form);
              if (parsed.problem() != null) {
                return ResponseEntity.unprocessableEntity().body(texts.of(exchange, parsed.problem()));
              }
              progress.report(e.id(), l, parsed.report(), lr.getT2().videoShare());
              return ResponseEntity.noContent().<String>build();
            })))
        .as(NotFound::orNotFound);
  }

  @GetMapping("/learn/{cohortId}/assignment")
  Mono<String> assignment(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId, Model model) {
    return cohorts.enrollment(cohortId, caller.accountId()).flatMap(e -> content.version(e.versionId())
        .map(v -> {
          model.addAttribute("available", Availability.outline(e.schedule(), clock.instant()));
          return v;
        })
        .map(v -> pages.assignment(e.courseTitle(), v.content(), base(cohortId), base(cohortId) + "/media/", model, false)))
        .as(NotFound::orNotFound);
  }

  /** A media file of the pinned version: a redirect to a presigned URL of the store, fresh on every request. */
  @GetMapping("/learn/{cohortId}/media/{sha}")
  Mono<ResponseEntity<Void>> media(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId, @PathVariable String sha) {
    return versionFor(caller, cohortId).flatMap(v -> content.mediaOf(v, sha)).as(NotFound::orNotFound);
  }

  private static String base(long cohortId) {
    return "/learn/" + cohortId;
  }
}
