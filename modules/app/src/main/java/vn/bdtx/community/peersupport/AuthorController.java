package vn.bdtx.community.peersupport;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import reactor.core.publisher.Mono;
import vn.bdtx.assignments.Submissions;
import vn.bdtx.cohorts.Runs;
import vn.bdtx.domain.community.PeerSupportKind;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.storage.FileTypes;
import vn.bdtx.platform.web.NotFound;

/**
 * The author's pages (core teachers and core managers, CORE_TEACHER): /peer-support lists the runs, /peer-support/runs/{id}
 * shows the due dates, every version of the plan and the report with its decision, and the upload forms. A file
 * of a version opens for its author, its approver and who oversees it, nobody else (404).
 */
@Controller
class AuthorController {

  private final PeerSupport peerSupport;
  private final Runs runs;
  private final AuditLog audit;
  private final Clock clock;

  AuthorController(PeerSupport peerSupport, Runs runs, AuditLog audit, Clock clock) {
    this.peerSupport = peerSupport;
    this.runs = runs;
    this.audit = audit;
    this.clock = clock;
  }

  @GetMapping("/peer-support")
  Mono<String> home(@AuthenticationPrincipal Caller caller, Model model) {
    return runs.all().collectList().zipWith(runs.ledBy(caller.accountId())).zipWith(peerSupport.latestOf(caller.accountId()))
        .map(t -> {
          var led = Set.copyOf(t.getT1().getT2());
          var latest = t.getT2();
          var handedIn = latest.stream().map(PeerSupport.Version::runId).collect(java.util.stream.Collectors.toSet());
          var all = t.getT1().getT1();
          var mine = all.stream().filter(r -> led.contains(r.id()) || handedIn.contains(r.id())).toList();
          model.addAttribute("runs", mine.isEmpty() ? all : mine);
          model.addAttribute("latest", latest);
          return "community/peersupport/home";
        });
  }

  @GetMapping("/peer-support/runs/{runId}")
  Mono<String> run(@AuthenticationPrincipal Caller caller, @PathVariable long runId, Model model) {
    return runs.find(runId).flatMap(run -> page(caller, run, model)).as(NotFound::orNotFound);
  }

  private Mono<String> page(Caller caller, Runs.RunRow run, Model model) {
    return peerSupport.author(caller.accountId()).flatMap(author -> peerSupport.due(run.id())
        .zipWith(peerSupport.versions(caller.accountId(), run.id()))
        .zipWith(peerSupport.clusterChoices(caller.accountId(), run.id())
            .flatMap(clusters -> peerSupport.colleagueChoices(author, clusters.keySet()).map(c -> Map.entry(clusters, c))))
        .map(t -> {
          var due = t.getT1().getT1();
          var versions = t.getT1().getT2();
          model.addAttribute("run", run);
          model.addAttribute("due", due);
          model.addAttribute("author", author);
          model.addAttribute("plans", versions.stream().filter(v -> v.kind() == PeerSupportKind.PLAN).toList());
          model.addAttribute("reports", versions.stream().filter(v -> v.kind() == PeerSupportKind.REPORT).toList());
          model.addAttribute("clusters", t.getT2().getKey());
          model.addAttribute("colleagues", t.getT2().getValue());
          model.addAttribute("planKey", UUID.randomUUID());
          model.addAttribute("reportKey", UUID.randomUUID());
          model.addAttribute("maxSize", FileTypes.human(peerSupport.maxSize()));
          model.addAttribute("now", clock.instant());
          return "community/peersupport/run";
        }));
  }

