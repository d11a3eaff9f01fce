package vn.bdtx.cohorts;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.accounts.People;
import vn.bdtx.catalog.Catalogue;
import vn.bdtx.catalog.Courses;
import vn.bdtx.domain.catalog.TrainingModule;
import vn.bdtx.domain.cohorts.RunColumn;
import vn.bdtx.domain.cohorts.RunImport;
import vn.bdtx.domain.cohorts.RunProblem;
import vn.bdtx.domain.catalog.CourseLevel;
import vn.bdtx.domain.imports.Headers;
import vn.bdtx.domain.imports.RowProblem;
import vn.bdtx.domain.text.Folding;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.spreadsheet.ImportFiles;
import vn.bdtx.platform.spreadsheet.SpreadsheetProblem;

/**
 * Opens a whole module run from one spreadsheet: reads it, looks up every course
 * and person it names, lets the domain's {@link RunImport} check every row, and
 * only when nothing is wrong writes the run, its cohorts (each pinned to its
 * course's newest version), assistants, groups by cluster and enrollments in
 * one transaction.
 */
@Service
public class RunImporter {

  /** What the page shows: the run opened, or why not; the columns not read and a legacy encoding the CSV was read in. */
  public record Report(Long runId, String moduleCode, int cohorts, int learners, int rowsRead,
                       List<RowProblem<RunColumn, RunProblem>> problems, SpreadsheetProblem unreadable,
                       List<Headers.Ignored> ignored, String encoding) {
    public Report(Long runId, String moduleCode, int cohorts, int learners, int rowsRead,
                  List<RowProblem<RunColumn, RunProblem>> problems, SpreadsheetProblem unreadable) {
      this(runId, moduleCode, cohorts, learners, rowsRead, problems, unreadable, List.of(), null);
    }

    public boolean ok() {
      return runId != null;
    }

    Report read(List<Headers.Ignored> ignored, String encoding) {
      return new Report(runId, moduleCode, cohorts, learners, rowsRead, problems, unreadable, ignored, encoding);
    }
  }

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final AuditLog audit;
  private final People people;
  private final Courses courses;
  private final Catalogue catalogue;
  private final Clock clock;
  private final ImportFiles files;
  private final vn.bdtx.regulation.Regulations regulations;

  private final Outbox outbox;

  RunImporter(DatabaseClient db, Outbox outbox, TransactionalOperator tx, AuditLog audit, People people, Courses courses,
              Catalogue catalogue, Clock clock, ImportFiles files, vn.bdtx.regulation.Regulations regulations) {
    this.outbox = outbox;
    this.regulations = regulations;
    this.db = db;
    this.tx = tx;
    this.audit = audit;
    this.people = people;
    this.courses = courses;
    this.catalogue = catalogue;
    this.clock = clock;
    this.files = files;
  }

  private record Sheet(List<String> header, List<List<String>> rows, SpreadsheetProblem unreadable, String encoding) {
  }

  public Mono<Report> importFile(Caller actor, Path file, String runName) {
    return Mono.fromCallable(() -> sheet(file)).subscribeOn(Schedulers.boundedElastic())
        .flatMap(sheet -> sheet.unreadable() != null
            ? Mono.just(new Report(null, "", 0, 0, 0, List.of(), sheet.unreadable()))
            : validate(sheet).flatMap(v -> (v.ok()
                ? write(actor, v, runName.isBlank() ? v.moduleCode() : runName)
                : Mono.just(new Report(null, v.moduleCode(), 0, 0, v.rowsRead(), v.problems(), null)))
                .map(report -> report.read(v.ignored(), sheet.encoding()))));
  }

  private Sheet sheet(Path file) {
    return files.read(file, readable -> {
      var rows = new ArrayList<List<String>>();
      // One more than the limit, so the domain reports TOO_MANY_ROWS at the right row.
      while (readable.rows().hasNext() && rows.size() <= files.maxRows()) {
        rows.add(readable.rows().next());
      }
      return new Sheet(readable.header(), rows, null, readable.shownEncoding());
    }, problem -> new Sheet(List.of(), List.of(), problem, null));
  }

