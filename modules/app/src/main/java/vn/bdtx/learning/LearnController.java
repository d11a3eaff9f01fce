package vn.bdtx.learning;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import reactor.core.publisher.Mono;
import vn.bdtx.catalog.ContentAccess;
import vn.bdtx.catalog.ContentVersion;
import vn.bdtx.catalog.CoursePages;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.NotFound;

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

  LearnController(Cohorts cohorts, ContentAccess content, CoursePages pages) {
    this.cohorts = cohorts;
    this.content = content;
    this.pages = pages;
  }

  @GetMapping("/learn")
  Mono<String> mine(@AuthenticationPrincipal Caller caller, Model model) {
    return cohorts.enrollments(caller.accountId()).collectList().map(list -> {
      model.addAttribute("enrollments", list);
      return "content/mine";
    });
  }

  private Mono<ContentVersion> versionFor(Caller caller, long cohortId) {
    return NotFound.orNotFound(cohorts.enrollment(cohortId, caller.accountId()).flatMap(e -> content.version(e.versionId())));
  }

  @GetMapping("/learn/{cohortId}")
  Mono<String> outline(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId, Model model) {
    return cohorts.enrollment(cohortId, caller.accountId()).flatMap(e -> versionFor(caller, cohortId)
        .map(v -> pages.outline(e.courseTitle(), v.content(), base(cohortId), base(cohortId) + "/media/", model, false)))
        .as(NotFound::orNotFound);
  }

  @GetMapping("/learn/{cohortId}/lectures/{lectureId}")
  Mono<String> lecture(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId, @PathVariable String lectureId,
                       Model model) {
    return cohorts.enrollment(cohortId, caller.accountId()).flatMap(e -> versionFor(caller, cohortId)
        .flatMap(v -> Mono.justOrEmpty(v.content().lecture(lectureId))
            .map(l -> pages.lecture(e.courseTitle(), v.content(), l, base(cohortId), base(cohortId) + "/media/", model, false))))
        .as(NotFound::orNotFound);
  }

  @GetMapping("/learn/{cohortId}/assignment")
  Mono<String> assignment(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId, Model model) {
    return cohorts.enrollment(cohortId, caller.accountId()).flatMap(e -> versionFor(caller, cohortId)
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
