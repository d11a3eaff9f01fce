package vn.bdtx.reporting.exports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import vn.bdtx.domain.accounts.ExemptionKind;
import vn.bdtx.domain.accounts.SchoolYear;
import vn.bdtx.domain.completion.Regulation;
import vn.bdtx.domain.completion.YearStatus;
import vn.bdtx.platform.spreadsheet.TableExport;
import vn.bdtx.reporting.ReportScope;

/**
 * The school year's BDTX per teacher, for entry into the national teacher-management
 * records: one row per teacher or school manager (a person with a school) of the unit, with the modules completed that year
 * (main enrollments, each module once), their periods, the exemption or reduction,
 * and whether the year is complete by the regulation's requirement
 * ({@link YearStatus}, DESIGN.md §4: 3 modules, 120 periods by default). Streamed:
 * one indexed look-up of the person's enrollments per row, in the order of the
 * district, the school and the name.
 */
@Service
class TeacherYears {

  private final DatabaseClient db;
  private final ExportTexts texts;

  TeacherYears(vn.bdtx.reporting.ReportsDatabase reports, ExportTexts texts) {
    this.db = reports.db();
    this.texts = texts;
  }

  List<TableExport.Column> columns() {
    return List.of(
        TableExport.integer(texts.get("reporting.exports.col.number")),
        TableExport.text(texts.get("reporting.exports.col.name")),
        TableExport.date(texts.get("reporting.exports.col.birth")),
        TableExport.text(texts.get("reporting.exports.col.username")),
        TableExport.text(texts.get("reporting.exports.col.school")),
        TableExport.text(texts.get("reporting.exports.col.district")),
        TableExport.text(texts.get("reporting.exports.col.level")),
        TableExport.text(texts.get("reporting.exports.col.position")),
        TableExport.text(texts.get("reporting.exports.col.year")),
        TableExport.integer(texts.get("reporting.exports.year.col.modules")),
        TableExport.text(texts.get("reporting.exports.year.col.moduleCodes")),
        TableExport.integer(texts.get("reporting.exports.year.col.periods")),
        TableExport.integer(texts.get("reporting.exports.year.col.required")),
        TableExport.text(texts.get("reporting.exports.year.col.exemption")),
        TableExport.text(texts.get("reporting.exports.year.col.exemptionReason")),
        TableExport.text(texts.get("reporting.exports.year.col.state")));
  }

  /** The rows of the people of {@code unit} (the whole scope when null) for {@code year}, judged by {@code rules}. */
  Flux<List<Object>> rows(ExportUnits.Unit unit, SchoolYear year, Regulation rules, ReportScope scope) {
    String inUnit = unit == null ? "TRUE" : "p." + unit.column() + " = :unit";
    var spec = scope.bindings(db.sql("""
            SELECT p.account_id, p.username, p.full_name, p.date_of_birth, p.level, p.position,
                   s.name AS school_name, d.name AS district_name, y.codes, y.periods, y.exemption,
                   x.kind AS year_exemption, x.reason AS exemption_reason
            FROM (SELECT *, CAST(NULL AS BIGINT) AS core_teacher_id FROM report_person) p
            LEFT JOIN report_unit s ON s.id = p.school_id
            LEFT JOIN report_unit d ON d.id = p.district_id
            LEFT JOIN report_exemption x ON x.account_id = p.account_id AND x.school_year = :year
            LEFT JOIN LATERAL (
              SELECT array_agg(c.module_code ORDER BY c.module_code) FILTER (WHERE e.main AND e.outcome = 'COMPLETED') AS codes,
                     array_agg(c.periods ORDER BY c.module_code) FILTER (WHERE e.main AND e.outcome = 'COMPLETED') AS periods,
                     max(e.exemption) AS exemption
              FROM report_enrollment e JOIN report_cohort c ON c.cohort_id = e.cohort_id
              WHERE e.account_id = p.account_id AND e.school_year = :year) y ON TRUE
            WHERE p.enabled AND p.school_id IS NOT NULL AND %s AND %s
            ORDER BY d.name NULLS FIRST, s.name NULLS FIRST, p.full_name, p.account_id""".formatted(inUnit,
            ReportScope.on("p"))))
        .bind("year", year.toString());
    if (unit != null) {
      spec = spec.bind("unit", unit.id());
    }
    return spec.map((r, m) -> row(r, year, rules)).all()
        .index((i, row) -> {
          row.set(0, i + 1);
          return row;
        });
  }

  private List<Object> row(io.r2dbc.spi.Readable r, SchoolYear year, Regulation rules) {
    String[] codes = r.get("codes", String[].class);
    Integer[] periods = r.get("periods", Integer[].class);
    var modules = new LinkedHashMap<String, YearStatus.Module>();
    for (int i = 0; codes != null && i < codes.length; i++) {
      modules.putIfAbsent(codes[i], new YearStatus.Module(codes[i], codes[i], periods[i] == null ? 0 : periods[i]));
    }
    String kind = r.get("year_exemption", String.class);
    if (kind == null) {
      kind = r.get("exemption", String.class);
    }
    ExemptionKind exemption = kind == null ? null : ExemptionKind.valueOf(kind);
    var status = YearStatus.of(List.copyOf(modules.values()), exemption, rules);
    var row = new ArrayList<Object>(16);
    row.add(null);
    row.add(r.get("full_name", String.class));
    row.add(r.get("date_of_birth", LocalDate.class));
    row.add(r.get("username", String.class));
    row.add(r.get("school_name", String.class));
    row.add(r.get("district_name", String.class));
    String level = r.get("level", String.class);
    row.add(level == null ? null : texts.orEmpty("accounts.level." + level));
    String position = r.get("position", String.class);
    row.add(position == null ? null : texts.orEmpty("catalog.audience." + position));
    row.add(year.toString());
    row.add(status.modules());
    row.add(String.join(", ", modules.keySet()));
    row.add(status.periods());
    row.add(rules.periodsPerYear());
    row.add(exemption == null ? null : texts.get("reporting.exports.year.exemption." + exemption.name()));
    row.add(r.get("exemption_reason", String.class));
    row.add(texts.get("reporting.exports.year.state." + status.state().name()));
    return row;
  }
}
