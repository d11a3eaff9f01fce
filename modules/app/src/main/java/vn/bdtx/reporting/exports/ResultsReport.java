package vn.bdtx.reporting.exports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.reporting.NotCompletedReason;
import vn.bdtx.platform.spreadsheet.TableExport;
import vn.bdtx.reporting.ReportScope;

/**
 * The module results report a school, a district office or the department sends
 * upwards (seed 000 §IV, seed 001 §5 step 5; DESIGN.md §4's targets): per unit the
 * people in it, the main enrollments registered, completed, the rate, those not
 * completed by reason, and the survey's positive share; then the total. One
 * grouped scan of {@code report_enrollment} and one of {@code report_person}.
 */
@Service
class ResultsReport {

  /** One line of the report. */
  record Line(String unit, long people, long registered, long completed, Map<NotCompletedReason, Long> reasons,
              long positive, long rated) {

    BigDecimal rate() {
      return share(completed, registered);
    }

    long notCompleted() {
      return registered - completed;
    }

    BigDecimal positivity() {
      return share(positive, rated);
    }

    static BigDecimal share(long part, long whole) {
      return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
  }

  /** What the report covers: a run, or every run of a school year. */
  record Period(Long runId, String schoolYear) {
  }

  private final DatabaseClient db;
  private final ExportTexts texts;

  ResultsReport(vn.bdtx.reporting.ReportsDatabase reports, ExportTexts texts) {
    this.db = reports.db();
    this.texts = texts;
  }

  List<TableExport.Column> columns() {
    var cols = new ArrayList<TableExport.Column>();
    cols.add(TableExport.integer(texts.get("reporting.exports.col.number")));
    cols.add(TableExport.text(texts.get("reporting.exports.results.col.unit")));
    cols.add(TableExport.integer(texts.get("reporting.exports.results.col.people")));
    cols.add(TableExport.integer(texts.get("reporting.exports.results.col.registered")));
    cols.add(TableExport.integer(texts.get("reporting.exports.results.col.completed")));
    cols.add(TableExport.percent(texts.get("reporting.exports.results.col.rate")));
    cols.add(TableExport.integer(texts.get("reporting.exports.results.col.notCompleted")));
    for (NotCompletedReason r : NotCompletedReason.values()) {
      cols.add(TableExport.integer(texts.get("reporting.exports.results.col.reason." + r.name())));
    }
    cols.add(TableExport.percent(texts.get("reporting.exports.results.col.positivity")));
    return List.copyOf(cols);
  }

  /** The table's rows: one per unit, numbered, then the total (no number). */
  Mono<List<List<Object>>> rows(List<ExportUnits.Unit> units, Period period, ReportScope scope) {
    return lines(units, period, scope).map(lines -> {
      var rows = new ArrayList<List<Object>>();
      int n = 0;
      long people = 0;
      long registered = 0;
      long completed = 0;
      long positive = 0;
      long rated = 0;
      var reasons = new EnumMap<NotCompletedReason, Long>(NotCompletedReason.class);
      for (Line l : lines) {
        rows.add(row(++n, l));
        people += l.people();
        registered += l.registered();
        completed += l.completed();
        positive += l.positive();
        rated += l.rated();
        l.reasons().forEach((k, v) -> reasons.merge(k, v, Long::sum));
      }
      rows.add(row(null, new Line(texts.get("reporting.exports.results.total"), people, registered, completed, reasons,
          positive, rated)));
      return List.copyOf(rows);
    });
  }

  private static List<Object> row(Integer number, Line l) {
    var row = new ArrayList<Object>();
    row.add(number);
    row.add(l.unit());
    row.add(l.people());
    row.add(l.registered());
    row.add(l.completed());
    row.add(l.rate());
    row.add(l.notCompleted());
    for (NotCompletedReason r : NotCompletedReason.values()) {
      row.add(l.reasons().getOrDefault(r, 0L));
    }
    row.add(l.positivity());
    return row;
  }

  /** The lines of these units, in their order. */
  Mono<List<Line>> lines(List<ExportUnits.Unit> units, Period period, ReportScope scope) {
    Long[] provinces = ids(units, "DEPARTMENT");
    Long[] districts = ids(units, "DISTRICT_OFFICE");
    Long[] schools = ids(units, "SCHOOL");
    String key = """
        CASE WHEN school_id = ANY(:s) THEN school_id WHEN district_id = ANY(:d) THEN district_id
             WHEN province_id = ANY(:p) THEN province_id END""";
    String within = "(school_id = ANY(:s) OR district_id = ANY(:d) OR province_id = ANY(:p))";
    String when = period.runId() != null ? "run_id = :period" : "school_year = :period";
    var enrollments = scope.bindings(db.sql("SELECT " + key + " AS u, outcome, missing, count(*) AS n,"
            + " sum(survey_positive) AS pos, sum(survey_rated) AS rated FROM report_enrollment"
            + " WHERE main AND " + when + " AND " + within + " AND " + ReportScope.SQL + " GROUP BY 1, 2, 3"))
        .bind("s", schools).bind("d", districts).bind("p", provinces)
        .bind("period", period.runId() != null ? (Object) period.runId() : period.schoolYear())
        .map((r, m) -> new Object[] {r.get("u", Long.class), r.get("outcome", String.class), r.get("missing", String.class),
            r.get("n", Long.class), number(r.get("pos")), number(r.get("rated"))})
        .all().collectList();
    var people = db.sql("SELECT " + key + " AS u, count(*) AS n FROM report_person WHERE enabled AND school_id IS NOT NULL AND " + within + " GROUP BY 1")
        .bind("s", schools).bind("d", districts).bind("p", provinces)
        .map((r, m) -> new long[] {r.get("u", Long.class), r.get("n", Long.class)})
        .all().collectMap(a -> a[0], a -> a[1]);
    return Mono.zip(enrollments, people).map(t -> {
      Map<Long, long[]> counts = new HashMap<>();
      Map<Long, EnumMap<NotCompletedReason, Long>> reasons = new HashMap<>();
      for (Object[] g : t.getT1()) {
        long u = (Long) g[0];
        long n = (Long) g[3];
        long[] c = counts.computeIfAbsent(u, k -> new long[4]);
        c[0] += n;
        c[2] += (Long) g[4];
        c[3] += (Long) g[5];
        var reason = NotCompletedReason.of((String) g[1], (String) g[2]);
        if (reason.isEmpty()) {
          c[1] += n;
        } else {
          reasons.computeIfAbsent(u, k -> new EnumMap<>(NotCompletedReason.class)).merge(reason.get(), n, Long::sum);
        }
      }
      var lines = new ArrayList<Line>();
      for (var u : units) {
        long[] c = counts.getOrDefault(u.id(), new long[4]);
        lines.add(new Line(u.name(), t.getT2().getOrDefault(u.id(), 0L), c[0], c[1],
            reasons.getOrDefault(u.id(), new EnumMap<>(NotCompletedReason.class)), c[2], c[3]));
      }
      return List.copyOf(lines);
    });
  }

  private static long number(Object o) {
    return o == null ? 0 : ((Number) o).longValue();
  }

  private static Long[] ids(List<ExportUnits.Unit> units, String kind) {
    return units.stream().filter(u -> kind.equals(u.kind())).map(ExportUnits.Unit::id).toArray(Long[]::new);
  }
}