  /**
   * The upload: {@code key} (the form's one-time key), {@code file}, {@code colleagues} and {@code clusters} (ids).
   * Stored: 303 back to the page. Refused: 422 with the reason, nothing stored; 409 while a version waits or after
   * approval. The same key again answers with the version it already made.
   */
  @PostMapping("/peer-support/runs/{runId}/{kind}")
  Mono<String> submit(@AuthenticationPrincipal Caller caller, @PathVariable long runId, @PathVariable String kind,
                      ServerWebExchange exchange, Model model) {
    Instant now = clock.instant();
    var parsed = PeerSupportKind.parse(kind);
    if (parsed.isEmpty()) {
      return Mono.error(new org.springframework.web.server.ResponseStatusException(HttpStatus.NOT_FOUND));
    }
    return runs.find(runId).flatMap(run -> peerSupport.author(caller.accountId()).flatMap(author ->
        exchange.getMultipartData().flatMap(parts -> {
          UUID key = uuid(parts.getFirst("key"));
          var file = parts.getOrDefault("file", List.of()).stream()
              .filter(p -> p instanceof FilePart fp && fp.filename() != null && !fp.filename().isBlank())
              .map(p -> (FilePart) p).findFirst();
          if (key == null) {
            exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
            model.addAttribute("problem", "community.peersupport.refused.NO_KEY");
            return page(caller, run, model);
          }
          List<Long> colleagues = ids(parts.getOrDefault("colleagues", List.of()));
          List<Long> clusters = ids(parts.getOrDefault("clusters", List.of()));
          List<Path> temps = new ArrayList<>();
          Mono<Submissions.Received> received = file.map(f -> Submissions.receive(f, temps)).orElse(Mono.empty());
          return received.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
              .flatMap(r -> peerSupport.submit(author, runId, parsed.get(), key, r.orElse(null), colleagues, clusters, now))
              .flatMap(outcome -> {
                if (outcome instanceof PeerSupport.Outcome.Stored stored) {
                  Mono<Void> after = stored.again() ? Mono.empty() : audit.record(caller, "PEER_SUPPORT_SUBMITTED",
                      "peer_support_version", stored.version().id(), Map.of("run", runId, "kind", parsed.get().name(),
                          "version", stored.version().version()));
                  return after.thenReturn("redirect:/peer-support/runs/" + runId + "?received="
                      + parsed.get().name() + "-" + stored.version().version());
                }
                var refusal = ((PeerSupport.Outcome.Refused) outcome).refusal();
                exchange.getResponse().setStatusCode(refusal == PeerSupport.Refusal.PENDING
                    || refusal == PeerSupport.Refusal.APPROVED ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY);
                model.addAttribute("problem", "community.peersupport.refused." + refusal.name());
                return page(caller, run, model);
              })
              .doFinally(signal -> Submissions.delete(temps));
        }))).as(NotFound::orNotFound);
  }

  private static List<Long> ids(List<Part> parts) {
    List<Long> ids = new ArrayList<>();
    for (Part p : parts) {
      if (p instanceof FormFieldPart f) {
        try {
          ids.add(Long.parseLong(f.value().strip()));
        } catch (NumberFormatException ignored) {
          ids.add(-1L);
        }
      }
    }
    return ids.stream().distinct().toList();
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

  /**
   * The file of a version, through the app so that its headers are ours: shown in the browser only when it is a PDF,
   * else downloaded (Content-Disposition attachment); never sniffed, never cached.
   */
  @GetMapping("/peer-support/versions/{id}/file")
  Mono<ResponseEntity<byte[]>> file(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
    return peerSupport.forReader(caller, id).flatMap(v -> peerSupport.read(v).map(bytes -> ResponseEntity.ok()
            .contentType(MediaType.parseMediaType(download(v).contentType()))
            .header(HttpHeaders.CONTENT_DISPOSITION, download(v).disposition())
            .header("X-Content-Type-Options", "nosniff")
            .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
            .body(bytes)))
        .as(NotFound::orNotFound);
  }

  /** Shown in the browser only when it is a PDF (the only type shown inline that a version may be), else downloaded. */
  private static vn.bdtx.domain.text.Downloads.Answer download(PeerSupport.Version v) {
    return vn.bdtx.domain.text.Downloads.of(v.contentType(), v.fileName());
  }
}