  private Mono<RunImport.Validation> validate(Sheet sheet) {
    // Everyone and every module the file names, looked up at once before the rows are checked.
    Set<String> names = new HashSet<>();
    Set<String> modules = new HashSet<>();
    RunImport.FORMAT.read(sheet.header(), sheet.rows().iterator(), files.maxRows(), row -> {
      for (RunColumn c : List.of(RunColumn.LECTURER, RunColumn.ASSISTANTS, RunColumn.LEARNER, RunColumn.CORE_TEACHER)) {
        String v = row.text(c);
        if (v != null) {
          for (String part : v.split("[,;]")) {
            if (!part.isBlank()) {
              names.add(part.strip());
            }
          }
        }
      }
      String m = row.text(RunColumn.MODULE);
      if (m != null) {
        modules.add(m.toUpperCase(Locale.ROOT).replace(' ', '-'));
      }
    });
    Mono<Map<String, People.Facts>> found = people.byLoginOrEmail(names);
    Mono<List<Courses.CourseKey>> courseKeys = Flux.fromIterable(modules).concatMap(courses::ofModule).collectList();
    Mono<Map<String, TrainingModule>> catalogueByCode = catalogue.all()
        .map(all -> { Map<String, TrainingModule> m = new HashMap<>(); all.forEach(t -> m.put(t.code(), t)); return m; });
    return Mono.zip(found, courseKeys, catalogueByCode)
        .flatMap(t -> {
          List<Long> ids = t.getT1().values().stream().map(People.Facts::id).distinct().toList();
          return Mono.zip(completions(ids), enrolled(ids))
              .map(known -> RunImport.validate(sheet.header(), sheet.rows().iterator(),
                  directory(t.getT1(), t.getT2(), t.getT3(), known.getT1(), known.getT2()), LocalDate.now(clock),
                  files.maxRows()));
        });
  }

  private Mono<Map<Long, Set<String>>> completions(List<Long> ids) {
    if (ids.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql("SELECT account_id, module_code FROM module_completion WHERE account_id = ANY(:ids)")
        .bind("ids", ids.toArray(Long[]::new))
        .map((r, m) -> Map.entry(r.get("account_id", Long.class), r.get("module_code", String.class)))
        .all()
        .collect(() -> (Map<Long, Set<String>>) new HashMap<Long, Set<String>>(),
            (map, e) -> map.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue()));
  }

