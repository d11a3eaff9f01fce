package vn.bdtx.cohorts;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.reactive.TransactionalOperator;
import vn.bdtx.domain.cohorts.Activity;
import vn.bdtx.domain.cohorts.CohortSchedule;
import vn.bdtx.domain.cohorts.EnrollmentKind;
import vn.bdtx.domain.cohorts.EnrollmentSchedule;
import vn.bdtx.domain.cohorts.Extension;
import vn.bdtx.domain.cohorts.ScheduleTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.catalog.Courses;
import vn.bdtx.catalog.VersionUsage;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;
import vn.bdtx.platform.security.Caller;

/** Opens cohorts on a course's newest published version and enrolls learners in them. */
@Service
public class Cohorts implements VersionUsage {

  /**
   * A learner's place in a cohort, with the version they study and their own
   * calendar (the cohort's template, their kind and extensions).
   */
  public record Enrollment(long id, long accountId, long cohortId, String cohortName, LocalDate startDate, long courseId, String courseTitle,
                           long versionId, String kind, Long runId, java.time.Instant registeredAt,
                           EnrollmentSchedule schedule, int regulationVersion) {

    public boolean registered() {
      return registeredAt != null;
    }

    /** The same enrollment with its course's title, which the catalog keeps. */
    Enrollment withCourseTitle(String title) {
      return new Enrollment(id, accountId, cohortId, cohortName, startDate, courseId, title, versionId, kind, runId,
          registeredAt, schedule, regulationVersion);
    }
  }

  /**
   * These enrollments, read with {@link #ENROLLMENT}, given their course's title from the catalog (kept in memory
   * there): one look-up for the whole list, usually no statement.
   */
  static Mono<List<Enrollment>> titled(Courses courses, List<Enrollment> enrollments) {
    if (enrollments.isEmpty()) {
      return Mono.just(enrollments);
    }
    return courses.titles(enrollments.stream().map(Enrollment::courseId).toList())
        .map(titles -> enrollments.stream().map(e -> {
          Courses.Title t = titles.get(e.courseId());
          return t == null ? e : e.withCourseTitle(t.title());
        }).toList());
  }

  private Flux<Enrollment> titled(Flux<Enrollment> enrollments) {
    return enrollments.collectList().flatMapMany(list -> titled(courses, list).flatMapIterable(l -> l));
  }

  /** Why a cohort could not be opened. */
  public enum Refusal { NO_SUCH_COURSE, NOT_PUBLISHED }

  public sealed interface Opened {
    record Ok(long cohortId, long versionId) implements Opened {
    }

    record Refused(Refusal reason) implements Opened {
    }
  }

  private final DatabaseClient db;
  private final Courses courses;
  private final AuditLog audit;
  private final TransactionalOperator tx;
  private final vn.bdtx.regulation.Regulations regulations;

  private final Outbox outbox;

  Cohorts(DatabaseClient db, Outbox outbox, Courses courses, AuditLog audit, TransactionalOperator tx,
          vn.bdtx.regulation.Regulations regulations) {
    this.outbox = outbox;
    this.regulations = regulations;
    this.db = db;
    this.courses = courses;
    this.audit = audit;
    this.tx = tx;
  }

  /** Opens a cohort pinned to the course's newest published version and the regulation version in force. */
  public Mono<Opened> open(Caller by, long courseId, String name, LocalDate start) {
    return courses.find(courseId).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
        .flatMap(course -> course.isEmpty() ? Mono.just((Opened) new Opened.Refused(Refusal.NO_SUCH_COURSE))
            : courses.latestVersion(courseId).zipWith(regulations.current())
            .flatMap(t -> Mono.just(t.getT1()).flatMap(v -> db.sql("""
                    INSERT INTO cohort (course_id, module_code, content_version_id, name, start_date, created_by,
                                        regulation_version)
                    VALUES (:c, :m, :v, :n, :s, :by, :reg) RETURNING id""")
                .bind("c", courseId).bind("m", course.get().moduleCode()).bind("v", v.id()).bind("n", name).bind("s", start).bind("by", by.accountId())
                .bind("reg", t.getT2().version())
                .map((r, m) -> r.get("id", Long.class)).one()
                .flatMap(id -> outbox.publish(Topics.COHORT, id).then(audit.record(by, "COHORT_OPENED", "cohort", id,
                        Map.of("course", String.valueOf(courseId), "version", String.valueOf(v.number()))))
                    .thenReturn((Opened) new Opened.Ok(id, v.id())))))
            .defaultIfEmpty(new Opened.Refused(Refusal.NOT_PUBLISHED)))
        .as(tx::transactional);
  }

