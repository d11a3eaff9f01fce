package vn.bdtx.cohorts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.accounts.People;
import vn.bdtx.accounts.YearExemptions;
import vn.bdtx.domain.accounts.ExemptionKind;
import vn.bdtx.domain.accounts.SchoolYear;
import vn.bdtx.domain.reporting.BehindToday;
import vn.bdtx.catalog.Courses;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.cohorts.CohortSchedule;
import vn.bdtx.domain.cohorts.EnrollmentKind;
import vn.bdtx.domain.cohorts.ScheduleTemplate;
import vn.bdtx.domain.cohorts.EnrollmentSchedule;
import vn.bdtx.platform.security.Caller;

/**
 * A cohort as its staff see it. Who sees what: the IT team and supervisors see
 * every cohort; its lecturer and assistants see all of it; a core teacher sees
 * only the groups they lead; anyone else does not see it at all.
 */
@Service
public class CohortViews {

  public record Header(long id, String name, long courseId, String courseTitle, Long runId, LocalDate start,
                       Long lecturerId, CohortSchedule schedule) {

    /** The same cohort with its course's title, which the catalog keeps. */
    Header withCourseTitle(String title) {
      return new Header(id, name, courseId, title, runId, start, lecturerId, schedule);
    }

    /** The class's own day and phase (a main enrollment without extensions). */
    public EnrollmentSchedule.Status status(Instant now) {
      return EnrollmentSchedule.of(schedule, EnrollmentKind.MAIN).at(now);
    }
  }

  /** What the caller may see of a cohort: all of it, or only some groups. */
  public record Scope(Header cohort, boolean whole, Set<Long> groups, boolean canManage, boolean canExtend) {
    /**
     * Whether the institution's evaluation (criterion (iii)) of the class may be opened: it covers every
     * learner of the class, so only those who see the class whole (the institution, the lecturer, the
     * assistant, supervisors, the IT team); a core teacher, who sees only their groups, does not.
     * The class page shows its link and the evaluation's controller admits by this one rule.
     */
    public boolean seesEvaluation() {
      return whole;
    }
  }

  public record Group(long id, Long clusterId, String clusterName, Long coreTeacherId, String coreTeacherName) {
    public String label() {
      return clusterName == null ? "—" : clusterName;
    }
  }

  /**
   * A learner of the cohort with where they stand and why they are behind today, if they are: by the domain's one
   * rule ({@link BehindToday}, text {@code reporting.behind.<reason>}) on the facts the reporting read model stores
   * from this same row ({@code started}, {@code submitted}), so every page counts the same learners.
   */
  public record LearnerRow(Cohorts.Enrollment enrollment, String fullName, String username, Long groupId,
                           EnrollmentSchedule.Status status, List<BehindToday.Reason> reasons, SelfStudyReport.Summary selfStudy,
                           boolean started, boolean submitted) {
    public boolean isBehind() {
      return !reasons.isEmpty();
    }
  }

  public record CohortListRow(Header cohort, String role) {
  }

  private final DatabaseClient db;
  private final People people;
  private final Courses courses;
  private final SelfStudyReport selfStudy;
  private final org.springframework.beans.factory.ObjectProvider<HandedIn> handedIn;
  private final YearExemptions exemptions;

  CohortViews(DatabaseClient db, People people, Courses courses,
              org.springframework.beans.factory.ObjectProvider<SelfStudyReport> selfStudy,
              org.springframework.beans.factory.ObjectProvider<HandedIn> handedIn, YearExemptions exemptions) {
    this.db = db;
    this.people = people;
    this.courses = courses;
    this.selfStudy = selfStudy.getIfAvailable(() -> SelfStudyReport.NONE);
    this.handedIn = handedIn;
    this.exemptions = exemptions;
  }

