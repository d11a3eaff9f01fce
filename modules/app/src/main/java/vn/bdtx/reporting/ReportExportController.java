package vn.bdtx.reporting;

import java.util.Locale;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.spreadsheet.TableExport;
import vn.bdtx.platform.web.NotFound;

/**
 * Every dashboard table as XLSX or CSV (UTF-8 with BOM), with the page's columns
 * and values (ReportTables builds both), under the same scope checks as the page.
 * The learners of a unit ({@code table=people}) are streamed from the database
 * to the file row by row, so a province's list keeps memory flat.
 */
@Controller
class ReportExportController {

  private final ReportController pagesController;
  private final ReportQueries queries;
  private final ReportPages pages;
  private final ReportTables tables;

  ReportExportController(ReportController pagesController, ReportQueries queries, ReportPages pages,
                         ReportTables tables) {
    this.pagesController = pagesController;
    this.queries = queries;
    this.pages = pages;
    this.tables = tables;
  }

  private static TableExport.Format format(String extension) {
    return TableExport.Format.of(extension).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  private static ResponseEntity<Flux<DataBuffer>> file(TableExport.Format format, String name, String sheet,
                                                        ReportTable table) {
    if (table == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    return TableExport.response(format, name, sheet, table.columns(), Flux.fromIterable(table.rows()));
  }

  private static ReportTable pick(ReportPages.LevelPage page, String table) {
    return switch (table == null ? "below" : table) {
      case "below" -> page.below();
      case "runs" -> page.runs();
      case "funnel" -> page.funnel();
      case "scores" -> page.scores();
      case "people" -> page.people();
      default -> null;
    };
  }

  private static String periodName(ReportPages.Chosen chosen) {
    return chosen.period().runId() != null ? "dot-" + chosen.period().runId() : chosen.year();
  }

  /** The tables of the caller's top level (several units, or a core teacher's groups). */
  @GetMapping("/reports/export.{format}")
  Mono<ResponseEntity<Flux<DataBuffer>>> top(@AuthenticationPrincipal Caller caller, @PathVariable String format,
                                             @RequestParam(required = false) String table,
                                             @RequestParam(required = false) Long run,
                                             @RequestParam(required = false) String year,
                                             @RequestParam(required = false) String groups, Locale locale) {
    var f = format(format);
    ReportScope scope = ReportScope.of(caller);
    return NotFound.orNotFound(pagesController.topPage(scope, groups != null, run, year, locale))
        .map(page -> file(f, "bao-cao-" + (table == null ? "below" : table) + "-" + periodName(page.chosen()),
            sheet(locale, table), pick(page, table)));
  }

  /** A unit's tables; {@code table=people} streams every learner of the unit in the period. */
  @GetMapping("/reports/units/{orgUnitId}/export.{format}")
  Mono<ResponseEntity<Flux<DataBuffer>>> unit(@AuthenticationPrincipal Caller caller, @PathVariable long orgUnitId,
                                              @PathVariable String format,
                                              @RequestParam(required = false) String table,
                                              @RequestParam(required = false) Long run,
                                              @RequestParam(required = false) String year, Locale locale) {
    var f = format(format);
    ReportScope scope = ReportScope.of(caller);
    return NotFound.orNotFound(queries.unitInScope(orgUnitId, scope)).flatMap(unit -> pages.period(run, year)
        .flatMap(chosen -> {
          String name = "bao-cao-" + unit.code() + "-" + (table == null ? "below" : table) + "-" + periodName(chosen);
          if ("people".equals(table)) {
            var texts = tables.in(locale);
            var today = pages.today();
            var where = ReportQueries.unitWhere(unit);
            Flux<java.util.List<Object>> rows = queries.rows(where.getKey(), where.getValue(), chosen.period(), scope,
                    "s.name, p.full_name, e.account_id, c.start_date")
                .map(r -> texts.personCells(r, today));
            return Mono.just(TableExport.response(f, name, sheet(locale, table), texts.peopleColumns(), rows));
          }
          return pages.unit(unit, chosen, scope, locale).map(page -> file(f, name, sheet(locale, table), pick(page, table)));
        }));
  }

  /** A class's tables (its learners in scope, its funnel, its grades). */
  @GetMapping("/reports/cohorts/{cohortId}/export.{format}")
  Mono<ResponseEntity<Flux<DataBuffer>>> cohort(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId,
                                                @PathVariable String format,
                                                @RequestParam(required = false) String table,
                                                @RequestParam(required = false) Long unit, Locale locale) {
    var f = format(format);
    ReportScope scope = ReportScope.of(caller);
    Mono<Optional<ReportQueries.Unit>> narrow = unit == null ? Mono.just(Optional.empty())
        : NotFound.orNotFound(queries.unitInScope(unit, scope)).map(Optional::of);
    return narrow.flatMap(n -> NotFound.orNotFound(queries.reachesCohort(cohortId, scope).filter(Boolean::booleanValue))
        .flatMap(ok -> NotFound.orNotFound(queries.cohort(cohortId)))
        .flatMap(c -> pages.cohort(c, n.orElse(null), scope, locale))
        .map(page -> {
          String t = table == null ? "people" : table;
          ReportTable chosen = switch (t) {
            case "people" -> page.people();
            case "funnel" -> page.funnel();
            case "scores" -> page.scores();
            default -> null;
          };
          return file(f, "bao-cao-lop-" + cohortId + "-" + t, sheet(locale, t), chosen);
        }));
  }

  /** A teacher's history. */
  @GetMapping("/reports/people/{accountId}/export.{format}")
  Mono<ResponseEntity<Flux<DataBuffer>>> person(@AuthenticationPrincipal Caller caller, @PathVariable long accountId,
                                                @PathVariable String format, Locale locale) {
    var f = format(format);
    ReportScope scope = ReportScope.of(caller);
    return NotFound.orNotFound(pagesController.history(accountId, scope))
        .flatMap(t -> pages.person(t.getT1().orElse(null), accountId, t.getT2(), locale))
        .map(page -> file(f, "qua-trinh-boi-duong-" + accountId, sheet(locale, "history"), page.history()));
  }

  private String sheet(Locale locale, String table) {
    return tables.in(locale).t("reporting.sheet." + (table == null ? "below" : table));
  }
}
