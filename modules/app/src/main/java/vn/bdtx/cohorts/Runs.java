package vn.bdtx.cohorts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.cohorts.CohortSchedule;
import vn.bdtx.domain.cohorts.ScheduleTemplate;

/** Module runs and their cohorts as the IT team and supervisors see them. */
@Service
public class Runs {

  public record RunRow(long id, String name, String moduleCode, Instant createdAt, long cohorts, long learners) {
  }

  /** A cohort of a run with its calendar and head counts; {@code unregistered} learners have not confirmed their subject. */
  public record CohortRow(long id, String name, String courseTitle, CohortSchedule schedule, String lecturer,
                          long main, long reference, long groups, long unregistered) {
    CohortRow with(String title, String lecturerName) {
      return new CohortRow(id, name, title, schedule, lecturerName, main, reference, groups, unregistered);
    }

    public LocalDate start() {
      return schedule.start();
    }

    /** The cohort's own day and phase (a main enrollment without extensions). */
    public vn.bdtx.domain.cohorts.EnrollmentSchedule.Status status(Instant now) {
      return vn.bdtx.domain.cohorts.EnrollmentSchedule.of(schedule, vn.bdtx.domain.cohorts.EnrollmentKind.MAIN).at(now);
    }
  }

  private final DatabaseClient db;

  private final vn.bdtx.accounts.People people;
  private final vn.bdtx.catalog.Courses courses;

  Runs(DatabaseClient db, vn.bdtx.accounts.People people, vn.bdtx.catalog.Courses courses) {
    this.people = people;
    this.db = db;
    this.courses = courses;
  }

  /** A class row as read, before the names of its course (catalog) and lecturer (accounts) are added. */
  private record Read(CohortRow row, long courseId, java.util.Optional<Long> lecturerId) {
  }

  public Flux<RunRow> all() {
    return db.sql("""
            SELECT r.id, r.name, r.module_code, r.created_at,
                   (SELECT count(*) FROM cohort h WHERE h.run_id = r.id) AS cohorts,
                   (SELECT count(*) FROM enrollment e JOIN cohort h ON h.id = e.cohort_id WHERE h.run_id = r.id) AS learners
            FROM module_run r ORDER BY r.created_at DESC, r.id DESC""")
        .map((r, m) -> new RunRow(r.get("id", Long.class), r.get("name", String.class), r.get("module_code", String.class),
            r.get("created_at", Instant.class), r.get("cohorts", Long.class), r.get("learners", Long.class)))
        .all();
  }