  private static final String COLUMNS = """
      h.id, h.name, h.course_id, h.run_id, h.start_date, h.lecturer_id, h.self_study_days, h.meeting_days,
      h.finishing_days, h.registration_days, h.reference_extra_days""";
  private static final String HEADER = "SELECT " + COLUMNS + " FROM cohort h";

  private static Header header(io.r2dbc.spi.Readable r) {
    var template = new ScheduleTemplate(r.get("self_study_days", Integer.class), r.get("meeting_days", Integer.class),
        r.get("finishing_days", Integer.class), r.get("registration_days", Integer.class),
        r.get("reference_extra_days", Integer.class));
    LocalDate start = r.get("start_date", LocalDate.class);
    return new Header(r.get("id", Long.class), r.get("name", String.class), r.get("course_id", Long.class),
        null, r.get("run_id", Long.class), start, r.get("lecturer_id", Long.class),
        new CohortSchedule(start, template));
  }

  /** The cohort with its course's title (catalog's, kept in memory there). */
  private Mono<Header> titled(Header h) {
    return courses.title(h.courseId()).map(t -> h.withCourseTitle(t.title())).defaultIfEmpty(h);
  }

  /** Enrollments with their group, each given its course's title. */
  private Mono<List<Map.Entry<Cohorts.Enrollment, Optional<Long>>>> titled(List<Map.Entry<Cohorts.Enrollment, Optional<Long>>> rows) {
    return Cohorts.titled(courses, rows.stream().map(Map.Entry::getKey).toList()).map(titled -> {
      var list = new ArrayList<Map.Entry<Cohorts.Enrollment, Optional<Long>>>(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        list.add(Map.entry(titled.get(i), rows.get(i).getValue()));
      }
      return list;
    });
  }

  /** Rows carrying a cohort, each given its course's title: one look-up for the whole list. */
  private <T> Flux<T> titled(Flux<T> rows, java.util.function.Function<T, Header> header,
                             java.util.function.BiFunction<T, Header, T> with) {
    return rows.collectList().flatMapMany(list -> courses.titles(list.stream().map(r -> header.apply(r).courseId()).toList())
        .flatMapIterable(titles -> list.stream().map(r -> {
          Header h = header.apply(r);
          Courses.Title t = titles.get(h.courseId());
          return t == null ? r : with.apply(r, h.withCourseTitle(t.title()));
        }).toList()));
  }

  /**
   * The whole cohort, for a context that has already checked the caller's right
   * by its own rule (the training institution's evaluation is province-wide).
   */
  public Mono<Scope> whole(long cohortId) {
    return db.sql(HEADER + " WHERE h.id = :id").bind("id", cohortId).map((r, m) -> header(r)).one().flatMap(this::titled)
        .map(h -> new Scope(h, true, Set.of(), false, false));
  }

  /**
   * The cohort as the training institution sees it (whole, changing nothing), when
   * one of the caller's INSTITUTION grants reaches it: a province-wide grant
   * reaches every cohort, a cohort grant that cohort. Any other scope reaches none.
   */
  public Mono<Scope> forInstitution(Caller caller, long cohortId) {
    if (!institutionReaches(caller, cohortId)) {
      return Mono.empty();
    }
    return whole(cohortId);
  }

  /** Whether one of the caller's INSTITUTION grants reaches the cohort (province-wide, or that cohort). */
  public boolean institutionReaches(Caller caller, long cohortId) {
    return caller.grants().stream().filter(g -> g.role() == Role.INSTITUTION).anyMatch(g ->
        g.scopeType() == ScopeType.PROVINCE && g.scopeId() == null
            || g.scopeType() == ScopeType.COHORT && g.scopeId() != null && g.scopeId() == cohortId);
  }

