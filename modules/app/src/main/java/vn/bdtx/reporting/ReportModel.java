package vn.bdtx.reporting;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuple6;
import tools.jackson.databind.json.JsonMapper;
import vn.bdtx.accounts.People;
import vn.bdtx.accounts.YearExemptions;
import vn.bdtx.assessment.Surveys;
import vn.bdtx.assignments.Grades;
import vn.bdtx.catalog.Catalogue;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.CohortViews;
import vn.bdtx.cohorts.Runs;
import vn.bdtx.completion.Certificates;
import vn.bdtx.completion.Completions;
import vn.bdtx.domain.accounts.ExemptionKind;
import vn.bdtx.domain.accounts.SchoolYear;
import vn.bdtx.domain.catalog.TrainingModule;
import vn.bdtx.domain.completion.Completion.InstitutionDecision;

/**
 * Computes report rows from the owners' public query interfaces and writes
 * them: the only writer of {@code report_unit}, {@code report_person},
 * {@code report_cohort} and {@code report_enrollment}. A class's learners are
 * computed together, so a class of 1,000 costs a few queries, not 1,000. Rows
 * go to PostgreSQL as one JSON array per statement ({@code jsonb_to_recordset}),
 * so a statement's size does not depend on the number of columns' binds.
 */
@Component
class ReportModel {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final DatabaseClient db;
  private final People people;
  private final YearExemptions exemptions;
  private final CohortViews views;
  private final Runs runs;
  private final Courses courses;
  private final Catalogue catalogue;
  private final Surveys surveys;
  private final Grades grades;
  private final Completions completions;
  private final Certificates certificates;
  private final Clock clock;
  private final MeetingAttendanceQuery meetings;

  ReportModel(DatabaseClient db, People people, YearExemptions exemptions, CohortViews views, Runs runs, Courses courses,
              Catalogue catalogue, Surveys surveys, Grades grades,
              Completions completions, Certificates certificates, Clock clock,
              org.springframework.beans.factory.ObjectProvider<MeetingAttendanceQuery> meetings) {
    this.meetings = meetings.getIfAvailable(() -> MeetingAttendanceQuery.NONE);
    this.db = db;
    this.people = people;
    this.exemptions = exemptions;
    this.views = views;
    this.runs = runs;
    this.courses = courses;
    this.catalogue = catalogue;
    this.surveys = surveys;
    this.grades = grades;
    this.completions = completions;
    this.certificates = certificates;
    this.clock = clock;
  }

  private static String json(List<Map<String, Object>> rows) {
    return JSON.writeValueAsString(rows);
  }

  private static String text(Object o) {
    return o == null ? null : o.toString();
  }

  // ---- units -------------------------------------------------------------------------------------------------

  /** Writes these units' rows. */
  Mono<Void> units(List<People.Placed> units) {
    if (units.isEmpty()) {
      return Mono.empty();
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (People.Placed u : units) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", u.id());
      row.put("kind", u.kind());
      row.put("code", u.code());
      row.put("name", u.name());
      row.put("parent_id", u.parentId());
      row.put("province_id", u.provinceId());
      row.put("district_id", u.districtId());
      row.put("active", u.active());
      rows.add(row);
    }
    return db.sql("""
            INSERT INTO report_unit (id, kind, code, name, parent_id, province_id, district_id, active)
            SELECT id, kind, code, name, parent_id, province_id, district_id, active
            FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS t(id bigint, kind text, code text, name text, parent_id bigint,
                                                            province_id bigint, district_id bigint, active boolean)
            ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, code = EXCLUDED.code, name = EXCLUDED.name,
              parent_id = EXCLUDED.parent_id, province_id = EXCLUDED.province_id, district_id = EXCLUDED.district_id,
              active = EXCLUDED.active""")
        .bind("rows", json(rows)).then();
  }

  // ---- people ------------------------------------------------------------------------------------------------

  /** Writes these people's rows. */
  Mono<Void> persons(List<People.Listed> persons) {
    if (persons.isEmpty()) {
      return Mono.empty();
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (People.Listed p : persons) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("account_id", p.id());
      row.put("username", p.username());
      row.put("full_name", p.fullName());
      row.put("date_of_birth", text(p.dateOfBirth()));
      row.put("school_id", p.schoolId());
      row.put("district_id", p.districtId());
      row.put("province_id", p.provinceId());
      row.put("level", p.level());
      row.put("position", p.position());
      row.put("enabled", p.enabled());
      rows.add(row);
    }
    return db.sql("""
            INSERT INTO report_person (account_id, username, full_name, date_of_birth, school_id, district_id, province_id,
                                       level, position, enabled)
            SELECT account_id, username, full_name, date_of_birth, school_id, district_id, province_id, level, position, enabled
            FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS t(account_id bigint, username text, full_name text,
                 date_of_birth date, school_id bigint, district_id bigint, province_id bigint, level text, position text,
                 enabled boolean)
            ON CONFLICT (account_id) DO UPDATE SET username = EXCLUDED.username, full_name = EXCLUDED.full_name,
              date_of_birth = EXCLUDED.date_of_birth, school_id = EXCLUDED.school_id, district_id = EXCLUDED.district_id,
              province_id = EXCLUDED.province_id, level = EXCLUDED.level, position = EXCLUDED.position,
              enabled = EXCLUDED.enabled""")
        .bind("rows", json(rows)).then()
        .then(exemptions(persons.stream().map(People.Listed::id).toList()));
  }

