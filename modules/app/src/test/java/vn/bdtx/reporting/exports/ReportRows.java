package vn.bdtx.reporting.exports;

import java.time.Instant;
import java.time.LocalDate;
import org.springframework.r2dbc.core.DatabaseClient;
import vn.bdtx.support.Sql;

/**
 * The reporting read model as a test sets it up, in its own words: units, people,
 * classes and enrollments written straight into the report_* tables (until the
 * model's refresher fills them from the owners, they are what exports read).
 */
final class ReportRows {

  private final DatabaseClient db;

  ReportRows(DatabaseClient db) {
    this.db = db;
  }

  void department(long id, String name) {
    Sql.run(db, "INSERT INTO report_unit (id, kind, code, name, parent_id, province_id, district_id)"
        + " VALUES ($1, 'DEPARTMENT', $2, $3, NULL, $1, NULL)", id, "SO-" + id, name);
  }

  void district(long id, String name, long department) {
    Sql.run(db, "INSERT INTO report_unit (id, kind, code, name, parent_id, province_id, district_id)"
        + " VALUES ($1, 'DISTRICT_OFFICE', $2, $3, $4, $4, $1)", id, "PGD-" + id, name, department);
  }

  void school(long id, String name, long district, long department) {
    Sql.run(db, "INSERT INTO report_unit (id, kind, code, name, parent_id, province_id, district_id)"
        + " VALUES ($1, 'SCHOOL', $2, $3, $4, $5, $4)", id, "TR-" + id, name, district, department);
  }

  /** A teacher of a school (a primary-school teacher born on {@code birth}). */
  void person(long account, String fullName, LocalDate birth, long school, long district, long department) {
    var spec = db.sql("INSERT INTO report_person (account_id, username, full_name, date_of_birth, school_id, district_id,"
            + " province_id, level, position) VALUES (:a, :u, :n, :b, :s, :d, :p, 'PRIMARY', 'TEACHER')")
        .bind("a", account).bind("u", "gv" + account).bind("n", fullName).bind("s", school).bind("d", district)
        .bind("p", department);
    (birth == null ? spec.bindNull("b", LocalDate.class) : spec.bind("b", birth)).then().block(java.time.Duration.ofSeconds(5));
  }

  void cohort(long cohort, Long run, String runName, String moduleCode, LocalDate start) {
    var spec = db.sql("INSERT INTO report_cohort (cohort_id, run_id, run_name, name, module_code, module_title, periods, start_date,"
            + " last_day, school_year) VALUES (:c, :r, :rn, :n, :m, :t, 40, :s, :l, :y)")
        .bind("c", cohort).bind("n", "Lớp " + cohort).bind("m", moduleCode).bind("t", "Mô đun " + moduleCode)
        .bind("s", start).bind("l", start.plusDays(14)).bind("y", vn.bdtx.domain.accounts.SchoolYear.of(start).toString());
    spec = run == null ? spec.bindNull("r", Long.class).bindNull("rn", String.class) : spec.bind("r", run).bind("rn", runName);
    spec.then().block(java.time.Duration.ofSeconds(5));
  }

  /** A learner's enrollment as the read model holds it, with the learner's units copied in. */
  Enrollment enrollment(long id, long account, long cohort) {
    return new Enrollment(id, account, cohort);
  }

  final class Enrollment {
    private final long id;
    private final long account;
    private final long cohort;
    boolean main = true;
    String outcome;
    String missing = "";
    int positive;
    int rated;
    String certificate;
    Instant issued;
    Instant revoked;
    String revokedReason;

    Enrollment(long id, long account, long cohort) {
      this.id = id;
      this.account = account;
      this.cohort = cohort;
    }

    Enrollment reference() {
      main = false;
      return this;
    }

    Enrollment completed() {
      outcome = "COMPLETED";
      return this;
    }

    Enrollment notCompleted(String missing) {
      outcome = "NOT_COMPLETED";
      this.missing = missing;
      return this;
    }

    Enrollment survey(int positive, int rated) {
      this.positive = positive;
      this.rated = rated;
      return this;
    }

    Enrollment certificate(String number, Instant issued) {
      this.certificate = number;
      this.issued = issued;
      return this;
    }

    Enrollment revoked(Instant at, String reason) {
      this.revoked = at;
      this.revokedReason = reason;
      return this;
    }

    /** Writes the row, taking the learner's units and the class's run, module and year from the rows already there. */
    void save() {
      var spec = db.sql("""
              INSERT INTO report_enrollment (enrollment_id, account_id, cohort_id, run_id, module_code, school_year, main,
                school_id, district_id, province_id, deadline, outcome, missing, survey_submitted, survey_positive, survey_rated,
                certificate_number, certificate_issued_at, certificate_revoked_at, certificate_revoked_reason, refreshed_at)
              SELECT :id, p.account_id, c.cohort_id, c.run_id, c.module_code, c.school_year, :main, p.school_id, p.district_id,
                p.province_id, c.last_day, :outcome, :missing, :rated > 0, :positive, :rated, :cert, :issued, :revoked, :reason, now()
              FROM report_person p, report_cohort c WHERE p.account_id = :account AND c.cohort_id = :cohort""")
          .bind("id", id).bind("main", main).bind("missing", missing).bind("rated", rated).bind("positive", positive)
          .bind("account", account).bind("cohort", cohort);
      spec = outcome == null ? spec.bindNull("outcome", String.class) : spec.bind("outcome", outcome);
      spec = certificate == null ? spec.bindNull("cert", String.class) : spec.bind("cert", certificate);
      spec = issued == null ? spec.bindNull("issued", Instant.class) : spec.bind("issued", issued);
      spec = revoked == null ? spec.bindNull("revoked", Instant.class) : spec.bind("revoked", revoked);
      spec = revokedReason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", revokedReason);
      long n = spec.fetch().rowsUpdated().block(java.time.Duration.ofSeconds(5));
      if (n != 1) {
        throw new IllegalStateException("enrollment " + id + ": person " + account + " or class " + cohort + " missing");
      }
    }
  }
}