  /** The names of these module runs, by id. */
  public Mono<java.util.Map<Long, String>> names(java.util.Collection<Long> runIds) {
    if (runIds.isEmpty()) {
      return Mono.just(java.util.Map.of());
    }
    return db.sql("SELECT id, name FROM module_run WHERE id = ANY(:ids)").bind("ids", runIds.toArray(Long[]::new))
        .map((r, m) -> java.util.Map.entry(r.get("id", Long.class), r.get("name", String.class))).all()
        .collectMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue);
  }

  public Mono<RunRow> find(long id) {
    return all().filter(r -> r.id() == id).next();
  }

  public Mono<List<CohortRow>> cohorts(long runId) {
    return db.sql("""
            SELECT h.id, h.name, h.course_id, h.start_date, h.self_study_days, h.meeting_days, h.finishing_days,
                   h.registration_days, h.reference_extra_days, h.lecturer_id,
                   (SELECT count(*) FROM enrollment e WHERE e.cohort_id = h.id AND e.kind = 'MAIN') AS main,
                   (SELECT count(*) FROM enrollment e WHERE e.cohort_id = h.id AND e.kind = 'REFERENCE') AS reference,
                   (SELECT count(*) FROM cohort_group g WHERE g.cohort_id = h.id) AS groups,
                   (SELECT count(*) FROM enrollment e WHERE e.cohort_id = h.id AND e.registered_at IS NULL) AS unregistered
            FROM cohort h
            WHERE h.run_id = :run ORDER BY h.id""")
        .bind("run", runId)
        .map((r, m) -> new Read(new CohortRow(r.get("id", Long.class), r.get("name", String.class), null,
            new CohortSchedule(r.get("start_date", LocalDate.class), new ScheduleTemplate(
                r.get("self_study_days", Integer.class), r.get("meeting_days", Integer.class),
                r.get("finishing_days", Integer.class), r.get("registration_days", Integer.class),
                r.get("reference_extra_days", Integer.class))),
            null, r.get("main", Long.class), r.get("reference", Long.class),
            r.get("groups", Long.class), r.get("unregistered", Long.class)),
            r.get("course_id", Long.class), java.util.Optional.ofNullable(r.get("lecturer_id", Long.class))))
        .all().collectList()
        // The lecturers' names from accounts (People) and the courses' titles from catalog (kept in memory there),
        // zipped into the rows.
        .flatMap(rows -> Mono.zip(people.names(rows.stream().flatMap(row -> row.lecturerId().stream()).toList()),
                courses.titles(rows.stream().map(Read::courseId).toList()))
            .map(t -> rows.stream().map(row -> {
                  var title = t.getT2().get(row.courseId());
                  return row.row().with(title == null ? null : title.title(), row.lecturerId().map(t.getT1()::get).orElse(null));
                })
                .toList()));
  }

  /** The core teachers leading a group of one of the run's classes, each with the clusters of their groups. */
  public Mono<java.util.Map<Long, java.util.Set<Long>>> coreTeachers(long runId) {
    return db.sql("""
            SELECT g.core_teacher_id, g.cluster_id FROM cohort_group g JOIN cohort h ON h.id = g.cohort_id
            WHERE h.run_id = :run AND g.core_teacher_id IS NOT NULL""")
        .bind("run", runId)
        .map((r, m) -> new Long[] {r.get("core_teacher_id", Long.class), r.get("cluster_id", Long.class)}).all()
        .collect(java.util.LinkedHashMap<Long, java.util.Set<Long>>::new, (map, row) -> {
          var clusters = map.computeIfAbsent(row[0], k -> new java.util.TreeSet<>());
          if (row[1] != null) {
            clusters.add(row[1]);
          }
        })
        .map(m -> (java.util.Map<Long, java.util.Set<Long>>) m);
  }

  /** The runs in one of whose classes this person leads a group. */
  public Mono<List<Long>> ledBy(long accountId) {
    return db.sql("""
            SELECT DISTINCT h.run_id FROM cohort_group g JOIN cohort h ON h.id = g.cohort_id
            WHERE g.core_teacher_id = :a AND h.run_id IS NOT NULL""")
        .bind("a", accountId).map((r, m) -> r.get(0, Long.class)).all().collectList();
  }

  /**
   * Whether attendance at the professional meeting counts toward completion in the run (off by default,
   * as in the seeds); false for a cohort outside any run.
   */
  public Mono<Boolean> meetingAttendanceCounts(long runId) {
    return db.sql("SELECT meeting_attendance_counts FROM module_run WHERE id = :r").bind("r", runId)
        .map((r, m) -> r.get(0, Boolean.class)).one().defaultIfEmpty(false);
  }

  /** The runs among these that count attendance. */
  public Mono<java.util.Set<Long>> countingAttendance(java.util.Collection<Long> runIds) {
    if (runIds.isEmpty()) {
      return Mono.just(java.util.Set.of());
    }
    return db.sql("SELECT id FROM module_run WHERE id = ANY(:ids) AND meeting_attendance_counts")
        .bind("ids", runIds.toArray(Long[]::new)).map((r, m) -> r.get(0, Long.class)).all()
        .collect(java.util.stream.Collectors.toSet());
  }

  /** Sets the run's setting; true when the run exists. Changes every outcome computed later, not settled ones. */
  public Mono<Boolean> setMeetingAttendanceCounts(long runId, boolean counts) {
    return db.sql("UPDATE module_run SET meeting_attendance_counts = :c WHERE id = :r").bind("c", counts).bind("r", runId)
        .fetch().rowsUpdated().map(n -> n > 0);
  }
}
