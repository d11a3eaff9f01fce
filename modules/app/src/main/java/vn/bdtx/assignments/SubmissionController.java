package vn.bdtx.assignments;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.assignments.SubmissionRules;
import vn.bdtx.domain.cohorts.Activity;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.storage.FileTypes;
import vn.bdtx.platform.web.NotFound;
import vn.bdtx.platform.web.StoreRedirect;
import vn.bdtx.platform.web.VietnameseFormats;
import vn.bdtx.platform.web.WhatWasSaved;

/**
 * The learner's final-assignment submission, /learn/{cohort}/submission: the
 * window and limits, every version handed in with its receipt, the grade or the
 * request to revise, and the upload form. Only the enrolled learner reaches it;
 * everyone else gets 404.
 */
@Controller
class SubmissionController {

  private final Cohorts cohorts;
  private final Submissions submissions;
  private final Grades grades;
  private final SubmissionReceipts receipts;
  private final AuditLog audit;
  private final Clock clock;

  SubmissionController(Cohorts cohorts, Submissions submissions, Grades grades, SubmissionReceipts receipts, AuditLog audit,
                       Clock clock) {
    this.cohorts = cohorts;
    this.submissions = submissions;
    this.grades = grades;
    this.receipts = receipts;
    this.audit = audit;
    this.clock = clock;
  }

  @GetMapping("/learn/{cohortId}/submission")
  Mono<String> page(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId, Model model) {
    return cohorts.enrollment(cohortId, caller.accountId()).flatMap(e -> page(e, model)).as(NotFound::orNotFound);
  }

  private Mono<String> page(Cohorts.Enrollment e, Model model) {
    return submissions.versions(e.id()).zipWith(grades.current(e.id()).map(java.util.Optional::of)
        .defaultIfEmpty(java.util.Optional.empty()))
        .zipWhen(t -> receipts.states(t.getT1().stream().map(Submissions.Version::id).toList()))
        .map(tr -> {
          var t = tr.getT1();
          model.addAttribute("receipts", tr.getT2());
          var window = e.schedule().window(Activity.SUBMISSION).orElse(null);
          Instant now = clock.instant();
          var grade = t.getT2().orElse(null);
          boolean gradedNow = grade != null && grade.graded();
          model.addAttribute("base", "/learn/" + e.cohortId());
          model.addAttribute("courseTitle", e.courseTitle());
          model.addAttribute("versions", t.getT1());
          model.addAttribute("grade", grade);
          model.addAttribute("window", window);
          model.addAttribute("open", window != null && window.contains(now) && !gradedNow);
          model.addAttribute("notYet", window != null && now.isBefore(window.opens()));
          model.addAttribute("closed", window != null && window.isOver(now));
          model.addAttribute("uploadKey", UUID.randomUUID());
          var rules = submissions.rules();
          model.addAttribute("maxFiles", rules.maxFiles());
          model.addAttribute("maxDocument", FileTypes.human(rules.maxDocument()));
          model.addAttribute("maxImage", FileTypes.human(rules.maxImage()));
          model.addAttribute("maxVideo", FileTypes.human(rules.maxVideo()));
          model.addAttribute("maxTotal", FileTypes.human(rules.maxTotal()));
          return "assignments/submission";
        });
  }

  /**
   * The upload: {@code key} (the form's one-time key) and {@code files}. Accepted:
   * 303 to the receipt. Refused: 422 with each reason, nothing stored. The same
   * key again (a retry) answers with the version it already made.
   */
  @PostMapping("/learn/{cohortId}/submission")
  Mono<String> submit(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId, ServerWebExchange exchange,
                      Model model) {
    Instant now = clock.instant();
    return cohorts.enrollment(cohortId, caller.accountId()).flatMap(e -> exchange.getMultipartData().flatMap(parts -> {
      UUID key = uuid(parts.getFirst("key"));
      if (key == null) {
        exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
        model.addAttribute("problem", "assignments.submission.problem.noKey");
        return page(e, model);
      }
      List<FilePart> files = parts.getOrDefault("files", List.of()).stream()
          .filter(p -> p instanceof FilePart fp && fp.filename() != null && !fp.filename().isBlank())
          .map(p -> (FilePart) p).toList();
      List<Path> temps = new ArrayList<>();
      return Flux.fromIterable(files).concatMap(f -> Submissions.receive(f, temps)).collectList()
          .flatMap(received -> submissions.submit(e, key, received, now))
          .flatMap(outcome -> {
            if (outcome instanceof Submissions.Outcome.Stored stored) {
              var v = stored.version();
              WhatWasSaved.record(exchange, "assignments.submission.saved", String.valueOf(v.version()),
                  VietnameseFormats.FORMATS.seconds(v.submittedAt()), String.valueOf(v.files().size()),
                  String.join("; ", v.files().stream().map(f -> f.name() + " (SHA-256 " + f.sha256() + ")").toList()));
              Mono<Void> after = stored.again() ? Mono.empty()
                  : audit.record(caller, "SUBMISSION_STORED", "enrollment", e.id(), java.util.Map.of(
                      "version", stored.version().version(),
                      "files", stored.version().files().stream().map(f -> f.name() + " " + f.sha256()).toList()))
                  .then(receipts.sendNow(stored.version().id()));
              return after.thenReturn("redirect:/learn/" + cohortId + "/submission?received=" + stored.version().version());
            }
            var decision = ((Submissions.Outcome.Refused) outcome).decision();
            exchange.getResponse().setStatusCode(decision.refusals().contains(SubmissionRules.Refusal.AFTER_DEADLINE)
                || decision.refusals().contains(SubmissionRules.Refusal.GRADED) ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY);
            model.addAttribute("refusals", decision.refusals());
            model.addAttribute("fileProblems", decision.files());
            return page(e, model);
          })
          .doFinally(signal -> Submissions.delete(temps));
    })).as(NotFound::orNotFound);
  }

  private static UUID uuid(Part part) {
    if (!(part instanceof FormFieldPart field)) {
      return null;
    }
    try {
      return UUID.fromString(field.value().strip());
    } catch (IllegalArgumentException ex) {
      return null;
    }
  }

  /** The grader's feedback file on the learner's assignment: 303 to a short-lived URL of the store. */
  @GetMapping("/learn/{cohortId}/submission/feedback")
  Mono<ResponseEntity<Void>> feedback(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId) {
    return cohorts.enrollment(cohortId, caller.accountId())
        .flatMap(e -> grades.current(e.id()))
        .filter(g -> g.feedbackKey() != null)
        .flatMap(g -> submissions.url(new Submissions.StoredFile(0, g.feedbackName(),
            g.feedbackType() == null ? "application/octet-stream" : g.feedbackType(), 0, "", g.feedbackKey())))
        .map(StoreRedirect::to)
        .as(NotFound::orNotFound);
  }

  /** A file of one of the learner's versions: 303 to a short-lived URL of the store. */
  @GetMapping("/learn/{cohortId}/submission/{version}/files/{position}")
  Mono<ResponseEntity<Void>> file(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId, @PathVariable int version,
                                  @PathVariable int position) {
    return cohorts.enrollment(cohortId, caller.accountId())
        .flatMap(e -> submissions.file(e.id(), version, position))
        .flatMap(submissions::url)
        .map(StoreRedirect::to)
        .as(NotFound::orNotFound);
  }
}