  /** Writes these people's exemptions and reductions, by school year, as accounts holds them now. */
  private Mono<Void> exemptions(List<Long> accounts) {
    return exemptions.granted(accounts).collectList().flatMap(granted -> {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (YearExemptions.Granted g : granted) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("account_id", g.accountId());
        row.put("school_year", g.schoolYear());
        row.put("kind", g.kind().name());
        row.put("reason", g.reason() == null ? "" : g.reason());
        rows.add(row);
      }
      return db.sql("DELETE FROM report_exemption WHERE account_id = ANY(:ids)").bind("ids", accounts.toArray(Long[]::new))
          .then()
          .then(rows.isEmpty() ? Mono.<Void>empty() : db.sql("""
                  INSERT INTO report_exemption (account_id, school_year, kind, reason)
                  SELECT account_id, school_year, kind, reason
                  FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS t(account_id bigint, school_year text, kind text, reason text)""")
              .bind("rows", json(rows)).then());
    });
  }

  // ---- a class and its learners --------------------------------------------------------------------------------

  /**
   * Recomputes a class's row and its learners' rows: all of them when {@code only} is null, else these
   * enrollments of it. A class that no longer exists loses its rows; so does an enrollment no longer in it.
   * Returns how many enrollment rows were written.
   */
  Mono<Integer> cohort(long cohortId, Collection<Long> only) {
    Instant now = clock.instant();
    return views.whole(cohortId)
        .flatMap(scope -> cohortRow(scope.cohort())
            .flatMap(info -> views.learnersAmong(scope, only, now)
                .flatMap(learners -> forget(cohortId, only, learners).then(learners(info, learners)))))
        .switchIfEmpty(Mono.defer(() -> db.sql("DELETE FROM report_enrollment WHERE cohort_id = :c").bind("c", cohortId).then()
            .then(db.sql("DELETE FROM report_cohort WHERE cohort_id = :c").bind("c", cohortId).then())
            .thenReturn(0)));
  }

  /** Deletes rows of enrollments asked for that the class no longer has. */
  private Mono<Void> forget(long cohortId, Collection<Long> only, List<CohortViews.LearnerRow> found) {
    Set<Long> present = found.stream().map(l -> l.enrollment().id()).collect(Collectors.toSet());
    var spec = only == null
        ? db.sql("DELETE FROM report_enrollment WHERE cohort_id = :c AND NOT (enrollment_id = ANY(:keep))")
            .bind("c", cohortId).bind("keep", present.toArray(Long[]::new))
        : db.sql("DELETE FROM report_enrollment WHERE enrollment_id = ANY(:gone)")
            .bind("gone", only.stream().filter(id -> !present.contains(id)).toArray(Long[]::new));
    return spec.then();
  }

  /** What every learner row of a class repeats. */
  private record CohortInfo(long id, Long runId, String moduleCode, String schoolYear) {
  }

  /**
   * Each course's module, looked up once a minute at most (the course row carries its whole draft): it changes
   * only when course files are reloaded at a start.
   */
  private final Map<Long, String[]> courseModules = new java.util.concurrent.ConcurrentHashMap<>();
  /** The catalogue as last read, and when (module titles and periods change only when the catalogue is reloaded). */
  private volatile Map.Entry<Instant, List<TrainingModule>> modules;

  private Mono<String[]> courseModule(long courseId) {
    String[] known = courseModules.get(courseId);
    return known != null ? Mono.just(known) : courses.find(courseId)
        .map(c -> new String[] {c.moduleCode(), c.title()})
        .doOnNext(m -> courseModules.put(courseId, m));
  }

  private Mono<List<TrainingModule>> modules() {
    var cached = modules;
    Instant now = Instant.now();
    if (cached != null && cached.getKey().isAfter(now.minusSeconds(60))) {
      return Mono.just(cached.getValue());
    }
    return catalogue.all().doOnNext(all -> {
      courseModules.clear();
      modules = Map.entry(now, all);
    });
  }

  private Mono<CohortInfo> cohortRow(CohortViews.Header h) {
    Mono<Map<Long, String>> runName = h.runId() == null ? Mono.just(Map.of()) : runs.names(List.of(h.runId()));
    return modules().flatMap(all -> Mono.zip(courseModule(h.courseId()), Mono.just(all), runName)).flatMap(t -> {
      String code = t.getT1()[0];
      TrainingModule module = t.getT2().stream().filter(m -> m.code().equals(code)).findFirst().orElse(null);
      String year = SchoolYear.of(h.start()).toString();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("cohort_id", h.id());
      row.put("run_id", h.runId());
      row.put("run_name", h.runId() == null ? null : t.getT3().get(h.runId()));
      row.put("name", h.name());
      row.put("module_code", code);
      row.put("module_title", module == null ? t.getT1()[1] : module.title());
      row.put("periods", module == null ? 0 : module.periods());
      row.put("start_date", h.start().toString());
      row.put("last_day", h.schedule().lastDay().toString());
      row.put("school_year", year);
      return db.sql("""
              INSERT INTO report_cohort (cohort_id, run_id, run_name, name, module_code, module_title, periods, start_date,
                                         last_day, school_year)
              SELECT cohort_id, run_id, run_name, name, module_code, module_title, periods, start_date, last_day, school_year
              FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS t(cohort_id bigint, run_id bigint, run_name text, name text,
                   module_code text, module_title text, periods int, start_date date, last_day date, school_year text)
              ON CONFLICT (cohort_id) DO UPDATE SET run_id = EXCLUDED.run_id, run_name = EXCLUDED.run_name,
                name = EXCLUDED.name, module_code = EXCLUDED.module_code, module_title = EXCLUDED.module_title,
                periods = EXCLUDED.periods, start_date = EXCLUDED.start_date, last_day = EXCLUDED.last_day,
                school_year = EXCLUDED.school_year""")
          .bind("rows", json(List.of(row))).then()
          .thenReturn(new CohortInfo(h.id(), h.runId(), code, year));
    });
  }

  private Mono<Integer> learners(CohortInfo cohort, List<CohortViews.LearnerRow> learners) {
    if (learners.isEmpty()) {
      return Mono.just(0);
    }
    List<Long> ids = learners.stream().map(l -> l.enrollment().id()).toList();
    List<Long> accounts = learners.stream().map(l -> l.enrollment().accountId()).distinct().toList();
    Mono<Tuple6<Map<Long, Grades.Standing>, Map<Long, InstitutionDecision>, Map<Long, Completions.Settled>, Set<Long>,
        Map<Long, Surveys.Rating>, Map<Long, Certificates.Certificate>>> work = Mono.zip(
        grades.standings(ids), completions.decisions(ids), completions.settledWithReasons(ids), surveys.submitted(ids),
        surveys.ratings(ids), certificates.ofEnrollments(ids));
    Mono<Tuple2<List<People.Listed>, Map<Long, Map<String, ExemptionKind>>>> who =
        Mono.zip(people.listed(accounts), exemptions.of(accounts));
    return work.zipWith(meetings.attended(ids).defaultIfEmpty(Map.of())).flatMap(wm -> { var w = wm.getT1(); var attended = wm.getT2();
      return who.flatMap(p -> views.groups(cohort.id()).flatMap(groups -> {
      Map<Long, People.Listed> person = new HashMap<>();
      p.getT1().forEach(x -> person.put(x.id(), x));
      Map<Long, Long> coreTeacher = new HashMap<>();
      groups.forEach(g -> coreTeacher.put(g.id(), g.coreTeacherId()));
      List<Map<String, Object>> rows = new ArrayList<>();
      for (CohortViews.LearnerRow l : learners) {
        var e = l.enrollment();
        long id = e.id();
        var standing = w.getT1().get(id);
        String status = standing == null ? "NOT_SUBMITTED" : standing.status();
        boolean submitted = standing != null && standing.submissionId() != null;
        BigDecimal grade = "GRADED".equals(status) ? standing.score() : null;
        var decision = w.getT2().get(id);
        var settled = w.getT3().get(id);
        var rating = w.getT5().get(id);
        var certificate = w.getT6().get(id);
        var summary = l.selfStudy();
        var who1 = person.get(e.accountId());
        var exemption = p.getT2().getOrDefault(e.accountId(), Map.of()).get(cohort.schoolYear());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("enrollment_id", id);
        row.put("account_id", e.accountId());
        row.put("cohort_id", cohort.id());
        row.put("run_id", cohort.runId());
        row.put("module_code", cohort.moduleCode());
        row.put("school_year", cohort.schoolYear());
        row.put("main", "MAIN".equals(e.kind()));
        row.put("school_id", who1 == null ? null : who1.schoolId());
        row.put("district_id", who1 == null ? null : who1.districtId());
        row.put("province_id", who1 == null ? null : who1.provinceId());
        row.put("group_id", l.groupId());
        row.put("core_teacher_id", l.groupId() == null ? null : coreTeacher.get(l.groupId()));
        row.put("deadline", e.schedule().lastDay().toString());
        // The facts "behind" is decided on (BehindToday), as the cohort pages computed them for this very row.
        row.put("started", l.started() || submitted);
        row.put("items_done", summary == null ? 0 : summary.done());
        row.put("items_total", summary == null ? 0 : summary.total());
        row.put("self_study_done", summary != null && summary.passed());
        row.put("submitted", submitted);
        row.put("returned", "RETURNED".equals(status));
        row.put("graded", "GRADED".equals(status));
        row.put("final_grade", text(grade));
        row.put("institution", decision == null || decision == InstitutionDecision.UNDECIDED ? null : decision.name());
        row.put("outcome", settled == null ? null : settled.outcome().name());
        row.put("missing", settled == null || settled.missing() == null ? "" : settled.missing());
        row.put("survey_submitted", w.getT4().contains(id));
        row.put("survey_positive", rating == null ? 0 : rating.positive());
        row.put("survey_rated", rating == null ? 0 : rating.rated());
        row.put("exemption", exemption == null ? null : exemption.name());
        row.put("certificate_number", certificate == null ? null : certificate.number());
        row.put("certificate_issued_at", certificate == null ? null : text(certificate.issuedAt()));
        row.put("certificate_revoked_at", certificate == null ? null : text(certificate.revokedAt()));
        row.put("certificate_revoked_reason", certificate == null ? null : certificate.revokedReason());
        row.put("meeting_attended", attended.get(id));
        rows.add(row);
      }
      return db.sql(UPSERT_ENROLLMENTS).bind("rows", json(rows)).fetch().rowsUpdated().map(Long::intValue);
    })); });
  }

  private static final String[][] ENROLLMENT_COLUMNS = {
      {"enrollment_id", "bigint"}, {"account_id", "bigint"}, {"cohort_id", "bigint"}, {"run_id", "bigint"},
      {"module_code", "text"}, {"school_year", "text"}, {"main", "boolean"}, {"school_id", "bigint"},
      {"district_id", "bigint"}, {"province_id", "bigint"}, {"group_id", "bigint"}, {"core_teacher_id", "bigint"},
      {"deadline", "date"}, {"started", "boolean"}, {"items_done", "int"}, {"items_total", "int"},
      {"self_study_done", "boolean"}, {"submitted", "boolean"}, {"returned", "boolean"}, {"graded", "boolean"},
      {"final_grade", "numeric"}, {"institution", "text"}, {"outcome", "text"}, {"missing", "text"},
      {"survey_submitted", "boolean"}, {"survey_positive", "int"}, {"survey_rated", "int"}, {"exemption", "text"},
      {"certificate_number", "text"}, {"certificate_issued_at", "timestamptz"}, {"certificate_revoked_at", "timestamptz"},
      {"certificate_revoked_reason", "text"}, {"meeting_attended", "boolean"}};

  private static final String UPSERT_ENROLLMENTS;

  static {
    String names = java.util.Arrays.stream(ENROLLMENT_COLUMNS).map(c -> c[0]).collect(Collectors.joining(", "));
    String typed = java.util.Arrays.stream(ENROLLMENT_COLUMNS).map(c -> c[0] + " " + c[1]).collect(Collectors.joining(", "));
    String updates = java.util.Arrays.stream(ENROLLMENT_COLUMNS).skip(1).map(c -> c[0] + " = EXCLUDED." + c[0])
        .collect(Collectors.joining(", "));
    // The time of the write itself, not of its transaction's start: a refresh that waited for the lock while a
    // rebuild ran must not look older than the rebuild (which removes rows older than itself at the end).
    UPSERT_ENROLLMENTS = "INSERT INTO report_enrollment (" + names + ", refreshed_at) SELECT " + names + ", clock_timestamp()"
        + " FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS t(" + typed + ")"
        + " ON CONFLICT (enrollment_id) DO UPDATE SET " + updates + ", refreshed_at = EXCLUDED.refreshed_at";
  }

  /** Deletes the rows of enrollments that no longer exist. */
  Mono<Void> forgetEnrollments(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Mono.empty();
    }
    return db.sql("DELETE FROM report_enrollment WHERE enrollment_id = ANY(:ids)").bind("ids", ids.toArray(Long[]::new)).then();
  }
}