  /** The classes each person is already in, with the module and the school year they start in. */
  private Mono<Map<Long, List<RunImport.Enrolled>>> enrolled(List<Long> ids) {
    if (ids.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql("""
            SELECT e.account_id, h.module_code, h.start_date, h.name
            FROM enrollment e JOIN cohort h ON h.id = e.cohort_id
            WHERE e.account_id = ANY(:ids)""")
        .bind("ids", ids.toArray(Long[]::new))
        .map((r, m) -> Map.entry(r.get("account_id", Long.class), new RunImport.Enrolled(r.get("module_code", String.class),
            vn.bdtx.domain.accounts.SchoolYear.of(r.get("start_date", LocalDate.class)), r.get("name", String.class))))
        .all()
        .collect(() -> (Map<Long, List<RunImport.Enrolled>>) new HashMap<Long, List<RunImport.Enrolled>>(),
            (map, e) -> map.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
  }

  private static RunImport.Directory directory(Map<String, People.Facts> found, List<Courses.CourseKey> courseKeys,
                                               Map<String, TrainingModule> modules, Map<Long, Set<String>> done,
                                               Map<Long, List<RunImport.Enrolled>> enrolled) {
    return new RunImport.Directory() {
      @Override
      public Optional<RunImport.CourseRef> course(String moduleCode, CourseLevel level, String subject) {
        String key = Folding.key(subject);
        return courseKeys.stream()
            .filter(c -> c.moduleCode().equals(moduleCode) && Folding.key(c.subject()).equals(key)
                && (c.level() == level || c.level() == CourseLevel.ALL))
            // The course of exactly this level first, then a published one, then the newest.
            .min(Comparator.comparing((Courses.CourseKey c) -> c.level() != level)
                .thenComparing(c -> !c.published()).thenComparing(c -> -c.id()))
            .map(c -> new RunImport.CourseRef(c.id(), c.moduleCode(), c.published()));
      }

      @Override
      public Optional<RunImport.Person> person(String emailOrLogin) {
        return Optional.ofNullable(found.get(emailOrLogin.strip().toLowerCase(Locale.ROOT)))
            .map(f -> new RunImport.Person(f.id(), emailOrLogin.strip(), f.roles(), f.clusterId(), f.exemptYears(),
                done.getOrDefault(f.id(), Set.of()), enrolled.getOrDefault(f.id(), List.of())));
      }

      @Override
      public Set<String> prerequisites(String moduleCode) {
        TrainingModule m = modules.get(moduleCode);
        return m == null ? Set.of() : Set.copyOf(m.prerequisites());
      }
    };
  }

  private Mono<Report> write(Caller actor, RunImport.Validation v, String runName) {
    return db.sql("INSERT INTO module_run (module_code, name, created_by) VALUES (:m, :n, :by) RETURNING id")
        .bind("m", v.moduleCode()).bind("n", runName.length() > 200 ? runName.substring(0, 200) : runName)
        .bind("by", actor.accountId())
        .map((r, m) -> r.get("id", Long.class)).one()
        // Every class of the run keeps the regulation version in force as the run opens.
        .flatMap(runId -> regulations.current().flatMap(reg -> Flux.fromIterable(v.cohorts())
                .concatMap(c -> writeCohort(actor, runId, v.moduleCode(), c, reg.version())).then())
            .then(Flux.fromIterable(v.priorCompletions()).concatMap(p -> db.sql("""
                    INSERT INTO module_completion (account_id, module_code, source, recorded_by)
                    VALUES (:a, :m, 'RECORDED', :by) ON CONFLICT DO NOTHING""")
                .bind("a", p.accountId()).bind("m", p.moduleCode()).bind("by", actor.accountId()).then()).then())
            .then(audit.record(actor, "RUN_OPENED", "module_run", runId, Map.of("module", v.moduleCode(),
                "cohorts", v.cohorts().size(), "learners", v.learners(), "recordedCompletions", v.priorCompletions().size())))
            .thenReturn(new Report(runId, v.moduleCode(), v.cohorts().size(), v.learners(), v.rowsRead(), List.of(), null)))
        .as(tx::transactional);
  }

  private Mono<Void> writeCohort(Caller actor, long runId, String moduleCode, RunImport.PlannedCohort c, int regulation) {
    var t = c.template();
    return courses.latestVersion(c.courseId())
        .flatMap(version -> db.sql("""
                INSERT INTO cohort (course_id, module_code, content_version_id, name, start_date, created_by, run_id,
                                    self_study_days, meeting_days, finishing_days, registration_days, reference_extra_days,
                                    lecturer_id, regulation_version)
                VALUES (:course, :module, :version, :name, :start, :by, :run, :a, :b, :c, :r, :x, :lecturer, :regulation) RETURNING id""")
            .bind("regulation", regulation)
            .bind("course", c.courseId()).bind("module", moduleCode).bind("version", version.id()).bind("name", c.name()).bind("start", c.start())
            .bind("by", actor.accountId()).bind("run", runId).bind("a", t.selfStudyDays()).bind("b", t.meetingDays())
            .bind("c", t.finishingDays()).bind("r", t.registrationDays()).bind("x", t.referenceExtraDays())
            .bind("lecturer", c.lecturerId())
            .map((r, m) -> r.get("id", Long.class)).one())
        .flatMap(cohortId -> Flux.fromIterable(c.assistantIds())
            .concatMap(a -> db.sql("INSERT INTO cohort_assistant (cohort_id, account_id) VALUES (:c, :a)")
                .bind("c", cohortId).bind("a", a).then())
            .then(groups(cohortId, c))
            .flatMap(groupIds -> Flux.fromIterable(c.learners())
                .concatMap(e -> db.sql("""
                        INSERT INTO enrollment (cohort_id, account_id, kind, group_id) VALUES (:c, :a, :k, :g)""")
                    .bind("c", cohortId).bind("a", e.accountId()).bind("k", e.kind().name())
                    .bind("g", groupIds.get(Optional.ofNullable(e.clusterId()))).then())
                .then(outbox.publish(Topics.COHORT, cohortId))));
  }

  /** One group per cluster among the cohort's learners, with the core teacher the file named for it. */
  private Mono<Map<Optional<Long>, Long>> groups(long cohortId, RunImport.PlannedCohort c) {
    Map<Optional<Long>, Long> coreByCluster = new HashMap<>();
    c.learners().forEach(e -> {
      Optional<Long> cluster = Optional.ofNullable(e.clusterId());
      if (!coreByCluster.containsKey(cluster) || coreByCluster.get(cluster) == null) {
        coreByCluster.put(cluster, e.coreTeacherId());
      }
    });
    return Flux.fromIterable(coreByCluster.entrySet())
        .concatMap(g -> {
          var spec = db.sql("INSERT INTO cohort_group (cohort_id, cluster_id, core_teacher_id) VALUES (:c, :cl, :t) RETURNING id")
              .bind("c", cohortId);
          spec = g.getKey().isPresent() ? spec.bind("cl", g.getKey().get()) : spec.bindNull("cl", Long.class);
          spec = g.getValue() != null ? spec.bind("t", g.getValue()) : spec.bindNull("t", Long.class);
          return spec.map((r, m) -> Map.entry(g.getKey(), r.get("id", Long.class))).one();
        })
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }
}
