package vn.bdtx.reporting.exports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import vn.bdtx.domain.accounts.SchoolYear;
import vn.bdtx.domain.completion.CertificateDate;
import vn.bdtx.domain.cohorts.CohortSchedule;
import vn.bdtx.platform.spreadsheet.TableExport;
import vn.bdtx.reporting.ReportScope;

/**
 * The certificate register (sổ cấp giấy chứng nhận) of a unit for a school year: every
 * certificate issued to its people, by number, with the module, its periods and dates,
 * the day it was issued and, for a revoked one, when and why. Also the run's
 * certificates for its ZIP: the enrollments in scope that hold one.
 */
@Service
class CertificateRegister {

  private final DatabaseClient db;
  private final ExportTexts texts;

  CertificateRegister(vn.bdtx.reporting.ReportsDatabase reports, ExportTexts texts) {
    this.db = reports.db();
    this.texts = texts;
  }

  List<TableExport.Column> columns() {
    return List.of(
        TableExport.integer(texts.get("reporting.exports.col.number")),
        TableExport.text(texts.get("reporting.exports.certificates.col.number")),
        TableExport.text(texts.get("reporting.exports.col.name")),
        TableExport.date(texts.get("reporting.exports.col.birth")),
        TableExport.text(texts.get("reporting.exports.col.school")),
        TableExport.text(texts.get("reporting.exports.certificates.col.moduleCode")),
        TableExport.text(texts.get("reporting.exports.certificates.col.moduleTitle")),
        TableExport.integer(texts.get("reporting.exports.certificates.col.periods")),
        TableExport.date(texts.get("reporting.exports.certificates.col.from")),
        TableExport.date(texts.get("reporting.exports.certificates.col.to")),
        TableExport.date(texts.get("reporting.exports.certificates.col.issued")),
        TableExport.text(texts.get("reporting.exports.certificates.col.state")),
        TableExport.date(texts.get("reporting.exports.certificates.col.revokedOn")),
        TableExport.text(texts.get("reporting.exports.certificates.col.revokedReason")));
  }

  /** The register of {@code unit} (the whole scope when null) for {@code year}, by certificate number. */
  Flux<List<Object>> rows(ExportUnits.Unit unit, SchoolYear year, ReportScope scope) {
    String inUnit = unit == null ? "TRUE" : unit.column() + " = :unit";
    var spec = scope.bindings(db.sql("""
            SELECT e.certificate_number, p.full_name, p.date_of_birth, s.name AS school_name, c.module_code, c.module_title,
                   c.periods, c.start_date, c.last_day, e.certificate_issued_at, e.certificate_revoked_at,
                   e.certificate_revoked_reason
            FROM (SELECT * FROM report_enrollment
                  WHERE certificate_number IS NOT NULL AND school_year = :year AND %s AND %s) e
            JOIN report_cohort c ON c.cohort_id = e.cohort_id
            LEFT JOIN report_person p ON p.account_id = e.account_id
            LEFT JOIN report_unit s ON s.id = e.school_id
            ORDER BY e.certificate_number""".formatted(inUnit, ReportScope.SQL)))
        .bind("year", year.toString());
    if (unit != null) {
      spec = spec.bind("unit", unit.id());
    }
    return spec.map((r, m) -> row(r)).all().index((i, row) -> {
      row.set(0, i + 1);
      return row;
    });
  }

  private List<Object> row(io.r2dbc.spi.Readable r) {
    LocalDate to = r.get("last_day", LocalDate.class);
    Instant issued = r.get("certificate_issued_at", Instant.class);
    Instant revoked = r.get("certificate_revoked_at", Instant.class);
    var row = new ArrayList<Object>(14);
    row.add(null);
    row.add(r.get("certificate_number", String.class));
    row.add(r.get("full_name", String.class));
    row.add(r.get("date_of_birth", LocalDate.class));
    row.add(r.get("school_name", String.class));
    row.add(r.get("module_code", String.class));
    row.add(r.get("module_title", String.class));
    row.add(r.get("periods", Integer.class));
    row.add(r.get("start_date", LocalDate.class));
    row.add(to);
    row.add(issued == null ? null : CertificateDate.of(issued, to));
    row.add(texts.get(revoked == null ? "reporting.exports.certificates.valid" : "reporting.exports.certificates.revoked"));
    row.add(revoked == null ? null : LocalDate.ofInstant(revoked, CohortSchedule.ZONE));
    row.add(r.get("certificate_revoked_reason", String.class));
    return row;
  }

  /** The enrollments of the run, in scope, that hold a certificate not revoked, by number. */
  Flux<Long> ofRun(long runId, ReportScope scope) {
    return scope.bindings(db.sql("SELECT enrollment_id FROM report_enrollment WHERE run_id = :run"
            + " AND certificate_number IS NOT NULL AND certificate_revoked_at IS NULL AND " + ReportScope.SQL
            + " ORDER BY certificate_number"))
        .bind("run", runId).map((r, m) -> r.get(0, Long.class)).all();
  }
}