  /**
   * A cohort the institution evaluates, with the last day any main enrollment of it
   * may still hand in (its latest extension, null when none): the evaluation waits for it.
   */
  public record EvaluatedCohort(Header cohort, LocalDate latestMainExtension) {
    public vn.bdtx.domain.completion.EvaluationOpening opening() {
      var s = cohort.schedule();
      List<vn.bdtx.domain.cohorts.Extension> ext = latestMainExtension == null ? List.of()
          : List.of(new vn.bdtx.domain.cohorts.Extension(latestMainExtension, ""));
      return vn.bdtx.domain.completion.EvaluationOpening.of(s, List.of(new EnrollmentSchedule(s, EnrollmentKind.MAIN, ext)));
    }
  }

  /** The cohorts the caller's INSTITUTION grants reach, newest first. */
  public Flux<EvaluatedCohort> evaluated(Caller caller) {
    boolean province = caller.grants().stream()
        .anyMatch(g -> g.role() == Role.INSTITUTION && g.scopeType() == ScopeType.PROVINCE && g.scopeId() == null);
    Long[] cohorts = caller.grants().stream()
        .filter(g -> g.role() == Role.INSTITUTION && g.scopeType() == ScopeType.COHORT && g.scopeId() != null)
        .map(Caller.Grant::scopeId).toArray(Long[]::new);
    if (!province && cohorts.length == 0) {
      return Flux.empty();
    }
    return db.sql("SELECT " + COLUMNS + """
            , (SELECT max(x.last_day) FROM extension x JOIN extension_member xm ON xm.extension_id = x.id
               JOIN enrollment e ON e.id = xm.enrollment_id WHERE e.cohort_id = h.id AND e.kind = 'MAIN') AS extended_to
            FROM cohort h
            WHERE :province OR h.id = ANY(:ids)
            ORDER BY h.start_date DESC, h.id""")
        .bind("province", province).bind("ids", cohorts)
        .map((r, m) -> new EvaluatedCohort(header(r), r.get("extended_to", LocalDate.class))).all()
        .transform(rows -> titled(rows, EvaluatedCohort::cohort, (row, h) -> new EvaluatedCohort(h, row.latestMainExtension())));
  }

  public Mono<Scope> scope(Caller caller, long cohortId) {
    boolean admin = caller.hasRole(Role.IT_ADMIN);
    boolean supervisor = caller.hasRole(Role.SUPERVISOR);
    return db.sql(HEADER + " WHERE h.id = :id").bind("id", cohortId).map((r, m) -> header(r)).one().flatMap(this::titled)
        .flatMap(h -> {
          if (admin || supervisor) {
            return Mono.just(new Scope(h, true, Set.of(), admin, true));
          }
          Mono<Boolean> staff = Mono.just(caller.hasRole(Role.LECTURER) && h.lecturerId() != null
                  && h.lecturerId() == caller.accountId())
              .flatMap(lecturer -> lecturer || !caller.hasRole(Role.ASSISTANT) ? Mono.just(lecturer)
                  : db.sql("SELECT count(*) FROM cohort_assistant WHERE cohort_id = :c AND account_id = :a")
                      .bind("c", cohortId).bind("a", caller.accountId()).map((r, m) -> r.get(0, Long.class) > 0).one());
          return staff.flatMap(isStaff -> {
            if (isStaff) {
              return Mono.just(new Scope(h, true, Set.of(), false, false));
            }
            if (!caller.hasRole(Role.CORE_TEACHER)) {
              return Mono.<Scope>empty();
            }
            return db.sql("SELECT id FROM cohort_group WHERE cohort_id = :c AND core_teacher_id = :a")
                .bind("c", cohortId).bind("a", caller.accountId()).map((r, m) -> r.get("id", Long.class)).all()
                .collect(HashSet<Long>::new, Set::add)
                .flatMap(groups -> groups.isEmpty() ? Mono.<Scope>empty()
                    : Mono.just(new Scope(h, false, Set.copyOf(groups), false, false)));
          });
        });
  }

