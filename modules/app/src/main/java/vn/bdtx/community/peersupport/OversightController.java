package vn.bdtx.community.peersupport;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.cohorts.Runs;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.spreadsheet.TableExport;
import vn.bdtx.platform.web.NotFound;

/**
 * /peer-support/oversight: per run, who has not handed in or not had approved their plan or report, with ages, and
 * its XLSX/CSV export; /peer-support/due/{run}: the run's due dates, set by a supervisor or the IT team.
 */
@Controller
class OversightController {

  /** The due-dates form: ISO dates, empty for the default. */
  static final class DueForm {
    private String plan = "";
    private String report = "";

    public String getPlan() {
      return plan;
    }

    public void setPlan(String plan) {
      this.plan = plan == null ? "" : plan;
    }

    public String getReport() {
      return report;
    }

    public void setReport(String report) {
      this.report = report == null ? "" : report;
    }
  }

  private final Oversight oversight;
  private final PeerSupport peerSupport;
  private final Runs runs;
  private final MessageSource messages;
  private final AuditLog audit;
  private final Clock clock;

  OversightController(Oversight oversight, PeerSupport peerSupport, Runs runs, MessageSource messages, AuditLog audit,
                      Clock clock) {
    this.oversight = oversight;
    this.peerSupport = peerSupport;
    this.runs = runs;
    this.messages = messages;
    this.audit = audit;
    this.clock = clock;
  }

  /** The chosen run, else the newest; empty when the chosen one does not exist. */
  private Mono<Runs.RunRow> run(Long runId) {
    return runId == null ? runs.all().next() : runs.find(runId);
  }

  @GetMapping("/peer-support/oversight")
  Mono<String> page(@AuthenticationPrincipal Caller caller, @RequestParam(name = "run", required = false) Long runId,
                    Model model) {
    Mono<String> none = runs.all().collectList().map(all -> {
      model.addAttribute("runs", all);
      model.addAttribute("run", null);
      return "community/peersupport/oversight";
    });
    return run(runId).flatMap(run -> runs.all().collectList().zipWith(oversight.report(caller, run.id(), clock.instant()))
            .zipWith(peerSupport.due(run.id()))
            .map(t -> {
              model.addAttribute("runs", t.getT1().getT1());
              model.addAttribute("run", run);
              model.addAttribute("report", t.getT1().getT2());
              model.addAttribute("due", t.getT2());
              model.addAttribute("setsDue", Oversight.everything(caller));
              return "community/peersupport/oversight";
            }))
        .switchIfEmpty(runId == null ? none : Mono.error(new org.springframework.web.server.ResponseStatusException(
            HttpStatus.NOT_FOUND)));
  }

  @GetMapping("/peer-support/oversight/export.{format}")
  Mono<ResponseEntity<Flux<DataBuffer>>> export(@AuthenticationPrincipal Caller caller, @PathVariable String format,
                                                @RequestParam(name = "run", required = false) Long runId) {
    var f = TableExport.Format.of(format);
    if (f.isEmpty()) {
      return Mono.error(new org.springframework.web.server.ResponseStatusException(HttpStatus.NOT_FOUND));
    }
    // Formal exports are in Vietnamese whatever the page's language (as reporting's exports).
    var locale = java.util.Locale.forLanguageTag("vi");
    return run(runId).flatMap(run -> oversight.report(caller, run.id(), clock.instant()).map(report -> {
      List<TableExport.Column> columns = List.of(
          TableExport.text(msg("community.peersupport.col.person", locale)),
          TableExport.text(msg("community.peersupport.col.school", locale)),
          TableExport.text(msg("community.peersupport.col.kind", locale)),
          TableExport.text(msg("community.peersupport.col.status", locale)),
          TableExport.text(msg("community.peersupport.col.late", locale)),
          TableExport.date(msg("community.peersupport.col.due", locale)),
          TableExport.dateTime(msg("community.peersupport.col.since", locale)),
          TableExport.integer(msg("community.peersupport.col.age", locale)));
      var rows = Flux.fromIterable(report.rows()).map(r -> TableExport.row(r.authorName(), r.schoolName(),
          msg("community.peersupport.kind." + r.kind().name(), locale),
          msg("community.peersupport.status." + r.status().name(), locale),
          !r.late() ? "" : msg(r.status() == Oversight.Status.NOT_SUBMITTED ? "community.peersupport.overdue"
              : "community.peersupport.late", locale), r.due(), r.since(), r.ageDays()));
      return TableExport.response(f.get(), "ho-tro-dong-nghiep-" + run.id(), msg("community.peersupport.sheet", locale),
          columns, rows);
    })).as(NotFound::orNotFound);
  }

  private String msg(String key, java.util.Locale locale) {
    return messages.getMessage(key, null, key, locale);
  }

  @GetMapping("/peer-support/due/{runId}")
  Mono<String> due(@PathVariable long runId, Model model) {
    return runs.find(runId).zipWith(peerSupport.due(runId)).map(t -> {
      model.addAttribute("run", t.getT1());
      model.addAttribute("due", t.getT2());
      return "community/peersupport/due";
    }).as(NotFound::orNotFound);
  }

  /** Sets the run's due dates: 303 to the oversight page; a date that is not one is 422. */
  @PostMapping("/peer-support/due/{runId}")
  Mono<String> setDue(@AuthenticationPrincipal Caller caller, @PathVariable long runId, DueForm form,
                      ServerWebExchange exchange, Model model) {
    return runs.find(runId).flatMap(run -> {
      LocalDate plan;
      LocalDate report;
      try {
        plan = form.getPlan().isBlank() ? null : LocalDate.parse(form.getPlan().strip());
        report = form.getReport().isBlank() ? null : LocalDate.parse(form.getReport().strip());
      } catch (DateTimeParseException e) {
        exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
        model.addAttribute("problem", "community.peersupport.due.bad");
        return peerSupport.due(runId).map(d -> {
          model.addAttribute("run", run);
          model.addAttribute("due", d);
          return "community/peersupport/due";
        });
      }
      return peerSupport.setDue(caller, runId, plan, report, clock.instant())
          .then(audit.record(caller, "PEER_SUPPORT_DUE_SET", "module_run", runId,
              java.util.Map.of("plan", String.valueOf(plan), "report", String.valueOf(report))))
          .thenReturn("redirect:/peer-support/oversight?run=" + runId);
    }).as(NotFound::orNotFound);
  }
}
