package vn.bdtx.reporting.exports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.reporting.ReportScope;

/**
 * The units, runs and school years an export may be asked for, from the read model
 * ({@code report_unit}, {@code report_cohort}), each only where the caller's
 * {@link ReportScope} reaches.
 */
@Service
class ExportUnits {

  /** A unit as reports name and filter it. */
  record Unit(long id, String kind, String code, String name, Long provinceId, Long districtId) {

    Long province() {
      return "DEPARTMENT".equals(kind) ? Long.valueOf(id) : provinceId;
    }

    Long district() {
      return "DISTRICT_OFFICE".equals(kind) ? Long.valueOf(id) : districtId;
    }

    Long school() {
      return "SCHOOL".equals(kind) ? Long.valueOf(id) : null;
    }

    /** The read model's column that places a row inside this unit. */
    String column() {
      return switch (kind) {
        case "DEPARTMENT" -> "province_id";
        case "DISTRICT_OFFICE" -> "district_id";
        default -> "school_id";
      };
    }

    boolean reachedBy(ReportScope scope) {
      return scope.reaches(province(), district(), school());
    }
  }

  /** A module run with a class in the caller's scope. */
  record Run(long id, String name, String schoolYear, LocalDate start) {
  }

  static final String UNIT_COLUMNS = "u.id, u.kind, u.code, u.name, u.province_id, u.district_id";

  private final DatabaseClient db;

  ExportUnits(vn.bdtx.reporting.ReportsDatabase reports) {
    this.db = reports.db();
  }

  static Unit unit(io.r2dbc.spi.Readable r) {
    return new Unit(r.get("id", Long.class), r.get("kind", String.class), r.get("code", String.class),
        r.get("name", String.class), r.get("province_id", Long.class), r.get("district_id", Long.class));
  }

  /** The unit, when it is a department, district office or school inside the scope; else empty (the caller's 404). */
  Mono<Unit> reachable(long id, ReportScope scope) {
    return db.sql("SELECT " + UNIT_COLUMNS + " FROM report_unit u WHERE u.id = :id"
            + " AND u.kind IN ('DEPARTMENT', 'DISTRICT_OFFICE', 'SCHOOL')")
        .bind("id", id).map((r, m) -> unit(r)).one()
        .filter(u -> u.reachedBy(scope));
  }

  /** The units the scope is granted on (its top units): the departments, district offices or schools of its grants. */
  Flux<Unit> top(ReportScope scope) {
    return scope.bindings(db.sql("SELECT " + UNIT_COLUMNS + " FROM report_unit u WHERE"
            + " (:scope_all AND u.kind = 'DEPARTMENT') OR u.id = ANY(:scope_provinces) OR u.id = ANY(:scope_districts)"
            + " OR u.id = ANY(:scope_schools) OR (u.id = :scope_core AND FALSE) ORDER BY u.name, u.id"))
        .map((r, m) -> unit(r)).all();
  }

  /** The rows of a results report of {@code unit}: a department's district offices and its own schools, a district's schools, a school itself. */
  Flux<Unit> below(Unit unit) {
    if ("SCHOOL".equals(unit.kind())) {
      return Flux.just(unit);
    }
    String kinds = "DEPARTMENT".equals(unit.kind()) ? "('DISTRICT_OFFICE', 'SCHOOL')" : "('SCHOOL')";
    return db.sql("SELECT " + UNIT_COLUMNS + " FROM report_unit u WHERE u.parent_id = :id AND u.kind IN " + kinds
            + " ORDER BY u.kind, u.name, u.id")
        .bind("id", unit.id()).map((r, m) -> unit(r)).all();
  }

  /** What the exports page offers: the top units and the units one level below them (schools of a district, districts of a province). */
  Mono<List<Unit>> offered(ReportScope scope) {
    return top(scope).collectList().flatMap(top -> Flux.fromIterable(top)
        .concatMap(u -> "SCHOOL".equals(u.kind()) ? Flux.<Unit>empty() : below(u).take(2000))
        .collectList().map(below -> {
          var all = new ArrayList<Unit>(top);
          below.stream().filter(b -> top.stream().noneMatch(t -> t.id() == b.id())).forEach(all::add);
          return List.copyOf(all);
        }));
  }

  /** The runs with at least one class in which the scope has a learner, newest first. */
  Mono<List<Run>> runs(ReportScope scope) {
    return scope.bindings(db.sql("""
            SELECT c.run_id, max(c.run_name) AS run_name, max(c.school_year) AS school_year, min(c.start_date) AS start_date
            FROM report_cohort c
            WHERE c.run_id IS NOT NULL
              -- the whole deployment sees every run without looking at a single enrollment
              AND (:scope_all OR EXISTS (SELECT 1 FROM report_enrollment e WHERE e.cohort_id = c.cohort_id AND
            """ + ReportScope.SQL + """
            ))
            GROUP BY c.run_id ORDER BY min(c.start_date) DESC, c.run_id DESC LIMIT 300"""))
        .map((r, m) -> new Run(r.get("run_id", Long.class), r.get("run_name", String.class), r.get("school_year", String.class),
            r.get("start_date", LocalDate.class)))
        .all().collectList();
  }

  /** A run when the scope has a learner in it; else empty. */
  Mono<Run> run(long runId, ReportScope scope) {
    return scope.bindings(db.sql("""
            SELECT c.run_id, max(c.run_name) AS run_name, max(c.school_year) AS school_year, min(c.start_date) AS start_date
            FROM report_cohort c WHERE c.run_id = :run
              AND EXISTS (SELECT 1 FROM report_enrollment e WHERE e.run_id = :run AND
            """ + ReportScope.SQL + """
            ) GROUP BY c.run_id"""))
        .bind("run", runId)
        .map((r, m) -> new Run(r.get("run_id", Long.class), r.get("run_name", String.class),
            r.get("school_year", String.class), r.get("start_date", LocalDate.class)))
        .one();
  }

  /** The school years the read model has classes in, newest first. */
  Mono<List<String>> years() {
    return db.sql("SELECT DISTINCT school_year FROM report_cohort ORDER BY school_year DESC LIMIT 20")
        .map((r, m) -> r.get(0, String.class)).all().collectList();
  }
}