  /** The regulation the cohort keeps: the version in force when it opened. */
  public Mono<vn.bdtx.domain.completion.Regulation> regulation(long cohortId) {
    return db.sql("SELECT regulation_version FROM cohort WHERE id = :c").bind("c", cohortId)
        .map((r, m) -> r.get("regulation_version", Integer.class)).one()
        .flatMap(regulations::version);
  }

  /** The regulation of the enrollment's cohort. */
  public Mono<vn.bdtx.domain.completion.Regulation> regulation(Enrollment e) {
    return regulations.version(e.regulationVersion());
  }

  /** The regulations of several enrollments' cohorts, by version number. */
  public Mono<Map<Integer, vn.bdtx.domain.completion.Regulation>> regulations(java.util.Collection<Enrollment> enrollments) {
    return regulations.versions(enrollments.stream().map(Enrollment::regulationVersion).toList());
  }

  public Mono<Void> enroll(long cohortId, long accountId, String kind) {
    return db.sql("""
            INSERT INTO enrollment (cohort_id, account_id, kind) VALUES (:c, :a, :k)
            ON CONFLICT (cohort_id, account_id) DO NOTHING RETURNING id""")
        .bind("c", cohortId).bind("a", accountId).bind("k", kind).map((r, m) -> r.get("id", Long.class)).one()
        .flatMap(id -> outbox.publish(Topics.ENROLLMENT, id))
        .as(tx::transactional);
  }

  /** The caller's enrollment in the cohort; empty if they are not in it. */
  public Mono<Enrollment> enrollment(long cohortId, long accountId) {
    return db.sql(ENROLLMENT + " WHERE e.cohort_id = :c AND e.account_id = :a")
        .bind("c", cohortId).bind("a", accountId).map((r, m) -> enrollment(r)).one()
        .flatMap(e -> courses.title(e.courseId()).map(t -> e.withCourseTitle(t.title())).defaultIfEmpty(e));
  }

  /** The group (of a core teacher) the enrollment is in; empty when it is in none. */
  public Mono<Long> groupOf(long enrollmentId) {
    return db.sql("SELECT group_id FROM enrollment WHERE id = :e AND group_id IS NOT NULL").bind("e", enrollmentId)
        .map((r, m) -> r.get("group_id", Long.class)).one();
  }

