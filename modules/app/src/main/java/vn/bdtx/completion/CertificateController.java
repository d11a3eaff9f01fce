package vn.bdtx.completion;

import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.completion.CertificateNumber;
import vn.bdtx.cohorts.CohortViews;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.NotFound;
import vn.bdtx.platform.web.StoreRedirect;
import vn.bdtx.platform.jobs.Jobs;

/**
 * Certificates: the institution or the IT team issues a cohort's batch
 * (numbers at once, PDFs in the background); a learner downloads their own;
 * anyone — without logging in — checks a number at /verify/{number}, which shows
 * only what identifies the certificate and says plainly when a number is unknown
 * or revoked.
 */
@Controller
class CertificateController {

  private static final Logger log = LoggerFactory.getLogger(CertificateController.class);

  private final Certificates certificates;
  private final CohortViews views;
  private final Cohorts cohorts;
  private final AuditLog audit;
  private final Clock clock;
  private final VerifyThrottle throttle;

  private final Jobs jobs;

  CertificateController(Jobs jobs, Certificates certificates, CohortViews views, Cohorts cohorts, AuditLog audit, Clock clock,
                        VerifyThrottle throttle) {
    this.jobs = jobs;
    this.throttle = throttle;
    this.certificates = certificates;
    this.views = views;
    this.cohorts = cohorts;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * The cohort when the caller may issue or revoke its certificates: the institution
   * within its grants' reach, the IT team anywhere; others who see the cohort get 403, the rest 404.
   */
  private Mono<CohortViews.Scope> issuer(Caller caller, long id) {
    return views.forInstitution(caller, id)
        .switchIfEmpty(Mono.defer(() -> caller.hasRole(Role.IT_ADMIN) ? views.whole(id) : Mono.empty()))
        .switchIfEmpty(Mono.defer(() -> views.scope(caller, id)
            .flatMap(s -> Mono.<CohortViews.Scope>error(new ResponseStatusException(HttpStatus.FORBIDDEN)))));
  }

  @PostMapping("/cohorts/{id}/certificates")
  Mono<String> issue(@AuthenticationPrincipal Caller caller, @PathVariable long id, ServerWebExchange exchange) {
    return issuer(caller, id)
        .flatMap(scope -> certificates.number(id, clock.instant()))
        .flatMap(numbered -> audit.record(caller, "CERTIFICATES_ISSUED", "cohort", id, Map.of("numbered", numbered))
            .then(Mono.fromRunnable(() -> certificates.render(id).subscribe(
                n -> log.info("Cohort {}: {} certificate PDFs stored", id, n),
                e -> log.warn("Cohort {}: certificate batch stopped ({}); the resume job goes on", id, e.toString()))))
            .thenReturn("redirect:/cohorts/" + id + "/evaluation?certificates"))
        .as(NotFound::orNotFound);
  }

  /** Revokes one of the cohort's certificates, with a reason (the institution or the IT team); the verify page then says so. */
  @PostMapping("/cohorts/{id}/certificates/{number}/revocation")
  Mono<String> revoke(@AuthenticationPrincipal Caller caller, @PathVariable long id, @PathVariable String number,
                      ServerWebExchange exchange) {
    return issuer(caller, id).flatMap(scope -> exchange.getFormData()).flatMap(form -> {
      String reason = form.getFirst("reason") == null ? "" : form.getFirst("reason").strip();
      if (reason.isEmpty() || reason.length() > 500) {
        return Mono.just("redirect:/cohorts/" + id + "/evaluation?revokeReason=" + number);
      }
      return certificates.revoke(id, number, reason, clock.instant()).flatMap(done -> done
          ? audit.record(caller, "CERTIFICATE_REVOKED", "cohort", id, Map.of("number", number, "reason", reason))
              .thenReturn("redirect:/cohorts/" + id + "/evaluation?revoked=" + number)
          : Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)));
    }).as(NotFound::orNotFound);
  }

  /**
   * One of the cohort's certificates as its PDF, for those who issue them (the institution within its reach,
   * the IT team): through the store's short-lived redirect, like the learner's own download.
   */
  @GetMapping("/cohorts/{id}/certificates/{number}")
  Mono<ResponseEntity<Void>> pdf(@AuthenticationPrincipal Caller caller, @PathVariable long id, @PathVariable String number) {
    return issuer(caller, id)
        .flatMap(scope -> certificates.ofCohort(id))
        .flatMap(all -> Mono.justOrEmpty(all.values().stream()
            .filter(c -> c.number().equals(number) && c.objectKey() != null).findFirst()))
        .flatMap(certificates::url)
        .map(StoreRedirect::to)
        .as(NotFound::orNotFound);
  }

  /** A whole module run's certificates at once (the IT team and supervisors, who manage runs). */
  @PostMapping("/runs/{id}/certificates")
  Mono<String> issueRun(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
    return certificates.numberRun(id, clock.instant())
        .flatMap(numbered -> audit.record(caller, "CERTIFICATES_ISSUED", "run", id, Map.of("numbered", numbered))
            .then(Mono.fromRunnable(() -> certificates.render(null).subscribe(
                n -> log.info("Run {}: {} certificate PDFs stored", id, n),
                e -> log.warn("Run {}: certificate batch stopped ({}); the resume job goes on", id, e.toString()))))
            .thenReturn("redirect:/runs/" + id + "?certificates=" + numbered));
  }

  /** Renders what a stopped batch left, on every node; the UPDATE's guard makes a double render harmless. */
  @Scheduled(initialDelayString = "${bdtx.certificates.resume-interval}", fixedDelayString = "${bdtx.certificates.resume-interval}")
  void resume() {
    jobs.run("certificate-resume", () -> certificates.render(null)).subscribe(n -> {
      if (n > 0) {
        log.info("Resumed certificate batch: {} PDFs stored", n);
      }
    }, e -> log.warn("Certificate resume failed ({}); next run retries", e.toString()));
  }

  @GetMapping("/learn/{cohortId}/certificate")
  Mono<ResponseEntity<Void>> download(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId) {
    return cohorts.enrollment(cohortId, caller.accountId())
        .flatMap(e -> certificates.ofEnrollment(e.id()))
        .filter(c -> c.objectKey() != null && !c.revoked())
        .flatMap(certificates::url)
        .map(StoreRedirect::to)
        .as(NotFound::orNotFound);
  }

  /**
   * The verification form: a number typed from the paper (any case, spaces, the dashes a word processor
   * makes) goes to its page in the issued form.
   */
  @GetMapping("/verify")
  Mono<String> verifyForm(@org.springframework.web.bind.annotation.RequestParam(required = false) String number, Model model) {
    String n = CertificateNumber.normalise(number);
    if (!n.isEmpty()) {
      return Mono.just("redirect:/verify/" + java.net.URLEncoder.encode(n, java.nio.charset.StandardCharsets.UTF_8));
    }
    model.addAttribute("number", "");
    model.addAttribute("asked", false);
    return Mono.just("completion/verify");
  }

  /**
   * One number's page. Throttled per client address ({@link VerifyThrottle}): past the limit, 429 with the
   * verification page saying in how many minutes to try again, and no lookup.
   */
  @GetMapping("/verify/{number}")
  Mono<String> verify(@PathVariable String number, Model model, ServerWebExchange exchange) {
    String n = CertificateNumber.normalise(number);
    model.addAttribute("number", n);
    model.addAttribute("asked", true);
    return throttle.admit(exchange).flatMap(verdict -> {
      if (!verdict.allowed()) {
        long minutes = Math.max(1, (verdict.retryAfter().toSeconds() + 59) / 60);
        exchange.getResponse().setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(Math.max(1, verdict.retryAfter().toSeconds())));
        model.addAttribute("certificate", null);
        model.addAttribute("throttledMinutes", minutes);
        return Mono.just("completion/verify");
      }
      return certificates.byNumber(n).map(c -> {
        model.addAttribute("certificate", c);
        return "completion/verify";
      }).switchIfEmpty(Mono.defer(() -> {
        exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
        model.addAttribute("certificate", null);
        return throttle.missed(exchange).thenReturn("completion/verify");
      }));
    });
  }
}
