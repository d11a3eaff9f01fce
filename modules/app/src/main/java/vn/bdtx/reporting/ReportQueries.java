package vn.bdtx.reporting;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.reporting.BehindToday;
import vn.bdtx.domain.reporting.ScoreDistribution;
import vn.bdtx.domain.reporting.Tally;

/**
 * The dashboards' reads, from the reporting read model only ({@code report_*}),
 * always filtered by the caller's {@link ReportScope}. A level's page is one
 * aggregate scan of {@code report_enrollment} through the index of its unit
 * (province, district or school, with the school year or run), grouped at once by
 * the level below, by run and by final grade (GROUPING SETS): no query per unit.
 */
@Service
public class ReportQueries {

  /** A unit as reports show it; {@code provinceId}/{@code districtId} place it (its own id at its own level). */
  public record Unit(long id, String kind, String code, String name, Long provinceId, Long districtId) {

    public boolean isProvince() {
      return "DEPARTMENT".equals(kind);
    }

    public boolean isDistrict() {
      return "DISTRICT_OFFICE".equals(kind);
    }

    public boolean isSchool() {
      return "SCHOOL".equals(kind);
    }

    /** Whether the scope reaches the unit as a whole. */
    public boolean reachedBy(ReportScope scope) {
      Long province = isProvince() ? Long.valueOf(id) : provinceId;
      Long district = isDistrict() ? Long.valueOf(id) : districtId;
      Long school = isSchool() ? Long.valueOf(id) : null;
      return scope.reaches(province, district, school);
    }
  }

  /** What a page counts: one run, or a whole school year. */
  public record Period(Long runId, String schoolYear) {
    public Period {
      if ((runId == null) == (schoolYear == null)) {
        throw new IllegalArgumentException("a period is a run or a school year");
      }
    }

    public static Period run(long runId) {
      return new Period(runId, null);
    }

    public static Period year(String schoolYear) {
      return new Period(null, schoolYear);
    }

    String sql() {
      return runId != null ? "e.run_id = :period_run" : "e.school_year = :period_year";
    }

    DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec) {
      return runId != null ? spec.bind("period_run", runId) : spec.bind("period_year", schoolYear);
    }
  }

  /** The level below a page: what its rows are grouped by. */
  public enum Below {
    /** A province's districts, and its schools that answer to the department directly. */
    DISTRICTS_AND_SCHOOLS("COALESCE(e.district_id, e.school_id)"),
    SCHOOLS("e.school_id"),
    DISTRICTS("e.district_id"),
    PROVINCES("e.province_id"),
    /** A school's classes, or a core teacher's. */
    COHORTS("e.cohort_id");

    final String column;

    Below(String column) {
      this.column = column;
    }
  }

  /** A row of the level below: a unit or a class (id null for enrollments placed nowhere) and its tally. */
  public record Child(Long id, Tally tally) {
  }

  /** A level's numbers: its rows below, its runs and its final grades. */
  public record Level(List<Child> children, Map<Long, Tally> runs, ScoreDistribution scores) {

    public Tally total() {
      return Tally.sum(children.stream().map(Child::tally).toList());
    }
  }

  /** A run as the selector lists it. */
  public record Run(long id, String name, LocalDate start, LocalDate end) {
  }

  /** A class as reports label it. */
  public record Cohort(long id, Long runId, String runName, String name, String moduleCode, String moduleTitle,
                       int periods, LocalDate start, LocalDate lastDay, String schoolYear) {
  }

  /** A person as reports list them. */
  public record Person(long accountId, String username, String fullName, LocalDate dateOfBirth, Long schoolId,
                       Long districtId, Long provinceId, String schoolName, String position) {
  }

  /** One enrollment with its class and person, as the learner tables and a teacher's history show it. */
  public record Row(long enrollmentId, long accountId, String fullName, String username, String schoolName,
                    long cohortId, String cohortName, String moduleCode, String moduleTitle, int periods,
                    String schoolYear, LocalDate classStart, LocalDate deadline, boolean main, boolean started,
                    int itemsDone, int itemsTotal, boolean selfStudyDone, boolean submitted, boolean graded,
                    BigDecimal finalGrade, String institution, String outcome, String missing,
                    boolean surveySubmitted, int surveyPositive, int surveyRated, String exemption,
                    String certificateNumber, Instant certificateIssuedAt, Instant certificateRevokedAt,
                    Long groupId, Long coreTeacherId, Boolean meetingAttended) {

    public boolean exempt() {
      return "EXEMPT".equals(exemption);
    }

    public boolean completed() {
      return "COMPLETED".equals(outcome);
    }

    /** Why the learner is behind on {@code today}, by the domain's rule. */
    public Optional<BehindToday.Reason> behind(LocalDate today) {
      return BehindToday.of(new BehindToday.Facts(classStart, deadline, main, exempt(), started, submitted), today);
    }

    public Tally.Standing standing(LocalDate today) {
      return new Tally.Standing(main, exempt(), "REDUCED".equals(exemption), started, selfStudyDone, submitted, graded,
          completed(), surveyPositive, surveyRated, behind(today).isPresent());
    }
  }

  /** The counts of {@link Tally}, as SQL over {@code x} (report_enrollment with its class's start date). */
  static final String COUNTS = """
      count(*) FILTER (WHERE x.main) AS enrolled_main,
      count(*) FILTER (WHERE NOT x.main) AS enrolled_reference,
      count(*) FILTER (WHERE x.counted) AS counted,
      count(*) FILTER (WHERE x.counted AND x.started) AS started,
      count(*) FILTER (WHERE x.counted AND x.self_study_done) AS self_study_done,
      count(*) FILTER (WHERE x.counted AND x.submitted) AS submitted,
      count(*) FILTER (WHERE x.counted AND x.graded) AS graded,
      count(*) FILTER (WHERE x.counted AND x.outcome = 'COMPLETED') AS completed,
      count(*) FILTER (WHERE x.exemption = 'EXEMPT') AS exempt,
      count(*) FILTER (WHERE x.exemption = 'REDUCED') AS reduced,
      COALESCE(sum(x.survey_positive), 0) AS survey_positive,
      COALESCE(sum(x.survey_rated), 0) AS survey_rated,
      count(*) FILTER (WHERE x.behind) AS behind""";

  /**
   * {@link BehindToday} in SQL, for counting at every level, its days taken from the rule's own constants (the
   * lists apply the domain rule itself, and ReportPagesTest checks the two agree): within the
   * window, not started from day 3, or a MAIN one not submitted from 2 days before its deadline.
   */
  static final String BEHIND = """
      (e.exemption IS DISTINCT FROM 'EXEMPT' AND c.start_date <= :today AND e.deadline >= :today
       AND ((NOT e.started AND c.start_date <= CAST(:today AS date) - %d)
            OR (e.main AND NOT e.submitted AND e.deadline <= CAST(:today AS date) + %d)))"""
      .formatted(BehindToday.START_BY_DAY - 1, BehindToday.SUBMIT_DAYS_BEFORE_DEADLINE);

  private static final String ROW = """
      SELECT e.enrollment_id, e.account_id, p.full_name, p.username, s.name AS school_name, e.cohort_id,
             c.name AS cohort_name, c.module_code, c.module_title, c.periods, c.school_year, c.start_date, e.deadline,
             e.main, e.started, e.items_done, e.items_total, e.self_study_done, e.submitted, e.graded, e.final_grade,
             e.institution, e.outcome, e.missing, e.survey_submitted, e.survey_positive, e.survey_rated, e.exemption,
             e.certificate_number, e.certificate_issued_at, e.certificate_revoked_at, e.group_id, e.core_teacher_id,
             e.meeting_attended
      FROM report_enrollment e
      JOIN report_cohort c ON c.cohort_id = e.cohort_id
      LEFT JOIN report_person p ON p.account_id = e.account_id
      LEFT JOIN report_unit s ON s.id = e.school_id""";

  /**
   * Memory for a level's aggregate: PostgreSQL cannot estimate how few groups a
   * province has (a few hundred), plans for a hundred thousand and, within the
   * default 4 MB, sorts 250,000 rows on disk (0.5–0.9 s measured on 2 cores);
   * with this it hashes them in memory (0.3 s). It is an upper bound, not an allocation.
   */
  static final String WORK_MEM = "SET LOCAL work_mem = '64MB'";

  private final DatabaseClient db;
  private final org.springframework.transaction.reactive.TransactionalOperator tx;

  ReportQueries(ReportsDatabase reports) {
    // Read-only: reports never write, and a replica can serve them (BDTX_REPORTS_DB_URL, ReportsDatabase).
    this.db = reports.db();
    this.tx = reports.readOnly();
  }

  // ---------------------------------------------------------------- units and labels

  public Mono<Unit> unit(long id) {
    return db.sql("SELECT id, kind, code, name, province_id, district_id FROM report_unit WHERE id = :id")
        .bind("id", id).map((r, m) -> unit(r)).one();
  }

  /** The unit, only when the scope reaches it as a whole (else empty: the page answers 404). */
  public Mono<Unit> unitInScope(long id, ReportScope scope) {
    return unit(id).filter(u -> (u.isProvince() || u.isDistrict() || u.isSchool()) && u.reachedBy(scope));
  }

  public Flux<Unit> units(List<Long> ids) {
    if (ids.isEmpty()) {
      return Flux.empty();
    }
    return db.sql("SELECT id, kind, code, name, province_id, district_id FROM report_unit WHERE id = ANY(:ids)")
        .bind("ids", ids.toArray(Long[]::new)).map((r, m) -> unit(r)).all();
  }

  /** The provinces (departments) in the read model: the top of a deployment's reports. */
  public Flux<Unit> provinces() {
    return db.sql("SELECT id, kind, code, name, province_id, district_id FROM report_unit WHERE kind = 'DEPARTMENT' ORDER BY name")
        .map((r, m) -> unit(r)).all();
  }

  private static Unit unit(io.r2dbc.spi.Readable r) {
    return new Unit(r.get("id", Long.class), r.get("kind", String.class), r.get("code", String.class),
        r.get("name", String.class), r.get("province_id", Long.class), r.get("district_id", Long.class));
  }

  public Mono<Cohort> cohort(long id) {
    return cohorts(List.of(id)).next();
  }

  public Flux<Cohort> cohorts(List<Long> ids) {
    if (ids.isEmpty()) {
      return Flux.empty();
    }
    return db.sql("""
            SELECT cohort_id, run_id, run_name, name, module_code, module_title, periods, start_date, last_day, school_year
            FROM report_cohort WHERE cohort_id = ANY(:ids)""")
        .bind("ids", ids.toArray(Long[]::new))
        .map((r, m) -> new Cohort(r.get("cohort_id", Long.class), r.get("run_id", Long.class), r.get("run_name", String.class),
            r.get("name", String.class), r.get("module_code", String.class), r.get("module_title", String.class),
            r.get("periods", Integer.class), r.get("start_date", LocalDate.class), r.get("last_day", LocalDate.class),
            r.get("school_year", String.class)))
        .all();
  }

  /** The runs of a school year, newest first (the period selector). */
  public Flux<Run> runs(String schoolYear) {
    return db.sql("""
            SELECT run_id, max(run_name) AS name, min(start_date) AS start_date, max(last_day) AS last_day
            FROM report_cohort WHERE school_year = :y AND run_id IS NOT NULL
            GROUP BY run_id ORDER BY min(start_date) DESC, run_id DESC""")
        .bind("y", schoolYear)
        .map((r, m) -> new Run(r.get("run_id", Long.class), Optional.ofNullable(r.get("name", String.class)).orElse(""),
            r.get("start_date", LocalDate.class), r.get("last_day", LocalDate.class)))
        .all();
  }

  /** The school year of a run (its classes'), if it has any class. */
  public Mono<String> yearOfRun(long runId) {
    return db.sql("SELECT max(school_year) AS y FROM report_cohort WHERE run_id = :r")
        .bind("r", runId).map((r, m) -> Optional.ofNullable(r.get("y", String.class))).one()
        .flatMap(Mono::justOrEmpty);
  }

  /** The school years that have classes, newest first. */
  public Flux<String> years() {
    return db.sql("SELECT DISTINCT school_year FROM report_cohort ORDER BY school_year DESC")
        .map((r, m) -> r.get("school_year", String.class)).all();
  }

  public Mono<Person> person(long accountId) {
    return db.sql("""
            SELECT p.account_id, p.username, p.full_name, p.date_of_birth, p.school_id, p.district_id, p.province_id,
                   p.position, s.name AS school_name
            FROM report_person p LEFT JOIN report_unit s ON s.id = p.school_id WHERE p.account_id = :a""")
        .bind("a", accountId)
        .map((r, m) -> new Person(r.get("account_id", Long.class), r.get("username", String.class),
            r.get("full_name", String.class), r.get("date_of_birth", LocalDate.class), r.get("school_id", Long.class),
            r.get("district_id", Long.class), r.get("province_id", Long.class), r.get("school_name", String.class),
            r.get("position", String.class)))
        .one();
  }

  // ---------------------------------------------------------------- aggregates

  /**
   * One level of a dashboard in one scan: the rows that satisfy {@code where}
   * (a unit's condition, or the scope alone), the period and the scope, counted
   * per row of {@code below}, per run and per final grade.
   */
  public Mono<Level> level(String where, Map<String, Object> binds, Below below, Period period, ReportScope scope,
                           LocalDate today) {
    String sql = """
        SELECT GROUPING(x.child) AS g_child, GROUPING(x.run_id) AS g_run, GROUPING(x.final_grade) AS g_grade,
               x.child, x.run_id, x.final_grade,
        """ + COUNTS + """

        FROM (SELECT e.main, e.started, e.self_study_done, e.submitted, e.graded, e.outcome, e.exemption,
                     e.survey_positive, e.survey_rated, e.run_id, e.final_grade,
                     e.main AND e.exemption IS DISTINCT FROM 'EXEMPT' AS counted,
              """ + below.column + " AS child, " + BEHIND + """
               AS behind
              FROM report_enrollment e JOIN report_cohort c ON c.cohort_id = e.cohort_id
              WHERE """ + " " + where + " AND " + period.sql() + " AND " + ReportScope.on("e") + """
              ) x
        GROUP BY GROUPING SETS ((x.child), (x.run_id), (x.final_grade))""";
    var spec = period.bind(scope.bindings(db.sql(sql))).bind("today", today);
    for (var b : binds.entrySet()) {
      spec = spec.bind(b.getKey(), b.getValue());
    }
    Mono<List<Object[]>> read = spec.map((r, m) -> {
          Tally t = tally(r);
          int which = r.get("g_child", Integer.class) == 0 ? 0 : r.get("g_run", Integer.class) == 0 ? 1 : 2;
          Object key = switch (which) {
            case 0 -> r.get("child", Long.class);
            case 1 -> r.get("run_id", Long.class);
            default -> r.get("final_grade", BigDecimal.class);
          };
          return new Object[] {which, key, t};
        }).all()
        .collectList();
    return db.sql(WORK_MEM).then().then(read).as(tx::transactional)
        .map(rows -> {
          var children = new ArrayList<Child>();
          var runs = new LinkedHashMap<Long, Tally>();
          var grades = new HashMap<BigDecimal, Long>();
          for (Object[] row : rows) {
            Tally t = (Tally) row[2];
            switch ((int) row[0]) {
              case 0 -> children.add(new Child((Long) row[1], t));
              case 1 -> {
                if (row[1] != null) {
                  runs.put((Long) row[1], t);
                }
              }
              default -> {
                if (row[1] != null) {
                  grades.put((BigDecimal) row[1], t.enrolled());
                }
              }
            }
          }
          return new Level(List.copyOf(children), runs, ScoreDistribution.of(grades));
        });
  }

  /** The condition and binds of a unit's rows. */
  public static Map.Entry<String, Map<String, Object>> unitWhere(Unit unit) {
    String column = unit.isProvince() ? "e.province_id" : unit.isDistrict() ? "e.district_id" : "e.school_id";
    return Map.entry(column + " = :unit", Map.of("unit", unit.id()));
  }

  /** The level below a unit. */
  public static Below below(Unit unit) {
    return unit.isProvince() ? Below.DISTRICTS_AND_SCHOOLS : unit.isDistrict() ? Below.SCHOOLS : Below.COHORTS;
  }

  private static Tally tally(io.r2dbc.spi.Readable r) {
    return new Tally(n(r, "enrolled_main"), n(r, "enrolled_reference"), n(r, "counted"), n(r, "started"),
        n(r, "self_study_done"), n(r, "submitted"), n(r, "graded"), n(r, "completed"), n(r, "exempt"), n(r, "reduced"),
        n(r, "survey_positive"), n(r, "survey_rated"), n(r, "behind"));
  }

  private static long n(io.r2dbc.spi.Readable r, String column) {
    Object v = r.get(column);
    return v == null ? 0 : ((Number) v).longValue();
  }

  // ---------------------------------------------------------------- rows

  /**
   * The enrollments that satisfy {@code where}, the period (when given) and the
   * scope, with their classes and people, streamed in the order given.
   */
  public Flux<Row> rows(String where, Map<String, Object> binds, Period period, ReportScope scope, String orderBy) {
    String sql = ROW + " WHERE " + where + (period == null ? "" : " AND " + period.sql()) + " AND " + ReportScope.on("e")
        + " ORDER BY " + orderBy;
    var spec = scope.bindings(db.sql(sql));
    if (period != null) {
      spec = period.bind(spec);
    }
    for (var b : binds.entrySet()) {
      spec = spec.bind(b.getKey(), b.getValue());
    }
    return spec.map((r, m) -> row(r)).all();
  }

  /** Whether the scope reaches any enrollment of the class. */
  public Mono<Boolean> reachesCohort(long cohortId, ReportScope scope) {
    return scope.bindings(db.sql("SELECT EXISTS (SELECT 1 FROM report_enrollment e WHERE e.cohort_id = :c AND "
            + ReportScope.on("e") + ") AS ok"))
        .bind("c", cohortId).map((r, m) -> Boolean.TRUE.equals(r.get("ok", Boolean.class))).one();
  }

  /** Whether the scope reaches any enrollment of the person (a core teacher's learner). */
  public Mono<Boolean> reachesEnrollmentsOf(long accountId, ReportScope scope) {
    return scope.bindings(db.sql("SELECT EXISTS (SELECT 1 FROM report_enrollment e WHERE e.account_id = :a AND "
            + ReportScope.on("e") + ") AS ok"))
        .bind("a", accountId).map((r, m) -> Boolean.TRUE.equals(r.get("ok", Boolean.class))).one();
  }

  private static Row row(io.r2dbc.spi.Readable r) {
    return new Row(r.get("enrollment_id", Long.class), r.get("account_id", Long.class),
        Optional.ofNullable(r.get("full_name", String.class)).orElse(""),
        Optional.ofNullable(r.get("username", String.class)).orElse(""), r.get("school_name", String.class),
        r.get("cohort_id", Long.class), r.get("cohort_name", String.class), r.get("module_code", String.class),
        r.get("module_title", String.class), r.get("periods", Integer.class), r.get("school_year", String.class),
        r.get("start_date", LocalDate.class), r.get("deadline", LocalDate.class),
        Boolean.TRUE.equals(r.get("main", Boolean.class)), Boolean.TRUE.equals(r.get("started", Boolean.class)),
        r.get("items_done", Integer.class), r.get("items_total", Integer.class),
        Boolean.TRUE.equals(r.get("self_study_done", Boolean.class)), Boolean.TRUE.equals(r.get("submitted", Boolean.class)),
        Boolean.TRUE.equals(r.get("graded", Boolean.class)), r.get("final_grade", BigDecimal.class),
        r.get("institution", String.class), r.get("outcome", String.class), r.get("missing", String.class),
        Boolean.TRUE.equals(r.get("survey_submitted", Boolean.class)), r.get("survey_positive", Integer.class),
        r.get("survey_rated", Integer.class), r.get("exemption", String.class), r.get("certificate_number", String.class),
        instant(r, "certificate_issued_at"), instant(r, "certificate_revoked_at"),
        r.get("group_id", Long.class), r.get("core_teacher_id", Long.class), r.get("meeting_attended", Boolean.class));
  }

  private static Instant instant(io.r2dbc.spi.Readable r, String column) {
    var t = r.get(column, java.time.OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
