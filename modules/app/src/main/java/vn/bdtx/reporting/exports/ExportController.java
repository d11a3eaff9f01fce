package vn.bdtx.reporting.exports;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.accounts.SchoolYear;
import vn.bdtx.domain.reporting.DownloadNames;
import vn.bdtx.domain.cohorts.CohortSchedule;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.spreadsheet.TableExport;
import vn.bdtx.regulation.Regulations;
import vn.bdtx.reporting.ReportScope;

/**
 * The formal exports at /reports/exports/…: who asks is checked twice on the server,
 * by role (the reporting roles, else 403) and by scope (a unit or run outside the
 * caller's grants, or a caller whose grants reach no unit, gets 404); every row is
 * filtered by {@link ReportScope} again in its query. {@code unit} omitted means the
 * caller's whole scope; {@code year} omitted the current school year.
 */
@Controller
class ExportController {

  private final ExportUnits units;
  private final ResultsReport results;
  private final TeacherYears years;
  private final CertificateRegister register;
  private final CertificateZip zip;
  private final Regulations regulations;
  private final ExportTexts texts;
  private final AuditLog audit;
  private final Clock clock;

  ExportController(ExportUnits units, ResultsReport results, TeacherYears years, CertificateRegister register,
                   CertificateZip zip, Regulations regulations, ExportTexts texts, AuditLog audit, Clock clock) {
    this.units = units;
    this.results = results;
    this.years = years;
    this.register = register;
    this.zip = zip;
    this.regulations = regulations;
    this.texts = texts;
    this.audit = audit;
    this.clock = clock;
  }

  /** The caller's reporting scope over whole units: 403 without a reporting role, 404 when it reaches no unit. */
  private static ReportScope scope(Caller caller) {
    if (ReportScope.ROLES.stream().noneMatch(caller::hasRole)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN);
    }
    var scope = ReportScope.of(caller);
    if (!scope.seesUnits()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    return scope;
  }

  private SchoolYear year(String year) {
    if (year == null || year.isBlank()) {
      return SchoolYear.of(LocalDate.ofInstant(clock.instant(), CohortSchedule.ZONE));
    }
    return SchoolYear.parse(year).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
  }

  private static TableExport.Format format(ServerWebExchange exchange) {
    return exchange.getRequest().getPath().value().endsWith(".csv") ? TableExport.Format.CSV : TableExport.Format.XLSX;
  }

