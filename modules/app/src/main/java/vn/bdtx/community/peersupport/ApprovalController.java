package vn.bdtx.community.peersupport;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bdtx.accounts.People;
import vn.bdtx.cohorts.Runs;
import vn.bdtx.domain.community.PeerSupportDecision;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.NotFound;

/**
 * The approver's queue (/peer-support/approvals) and one version to decide on: the principal sees their school's
 * core teachers, a district officer their district's, the department the rest (seed 001, 8.3). A version someone
 * else approves is 404.
 */
@Controller
class ApprovalController {

  /** The decision form: APPROVED or RETURNED, and the comment (required when returning). */
  static final class DecisionForm {
    private String verdict = "";
    private String comment = "";

    public String getVerdict() {
      return verdict;
    }

    public void setVerdict(String verdict) {
      this.verdict = verdict == null ? "" : verdict;
    }

    public String getComment() {
      return comment;
    }

    public void setComment(String comment) {
      this.comment = comment == null ? "" : comment;
    }
  }

  private final PeerSupport peerSupport;
  private final People people;
  private final Runs runs;
  private final AuditLog audit;
  private final Clock clock;

  ApprovalController(PeerSupport peerSupport, People people, Runs runs, AuditLog audit, Clock clock) {
    this.peerSupport = peerSupport;
    this.people = people;
    this.runs = runs;
    this.audit = audit;
    this.clock = clock;
  }

  @GetMapping("/peer-support/approvals")
  Mono<String> queue(@AuthenticationPrincipal Caller caller, Model model) {
    return peerSupport.queue(caller).flatMap(queue -> names(queue).map(n -> {
      model.addAttribute("queue", queue);
      model.addAttribute("names", n.people());
      model.addAttribute("units", n.units());
      model.addAttribute("runNames", n.runs());
      var now = clock.instant();
      model.addAttribute("ages", queue.stream().collect(java.util.stream.Collectors.toMap(PeerSupport.Version::id,
          v -> java.time.Duration.between(v.submittedAt(), now).toDays())));
      return "community/peersupport/approvals";
    }));
  }

  record Names(Map<Long, String> people, Map<Long, String> units, Map<Long, String> runs) {
  }

  private Mono<Names> names(List<PeerSupport.Version> versions) {
    var personIds = new java.util.LinkedHashSet<Long>();
    var unitIds = new java.util.LinkedHashSet<Long>();
    versions.forEach(v -> {
      personIds.add(v.authorId());
      personIds.addAll(v.colleagueIds());
      unitIds.addAll(v.clusterIds());
      if (v.schoolId() != null) {
        unitIds.add(v.schoolId());
      }
    });
    return people.listed(personIds).map(l -> l.stream().collect(java.util.stream.Collectors.toMap(People.Listed::id,
            People.Listed::fullName)))
        .zipWith(people.unitNames(unitIds))
        .zipWith(runs.names(versions.stream().map(PeerSupport.Version::runId).distinct().toList()))
        .map(t -> new Names(t.getT1().getT1(), t.getT1().getT2(), t.getT2()));
  }

  @GetMapping("/peer-support/approvals/{id}")
  Mono<String> one(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) {
    return peerSupport.forApprover(caller, id).flatMap(v -> page(v, model)).as(NotFound::orNotFound);
  }

  private Mono<String> page(PeerSupport.Version v, Model model) {
    return names(List.of(v)).zipWith(peerSupport.due(v.runId())).map(t -> {
      model.addAttribute("v", v);
      model.addAttribute("names", t.getT1().people());
      model.addAttribute("units", t.getT1().units());
      model.addAttribute("runNames", t.getT1().runs());
      model.addAttribute("due", t.getT2());
      model.addAttribute("form", model.asMap().getOrDefault("form", new DecisionForm()));
      return "community/peersupport/approval";
    });
  }

  /** Approve or return: 303 to the queue; a return without a comment is 422, a second decision 409. */
  @PostMapping("/peer-support/approvals/{id}")
  Mono<String> decide(@AuthenticationPrincipal Caller caller, @PathVariable long id, DecisionForm form,
                      ServerWebExchange exchange, Model model) {
    PeerSupportDecision.Verdict verdict = "APPROVED".equals(form.getVerdict()) ? PeerSupportDecision.Verdict.APPROVED
        : "RETURNED".equals(form.getVerdict()) ? PeerSupportDecision.Verdict.RETURNED : null;
    return peerSupport.forApprover(caller, id).flatMap(v -> peerSupport.decide(caller, id, verdict, form.getComment(),
            clock.instant())
        .flatMap(refusal -> {
          if (refusal.isEmpty()) {
            return audit.record(caller,
                    verdict == PeerSupportDecision.Verdict.APPROVED ? "PEER_SUPPORT_APPROVED" : "PEER_SUPPORT_RETURNED",
                    "peer_support_version", id, Map.of("version", v.version()))
                .thenReturn("redirect:/peer-support/approvals?decided=" + id);
          }
          exchange.getResponse().setStatusCode(switch (refusal.get()) {
            case ALREADY_DECIDED, NOT_LATEST -> HttpStatus.CONFLICT;
            default -> HttpStatus.UNPROCESSABLE_ENTITY;
          });
          model.addAttribute("problem", "community.peersupport.decision." + refusal.get().name());
          model.addAttribute("form", form);
          return peerSupport.byId(id).flatMap(fresh -> page(fresh, model));
        }))
        .as(NotFound::orNotFound);
  }
}