  /** The cohorts the caller works in: as lecturer, assistant or core teacher. */
  public Flux<CohortListRow> mine(Caller caller) {
    return db.sql("SELECT " + COLUMNS + """
            , r.role
            FROM cohort h,
                 LATERAL (SELECT CASE
                   WHEN h.lecturer_id = :me THEN 'LECTURER'
                   WHEN EXISTS (SELECT 1 FROM cohort_assistant x WHERE x.cohort_id = h.id AND x.account_id = :me) THEN 'ASSISTANT'
                   WHEN EXISTS (SELECT 1 FROM cohort_group g WHERE g.cohort_id = h.id AND g.core_teacher_id = :me) THEN 'CORE_TEACHER'
                 END AS role) r
            WHERE r.role IS NOT NULL ORDER BY h.start_date DESC, h.id""")
        .bind("me", caller.accountId())
        .map((r, m) -> new CohortListRow(header(r), r.get("role", String.class))).all()
        .filter(row -> caller.hasRole(Role.valueOf(row.role())))
        .transform(rows -> titled(rows, CohortListRow::cohort, (row, h) -> new CohortListRow(h, row.role())));
  }

  public Mono<List<Group>> groups(long cohortId) {
    return db.sql("SELECT id, cluster_id, core_teacher_id FROM cohort_group WHERE cohort_id = :c ORDER BY id")
        .bind("c", cohortId)
        .map((r, m) -> new long[] {r.get("id", Long.class), nz(r.get("cluster_id", Long.class)), nz(r.get("core_teacher_id", Long.class))})
        .all().collectList()
        .flatMap(rows -> {
          List<Long> clusters = rows.stream().map(g -> g[1]).filter(x -> x != 0).toList();
          List<Long> teachers = rows.stream().map(g -> g[2]).filter(x -> x != 0).toList();
          return Mono.zip(people.unitNames(clusters), people.byIds(teachers).collectMap(People.Facts::id))
              .map(t -> rows.stream().map(g -> new Group(g[0], g[1] == 0 ? null : g[1], t.getT1().get(g[1]),
                  g[2] == 0 ? null : g[2], g[2] == 0 || t.getT2().get(g[2]) == null ? null : t.getT2().get(g[2]).fullName()))
                  .toList());
        });
  }

  private static long nz(Long v) {
    return v == null ? 0 : v;
  }

  /** The learners the scope allows, those who are behind first, then by name. */
  public Mono<List<LearnerRow>> learners(Scope scope, Instant now) {
    return learners(scope, null, now);
  }

  /** One learner of the cohort, if the scope allows them: without computing the whole class. */
  public Mono<LearnerRow> learner(Scope scope, long enrollmentId, Instant now) {
    return learners(scope, enrollmentId, now).flatMap(rows -> Mono.justOrEmpty(rows.stream().findFirst()));
  }

  private Mono<List<LearnerRow>> learners(Scope scope, Long only, Instant now) {
    return learnersAmong(scope, only == null ? null : List.of(only), now);
  }

  /**
   * These learners of the cohort (all of them when {@code only} is null), as the cohort pages show them: a few
   * queries whatever their number (the reporting read model recomputes a class's changed learners with it).
   */
  public Mono<List<LearnerRow>> learnersAmong(Scope scope, java.util.Collection<Long> only, Instant now) {
    var query = db.sql(Cohorts.ENROLLMENT + " WHERE e.cohort_id = :c" + (only == null ? "" : " AND e.id = ANY(:only)"))
        .bind("c", scope.cohort().id());
    if (only != null) {
      query = query.bind("only", only.toArray(Long[]::new));
    }
    return query
        .map((r, m) -> Map.entry(Cohorts.enrollment(r), Optional.ofNullable(r.get("group_id", Long.class)))).all()
        .filter(e -> scope.whole() || e.getValue().map(scope.groups()::contains).orElse(false))
        .collectList()
        .flatMap(this::titled)
        .flatMap(rows -> rows(rows, now))
        .map(list -> {
          var sorted = new ArrayList<>(list);
          sorted.sort(Comparator.comparing((LearnerRow l) -> !l.isBehind()).thenComparing(LearnerRow::fullName));
          return List.copyOf(sorted);
        });
  }