  /** The unit asked for, when reachable (else 404); empty Optional for the caller's whole scope. */
  private Mono<java.util.Optional<ExportUnits.Unit>> unit(Long unit, ReportScope scope) {
    if (unit == null) {
      return Mono.just(java.util.Optional.empty());
    }
    return units.reachable(unit, scope).map(java.util.Optional::of)
        .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)));
  }

  /** The exports page: the units, runs and school years the caller may export, as plain forms. */
  @GetMapping("/reports/exports")
  Mono<String> page(@AuthenticationPrincipal Caller caller, Model model) {
    var scope = scope(caller);
    return Mono.zip(units.offered(scope), units.runs(scope), units.years()).map(t -> {
      String current = year(null).toString();
      var all = new java.util.ArrayList<>(t.getT3());
      if (!all.contains(current)) {
        all.add(0, current);
      }
      all.sort(java.util.Comparator.reverseOrder());
      model.addAttribute("units", t.getT1());
      model.addAttribute("runs", t.getT2());
      model.addAttribute("years", all);
      model.addAttribute("currentYear", current);
      return "reporting/exports";
    });
  }

  /** The module results report of a unit for a run (or a school year): a line per unit below it, and the total. */
  @GetMapping({"/reports/exports/results.xlsx", "/reports/exports/results.csv"})
  Mono<ResponseEntity<Flux<DataBuffer>>> results(@AuthenticationPrincipal Caller caller,
                                                 @RequestParam(required = false) Long unit,
                                                 @RequestParam(required = false) Long run,
                                                 @RequestParam(required = false) String year,
                                                 ServerWebExchange exchange) {
    var scope = scope(caller);
    var format = format(exchange);
    var schoolYear = run == null ? year(year) : null;
    Mono<ExportUnits.Run> period = run == null ? Mono.just(new ExportUnits.Run(0, null, schoolYear.toString(), null))
        : units.run(run, scope).switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)));
    return unit(unit, scope).zipWith(period).flatMap(t -> {
      var chosen = t.getT1();
      var r = t.getT2();
      Mono<List<ExportUnits.Unit>> rowsOf = chosen.isPresent() ? units.below(chosen.get()).collectList()
          : units.top(scope).collectList().flatMap(top -> top.size() == 1 ? units.below(top.get(0)).collectList() : Mono.just(top));
      Mono<String> title = chosen.isPresent() ? Mono.just(chosen.get().name())
          : units.top(scope).collectList().map(top -> top.size() == 1 ? top.get(0).name() : "");
      var when = new ResultsReport.Period(run, run == null ? schoolYear.toString() : r.schoolYear());
      String periodName = run == null ? texts.get("reporting.exports.yearName", schoolYear.toString()) : r.name();
      return Mono.zip(rowsOf, title).flatMap(u -> results.rows(u.getT1(), when, scope).flatMap(rows ->
          audited(caller, "reporting.exports.results.title", format, chosen, Map.of("period", periodName))
              .thenReturn(download(format, texts.get("reporting.exports.results.file", named(u.getT2()), periodName),
                  texts.get("reporting.exports.results.sheet"), results.columns(), Flux.fromIterable(rows)))));
    });
  }

  /** The school year's BDTX status, one row per teacher of the unit. */
  @GetMapping({"/reports/exports/year-status.xlsx", "/reports/exports/year-status.csv"})
  Mono<ResponseEntity<Flux<DataBuffer>>> yearStatus(@AuthenticationPrincipal Caller caller,
                                                    @RequestParam(required = false) Long unit,
                                                    @RequestParam(required = false) String year,
                                                    ServerWebExchange exchange) {
    var scope = scope(caller);
    var format = format(exchange);
    var schoolYear = year(year);
    // The year is judged by the regulation in force for it: today's while it runs, the one of 1 September after it ends.
    Instant now = clock.instant();
    Instant yearEnd = LocalDate.of(schoolYear.startYear() + 1, 9, 1).atStartOfDay(CohortSchedule.ZONE).toInstant();
    return unit(unit, scope).zipWith(regulations.at(now.isBefore(yearEnd) ? now : yearEnd)).flatMap(t ->
        title(t.getT1(), scope).flatMap(name -> audited(caller, "reporting.exports.year.title", format, t.getT1(), Map.of("year", schoolYear.toString()))
            .thenReturn(download(format, texts.get("reporting.exports.year.file", schoolYear.toString(), named(name)),
                texts.get("reporting.exports.year.sheet"), years.columns(),
                years.rows(t.getT1().orElse(null), schoolYear, t.getT2(), scope)))));
  }

  /** The certificate register of the unit for a school year. */
  @GetMapping({"/reports/exports/certificates.xlsx", "/reports/exports/certificates.csv"})
  Mono<ResponseEntity<Flux<DataBuffer>>> certificates(@AuthenticationPrincipal Caller caller,
                                                      @RequestParam(required = false) Long unit,
                                                      @RequestParam(required = false) String year,
                                                      ServerWebExchange exchange) {
    var scope = scope(caller);
    var format = format(exchange);
    var schoolYear = year(year);
    return unit(unit, scope).flatMap(u -> title(u, scope).flatMap(name ->
        audited(caller, "reporting.exports.certificates.title", format, u, Map.of("year", schoolYear.toString()))
            .thenReturn(download(format, texts.get("reporting.exports.certificates.file", named(name), schoolYear.toString()),
                texts.get("reporting.exports.certificates.sheet"), register.columns(),
                register.rows(u.orElse(null), schoolYear, scope)))));
  }

  /** A run's valid certificates of learners in the caller's scope, as one ZIP of PDFs written as it is sent. */
  @GetMapping("/reports/exports/runs/{runId}/certificates.zip")
  Mono<ResponseEntity<Flux<DataBuffer>>> certificateZip(@AuthenticationPrincipal Caller caller, @PathVariable long runId) {
    var scope = scope(caller);
    return units.run(runId, scope)
        .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)))
        .flatMap(run -> audit.record(caller, "REPORT_EXPORTED", "run", runId, Map.of("report", texts.get("reporting.exports.zip.title")))
            .thenReturn(ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                    DownloadNames.attachment(texts.get("reporting.exports.zip.file", run.name()) + ".zip"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(zip.write(runId, scope))));
  }

  private Mono<String> title(java.util.Optional<ExportUnits.Unit> unit, ReportScope scope) {
    return unit.isPresent() ? Mono.just(unit.get().name())
        : units.top(scope).collectList().map(top -> top.size() == 1 ? top.get(0).name() : "");
  }

  private String named(String unitName) {
    return unitName == null || unitName.isBlank() ? texts.get("reporting.exports.wholeScope") : unitName;
  }

  private Mono<Void> audited(Caller caller, String report, TableExport.Format format, java.util.Optional<ExportUnits.Unit> unit,
                             Map<String, String> details) {
    var d = new java.util.LinkedHashMap<String, Object>(details);
    d.put("report", texts.get(report) + " (" + format.extension().toUpperCase(java.util.Locale.ROOT) + ")");
    return audit.record(caller, "REPORT_EXPORTED", "org_unit", unit.map(ExportUnits.Unit::id).orElse(null), d);
  }

  private static ResponseEntity<Flux<DataBuffer>> download(TableExport.Format format, String fileBase, String sheet,
                                                           List<TableExport.Column> columns, Flux<? extends List<?>> rows) {
    return ResponseEntity.ok()
        .contentType(format.mediaType())
        .header(HttpHeaders.CONTENT_DISPOSITION, DownloadNames.attachment(fileBase + "." + format.extension()))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(TableExport.write(format, sheet, columns, rows));
  }
}