  /** These enrollments by id (the notification centre reads whose grade or certificate it is). */
  public Flux<Enrollment> enrollmentsById(java.util.Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Flux.empty();
    }
    return db.sql(ENROLLMENT + " WHERE e.id = ANY(:ids)").bind("ids", ids.toArray(Long[]::new))
        .map((r, m) -> enrollment(r)).all().transform(this::titled);
  }

  /** The accounts enrolled in a class (announcements to it). */
  public Mono<List<Long>> learnersOfCohort(long cohortId) {
    return db.sql("SELECT DISTINCT account_id FROM enrollment WHERE cohort_id = :c").bind("c", cohortId)
        .map((r, m) -> r.get(0, Long.class)).all().collectList();
  }

  /** The accounts enrolled in any class of a run, and each class's lecturer (announcements to the run). */
  public Mono<List<Long>> peopleOfRun(long runId) {
    return db.sql("""
            SELECT e.account_id FROM enrollment e JOIN cohort h ON h.id = e.cohort_id WHERE h.run_id = :r
            UNION SELECT h.lecturer_id FROM cohort h WHERE h.run_id = :r AND h.lecturer_id IS NOT NULL""")
        .bind("r", runId).map((r, m) -> r.get(0, Long.class)).all().collectList();
  }

  /** Whether the person is the class's lecturer (who may announce to it). */
  public Mono<Boolean> lectures(long accountId, long cohortId) {
    return db.sql("SELECT count(*) FROM cohort WHERE id = :c AND lecturer_id = :a").bind("c", cohortId).bind("a", accountId)
        .map((r, m) -> r.get(0, Long.class) > 0).one();
  }

  /** A class's or a run's name, for an announcement's audience; empty when there is none. */
  public Mono<String> cohortName(long cohortId) {
    return db.sql("SELECT name FROM cohort WHERE id = :c").bind("c", cohortId).map((r, m) -> r.get(0, String.class)).one();
  }

  /** A learner of a run: the enrollment, the person and the class with its name. */
  public record RunLearner(long enrollmentId, long accountId, long cohortId, String cohortName) {
  }

  /** Every enrollment of the run's classes (reports grouped by class, school or district). */
  public Mono<List<RunLearner>> learnersOfRun(long runId) {
    return db.sql("SELECT e.id, e.account_id, h.id AS cohort_id, h.name FROM enrollment e JOIN cohort h ON h.id = e.cohort_id WHERE h.run_id = :r")
        .bind("r", runId)
        .map((r, m) -> new RunLearner(r.get("id", Long.class), r.get("account_id", Long.class), r.get("cohort_id", Long.class),
            r.get("name", String.class)))
        .all().collectList();
  }

  /** The enrollments of the groups this core teacher leads: enrollment id → cohort id. */
  public Mono<Map<Long, Long>> ledBy(long coreTeacherId) {
    return db.sql("SELECT e.id, e.cohort_id FROM enrollment e JOIN cohort_group g ON g.id = e.group_id AND g.core_teacher_id = :me")
        .bind("me", coreTeacherId)
        .map((r, m) -> Map.entry(r.get("id", Long.class), r.get("cohort_id", Long.class))).all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** The names of these classes, by id; unknown ids are left out. */
  public Mono<Map<Long, String>> cohortNames(java.util.Collection<Long> cohortIds) {
    if (cohortIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql("SELECT id, name FROM cohort WHERE id = ANY(:ids)").bind("ids", cohortIds.toArray(Long[]::new))
        .map((r, m) -> Map.entry(r.get("id", Long.class), r.get("name", String.class))).all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  public Flux<Enrollment> enrollments(long accountId) {
    return db.sql(ENROLLMENT + " WHERE e.account_id = :a ORDER BY h.start_date DESC, h.id")
        .bind("a", accountId).map((r, m) -> enrollment(r)).all().transform(this::titled);
  }

  static final String ENROLLMENT = """
      SELECT e.id, e.account_id, e.group_id, h.id AS cohort_id, h.name, h.start_date, h.course_id, h.content_version_id, e.kind, h.run_id,
             h.regulation_version,
             e.registered_at, h.self_study_days, h.meeting_days, h.finishing_days, h.registration_days,
             h.reference_extra_days,
             (SELECT string_agg(x.last_day::text || '|' || x.reason, chr(30))
              FROM extension x JOIN extension_member xm ON xm.extension_id = x.id WHERE xm.enrollment_id = e.id) AS extensions
      FROM enrollment e JOIN cohort h ON h.id = e.cohort_id""";

  static Enrollment enrollment(io.r2dbc.spi.Readable r) {
    var template = new ScheduleTemplate(r.get("self_study_days", Integer.class), r.get("meeting_days", Integer.class),
        r.get("finishing_days", Integer.class), r.get("registration_days", Integer.class),
        r.get("reference_extra_days", Integer.class));
    LocalDate start = r.get("start_date", LocalDate.class);
    String kind = r.get("kind", String.class);
    String raw = r.get("extensions", String.class);
    List<Extension> extensions = raw == null ? List.of() : java.util.Arrays.stream(raw.split(String.valueOf((char) 30)))
        .map(x -> new Extension(LocalDate.parse(x.substring(0, x.indexOf('|'))), x.substring(x.indexOf('|') + 1)))
        .toList();
    return new Enrollment(r.get("id", Long.class), r.get("account_id", Long.class), r.get("cohort_id", Long.class), r.get("name", String.class), start,
        r.get("course_id", Long.class), null, r.get("content_version_id", Long.class), kind,
        r.get("run_id", Long.class), r.get("registered_at", java.time.Instant.class),
        new EnrollmentSchedule(new CohortSchedule(start, template), EnrollmentKind.valueOf(kind), extensions),
        r.get("regulation_version", Integer.class));
  }

  /** Why a registration was refused. */
  public enum RegistrationRefusal { CLOSED, NOT_ENROLLED }

  /**
   * The learner registers this enrollment as their MAIN subject (their other
   * enrollments in the same run become REFERENCE) or as REFERENCE — only while
   * registration is open (until the end of day 2 by default), judged on the
   * server clock. Afterwards only the IT team changes it ({@link CohortChanges#changeKind}).
   */
  public Mono<java.util.Optional<RegistrationRefusal>> register(Caller learner, long cohortId, EnrollmentKind kind,
                                                               java.time.Instant now) {
    return enrollment(cohortId, learner.accountId())
        .flatMap(e -> {
          if (!e.schedule().at(now).isOpen(Activity.REGISTRATION)) {
            return Mono.just(java.util.Optional.of(RegistrationRefusal.CLOSED));
          }
          Mono<Void> others = kind == EnrollmentKind.MAIN && e.runId() != null
              ? db.sql("""
                  UPDATE enrollment SET kind = 'REFERENCE', registered_at = :now
                  WHERE account_id = :a AND id <> :id AND kind = 'MAIN'
                    AND cohort_id IN (SELECT id FROM cohort WHERE run_id = :run) RETURNING id""")
                  .bind("now", now).bind("a", learner.accountId()).bind("id", e.id()).bind("run", e.runId())
                  .map((r, m) -> r.get("id", Long.class)).all().collectList()
                  .flatMap(ids -> outbox.publish(Topics.ENROLLMENT, ids))
              : Mono.empty();
          return others
              .then(db.sql("UPDATE enrollment SET kind = :k, registered_at = :now WHERE id = :id")
                  .bind("k", kind.name()).bind("now", now).bind("id", e.id()).then())
              .then(outbox.publish(Topics.ENROLLMENT, e.id()))
              .then(audit.record(learner, "SUBJECT_REGISTERED", "enrollment", e.id(), Map.of("kind", kind.name())))
              .as(tx::transactional)
              .thenReturn(java.util.Optional.<RegistrationRefusal>empty());
        })
        .defaultIfEmpty(java.util.Optional.of(RegistrationRefusal.NOT_ENROLLED));
  }


  /** The cohort of each of these enrollments (enrollment id → cohort id); unknown ids are left out. */
  public Mono<Map<Long, Long>> cohortOf(java.util.Collection<Long> enrollmentIds) {
    if (enrollmentIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql("SELECT id, cohort_id FROM enrollment WHERE id = ANY(:ids)").bind("ids", enrollmentIds.toArray(Long[]::new))
        .map((r, m) -> Map.entry(r.get("id", Long.class), r.get("cohort_id", Long.class))).all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** The content version the enrollment's class pinned when it opened; empty for an unknown enrollment. */
  public Mono<Long> contentVersionOf(long enrollmentId) {
    return db.sql("SELECT h.content_version_id FROM enrollment e JOIN cohort h ON h.id = e.cohort_id WHERE e.id = :e")
        .bind("e", enrollmentId).map((r, m) -> r.get(0, Long.class)).one();
  }

  /** The main-subject enrollments of these classes: enrollment id → cohort id (the classes' evaluation counts them). */
  public Mono<Map<Long, Long>> mainEnrollmentsOf(java.util.Collection<Long> cohortIds) {
    if (cohortIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql("SELECT id, cohort_id FROM enrollment WHERE cohort_id = ANY(:ids) AND kind = 'MAIN'")
        .bind("ids", cohortIds.toArray(Long[]::new))
        .map((r, m) -> Map.entry(r.get("id", Long.class), r.get("cohort_id", Long.class))).all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** Every enrollment of the class this enrollment is in, itself included: enrollment id → cohort id; empty if unknown. */
  public Mono<Map<Long, Long>> classmatesOf(long enrollmentId) {
    return db.sql("SELECT f.id, f.cohort_id FROM enrollment e JOIN enrollment f ON f.cohort_id = e.cohort_id WHERE e.id = :e")
        .bind("e", enrollmentId)
        .map((r, m) -> Map.entry(r.get("id", Long.class), r.get("cohort_id", Long.class))).all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /**
   * A main-subject learner of a class whose period is over: the enrollment, the person, the course and the
   * class's first and last day (the period a certificate certifies).
   */
  public record EndedMain(long enrollmentId, long accountId, long courseId, LocalDate from, LocalDate to) {
  }

  private static final String ENDED_MAIN = """
      SELECT e.id, e.account_id, h.course_id, h.start_date,
             h.start_date + (h.self_study_days + h.meeting_days + h.finishing_days - 1) AS last_day
      FROM enrollment e JOIN cohort h ON h.id = e.cohort_id
      WHERE e.kind = 'MAIN'
        -- the period has ended: its last day is before today in Vietnam
        AND h.start_date + (h.self_study_days + h.meeting_days + h.finishing_days - 1)
            < CAST(:now AT TIME ZONE 'Asia/Ho_Chi_Minh' AS date)
        AND\s""";

  /**
   * The main-subject enrollments of the class whose period has ended by {@code now}, in enrollment order, in one
   * query (completion numbers its certificates from them, a batch of thousands at a time).
   */
  public Mono<List<EndedMain>> endedMainOfCohort(long cohortId, java.time.Instant now) {
    return endedMain("h.id = :scope ORDER BY e.id", cohortId, now);
  }

  /** As {@link #endedMainOfCohort} for every class of a module run. */
  public Mono<List<EndedMain>> endedMainOfRun(long runId, java.time.Instant now) {
    return endedMain("h.run_id = :scope ORDER BY e.id", runId, now);
  }

  private Mono<List<EndedMain>> endedMain(String scope, long id, java.time.Instant now) {
    return db.sql(ENDED_MAIN + scope).bind("scope", id).bind("now", now)
        .map((r, m) -> new EndedMain(r.get("id", Long.class), r.get("account_id", Long.class), r.get("course_id", Long.class),
            r.get("start_date", LocalDate.class), r.get("last_day", LocalDate.class)))
        .all().collectList();
  }

  /** Every enrollment of the class, of any kind. */
  public Mono<List<Long>> enrollmentIdsOf(long cohortId) {
    return db.sql("SELECT id FROM enrollment WHERE cohort_id = :c").bind("c", cohortId)
        .map((r, m) -> r.get(0, Long.class)).all().collectList();
  }

  /**
   * Takes the enrollment's row lock until the caller's transaction ends (call it inside that transaction): what
   * assignments serialises a learner's submitted versions and their grading on.
   */
  public Mono<Void> lockEnrollment(long enrollmentId) {
    return db.sql("SELECT id FROM enrollment WHERE id = :e FOR UPDATE").bind("e", enrollmentId).map((r, m) -> 1).all().then();
  }

  /** Every enrollment of these people: enrollment id → cohort id. */
  public Mono<Map<Long, Long>> enrollmentsOf(java.util.Collection<Long> accountIds) {
    if (accountIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql("SELECT id, cohort_id FROM enrollment WHERE account_id = ANY(:a)").bind("a", accountIds.toArray(Long[]::new))
        .map((r, m) -> Map.entry(r.get("id", Long.class), r.get("cohort_id", Long.class))).all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** Cohort ids after {@code afterId}, in order, a page at a time (for rebuilding a copy). */
  public Mono<List<Long>> idsAfter(long afterId, int limit) {
    return db.sql("SELECT id FROM cohort WHERE id > :after ORDER BY id LIMIT :n").bind("after", afterId).bind("n", limit)
        .map((r, m) -> r.get("id", Long.class)).all().collectList();
  }

  /** Whether any enrollment exists at all. */
  public Mono<Boolean> anyEnrollment() {
    return db.sql("SELECT EXISTS (SELECT 1 FROM enrollment) AS e").map((r, m) -> Boolean.TRUE.equals(r.get("e", Boolean.class))).one();
  }

  @Override
  public Flux<CohortOnVersion> cohortsOf(long courseId) {
    return db.sql("""
            SELECT h.content_version_id, h.id, h.name, h.start_date,
                   (SELECT count(*) FROM enrollment e WHERE e.cohort_id = h.id) AS learners
            FROM cohort h WHERE h.course_id = :c ORDER BY h.start_date DESC, h.id""")
        .bind("c", courseId)
        .map((r, m) -> new CohortOnVersion(r.get("content_version_id", Long.class), r.get("id", Long.class),
            r.get("name", String.class), r.get("start_date", LocalDate.class), r.get("learners", Long.class)))
        .all();
  }

  /** A learner of a group: their enrollment, account and kind (MAIN or REFERENCE). */
  public record GroupMember(long enrollmentId, long accountId, String kind) {
  }

  /** The learners of a group, in enrollment order. */
  public Mono<List<GroupMember>> groupMembers(long groupId) {
    return db.sql("SELECT id, account_id, kind FROM enrollment WHERE group_id = :g ORDER BY id").bind("g", groupId)
        .map((r, m) -> new GroupMember(r.get("id", Long.class), r.get("account_id", Long.class), r.get("kind", String.class)))
        .all().collectList();
  }

  /** The group of each of these enrollments that has one, by enrollment id. */
  public Mono<Map<Long, Long>> groupsOf(java.util.Collection<Long> enrollmentIds) {
    if (enrollmentIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql("SELECT id, group_id FROM enrollment WHERE id = ANY(:ids) AND group_id IS NOT NULL")
        .bind("ids", enrollmentIds.toArray(Long[]::new))
        .map((r, m) -> Map.entry(r.get("id", Long.class), r.get("group_id", Long.class))).all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** A group of a cohort: its cohort and core teacher (null when none). */
  public record GroupRef(long id, long cohortId, Long coreTeacherId) {
  }

  public Mono<GroupRef> group(long groupId) {
    return db.sql("SELECT id, cohort_id, core_teacher_id FROM cohort_group WHERE id = :g").bind("g", groupId)
        .map((r, m) -> new GroupRef(r.get("id", Long.class), r.get("cohort_id", Long.class), r.get("core_teacher_id", Long.class)))
        .one();
  }
}