  /**
   * Every enrollment of these people, in any cohort, as the cohort pages show a
   * learner (today's day and phase, why behind, criterion (i)): for the principal's
   * and the district office's overviews, newest cohort first, then by name.
   */
  public Mono<List<LearnerRow>> ofLearners(java.util.Collection<Long> accountIds, Instant now) {
    if (accountIds.isEmpty()) {
      return Mono.just(List.of());
    }
    return db.sql(Cohorts.ENROLLMENT + " WHERE e.account_id = ANY(:a) ORDER BY h.start_date DESC, h.id")
        .bind("a", accountIds.toArray(Long[]::new))
        .map((r, m) -> Map.entry(Cohorts.enrollment(r), Optional.ofNullable(r.get("group_id", Long.class)))).all()
        .collectList()
        .flatMap(this::titled)
        .flatMap(rows -> rows(rows, now));
  }

  /**
   * These enrollments (each with its group) as the cohort pages show them, in the order given: the person,
   * today's day and phase, criterion (i), and why behind by {@link BehindToday} on the facts every page shares.
   * A few queries for any number of enrollments.
   */
  private Mono<List<LearnerRow>> rows(List<Map.Entry<Cohorts.Enrollment, Optional<Long>>> rows, Instant now) {
    if (rows.isEmpty()) {
      return Mono.just(List.of());
    }
    var enrollments = rows.stream().map(Map.Entry::getKey).toList();
    var ids = enrollments.stream().map(Cohorts.Enrollment::id).toList();
    var accounts = enrollments.stream().map(Cohorts.Enrollment::accountId).distinct().toList();
    var byVersion = new java.util.LinkedHashMap<Long, List<Cohorts.Enrollment>>();
    enrollments.forEach(e -> byVersion.computeIfAbsent(e.versionId(), v -> new ArrayList<>()).add(e));
    Mono<Map<Long, SelfStudyReport.Summary>> summaries = Flux.fromIterable(byVersion.entrySet())
        .concatMap(v -> selfStudy.summaries(v.getKey(), v.getValue()).defaultIfEmpty(Map.of()))
        .collect(java.util.HashMap<Long, SelfStudyReport.Summary>::new, Map::putAll);
    Mono<Set<Long>> studied = selfStudy.studiedOrAttempted(ids).defaultIfEmpty(Set.of());
    Mono<Set<Long>> submitted = handedIn.getIfAvailable(() -> HandedIn.NONE).submitted(ids).defaultIfEmpty(Set.of());
    LocalDate today = LocalDate.ofInstant(now, CohortSchedule.ZONE);
    return Mono.zip(summaries, studied, submitted, people.byIds(accounts).collectMap(People.Facts::id), exemptions.of(accounts))
        .map(t -> {
          var list = new ArrayList<LearnerRow>();
          for (var row : rows) {
            var e = row.getKey();
            var person = t.getT4().get(e.accountId());
            boolean handed = t.getT3().contains(e.id());
            boolean started = BehindToday.started(t.getT2().contains(e.id()), handed);
            var exemption = t.getT5().getOrDefault(e.accountId(), Map.of()).get(SchoolYear.of(e.startDate()).toString());
            var facts = new BehindToday.Facts(e.startDate(), e.schedule().lastDay(), "MAIN".equals(e.kind()),
                exemption == ExemptionKind.EXEMPT, started, handed);
            list.add(new LearnerRow(e, person == null ? "?" : person.fullName(), person == null ? "?" : person.username(),
                row.getValue().orElse(null), e.schedule().at(now), BehindToday.of(facts, today).stream().toList(),
                t.getT1().get(e.id()), started, handed));
          }
          return List.copyOf(list);
        });
  }
}
