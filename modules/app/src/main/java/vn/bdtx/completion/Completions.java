package vn.bdtx.completion;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.assignments.Grades;
import vn.bdtx.catalog.Catalogue;
import vn.bdtx.cohorts.CohortViews;
import vn.bdtx.cohorts.ModuleCompletions;
import vn.bdtx.domain.catalog.TrainingModule;
import vn.bdtx.domain.completion.Completion;
import vn.bdtx.domain.completion.Completion.InstitutionDecision;
import vn.bdtx.domain.completion.EvaluationOpening;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;
import vn.bdtx.platform.security.Caller;

/**
 * Each enrollment's outcome, computed from the three evaluations as they stand:
 * (i) from self-study (the learning context, through the cohort views), (ii)
 * from the final grade, (iii) from the institution's evaluation. The institution
 * records (iii) for a whole cohort at once with named exceptions; that is when
 * outcomes are settled, and a completed module is added to the person's record.
 */
@Service
public class Completions implements vn.bdtx.assignments.AfterGrading {

  /** One learner's three criteria and the outcome. */
  public record Standing(CohortViews.LearnerRow learner, boolean selfStudy, BigDecimal finalGrade,
                         InstitutionDecision institution, String institutionReason, Completion completion,
                         String assignment, vn.bdtx.domain.completion.Regulation rules) {
    public boolean main() {
      return "MAIN".equals(learner.enrollment().kind());
    }
  }

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final CohortViews views;
  private final Grades grades;
  private final vn.bdtx.cohorts.Cohorts cohorts;

  private final Outbox outbox;

  private final vn.bdtx.cohorts.Runs runs;
  private final MeetingAttendance attendance;
  private final ModuleCompletions moduleCompletions;
  private final Catalogue catalogue;
  private final vn.bdtx.accounts.People people;

  Completions(DatabaseClient db, Outbox outbox, TransactionalOperator tx, CohortViews views, Grades grades, vn.bdtx.cohorts.Cohorts cohorts,
              vn.bdtx.cohorts.Runs runs, org.springframework.beans.factory.ObjectProvider<MeetingAttendance> attendance,
              ModuleCompletions moduleCompletions, Catalogue catalogue, vn.bdtx.accounts.People people) {
    this.people = people;
    this.runs = runs;
    this.moduleCompletions = moduleCompletions;
    this.catalogue = catalogue;
    this.attendance = attendance.getIfAvailable(() -> MeetingAttendance.NONE);
    this.outbox = outbox;
    this.cohorts = cohorts;
    this.db = db;
    this.tx = tx;
    this.views = views;
    this.grades = grades;
  }

  private record Evaluation(InstitutionDecision decision, String reason) {
  }

  private Mono<Map<Long, Evaluation>> evaluations(Collection<Long> enrollmentIds) {
    return db.sql("SELECT enrollment_id, decision, reason FROM institution_evaluation WHERE enrollment_id = ANY(:ids)")
        .bind("ids", enrollmentIds.toArray(Long[]::new))
        .map((r, m) -> Map.entry(r.get("enrollment_id", Long.class),
            new Evaluation(InstitutionDecision.valueOf(r.get("decision", String.class)), r.get("reason", String.class))))
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** Every learner of the scope with their criteria and outcome, as of {@code now}. */
  public Mono<List<Standing>> of(CohortViews.Scope scope, Instant now) {
    return views.learners(scope, now).flatMap(this::standings);
  }

  /** One learner's standing in their cohort. */
  public Mono<Standing> of(long cohortId, long enrollmentId, Instant now) {
    return views.whole(cohortId).flatMap(scope -> views.learner(scope, enrollmentId, now))
        .flatMap(l -> standings(List.of(l)))
        .flatMap(all -> Mono.justOrEmpty(all.stream().findFirst()));
  }

  private Mono<List<Standing>> standings(List<CohortViews.LearnerRow> learners) {
    var ids = learners.stream().map(l -> l.enrollment().id()).toList();
    var enrollments = learners.stream().map(CohortViews.LearnerRow::enrollment).toList();
    var runIds = enrollments.stream().map(vn.bdtx.cohorts.Cohorts.Enrollment::runId).filter(java.util.Objects::nonNull)
        .collect(Collectors.toSet());
    // The meeting criterion, when the learner's run counts attendance (off by default: nothing is read then).
    Mono<Map<Long, Completion.MeetingAttendance>> meeting = runs.countingAttendance(runIds).flatMap(counting -> {
      var counted = enrollments.stream().filter(e -> e.runId() != null && counting.contains(e.runId()) && "MAIN".equals(e.kind()))
          .map(vn.bdtx.cohorts.Cohorts.Enrollment::id).toList();
      if (counted.isEmpty()) {
        return Mono.just(Map.<Long, Completion.MeetingAttendance>of());
      }
      return attendance.attended(counted).defaultIfEmpty(Map.of()).map(present -> {
        var m = new java.util.HashMap<Long, Completion.MeetingAttendance>();
        for (Long id : counted) {
          Boolean p = present.get(id);
          m.put(id, p == null ? Completion.MeetingAttendance.NOT_RECORDED
              : p ? Completion.MeetingAttendance.PRESENT : Completion.MeetingAttendance.ABSENT);
        }
        return m;
      });
    });
    return Mono.zip(grades.standings(ids), evaluations(ids), cohorts.regulations(enrollments), meeting).map(t -> {
      var list = new ArrayList<Standing>();
      for (var l : learners) {
        var g = t.getT1().get(l.enrollment().id());
        BigDecimal grade = g != null && "GRADED".equals(g.status()) ? g.score() : null;
        var ev = t.getT2().get(l.enrollment().id());
        var decision = ev == null ? InstitutionDecision.UNDECIDED : ev.decision();
        boolean selfStudy = l.selfStudy() != null && l.selfStudy().passed();
        var rules = t.getT3().get(l.enrollment().regulationVersion());
        list.add(new Standing(l, selfStudy, grade, decision, ev == null ? "" : ev.reason(),
            Completion.decide(selfStudy, grade, decision, rules,
                t.getT4().getOrDefault(l.enrollment().id(), Completion.MeetingAttendance.NOT_COUNTED)), g == null ? "NOT_SUBMITTED" : g.status(), rules));
      }
      list.sort(java.util.Comparator.comparing((Standing s) -> s.learner().fullName()));
      return List.copyOf(list);
    });
  }

  /** When the institution may evaluate the cohort of these learners (domain {@link EvaluationOpening}). */
  public static EvaluationOpening opening(CohortViews.Header cohort, List<CohortViews.LearnerRow> learners) {
    return EvaluationOpening.of(cohort.schedule(), learners.stream().map(l -> l.enrollment().schedule()).toList());
  }

  /** When the institution may evaluate this cohort, as of {@code now} (for the learner's "from dd/MM/yyyy"). */
  public Mono<EvaluationOpening> opening(long cohortId, Instant now) {
    return views.whole(cohortId).flatMap(scope -> views.learners(scope, now).map(l -> opening(scope.cohort(), l)));
  }

  /** What recording the evaluation did: settled the cohort, or nothing because it does not open before {@code opening}. */
  public sealed interface Evaluated {
    record Settled(List<Standing> standings) implements Evaluated {
    }

    record NotYet(EvaluationOpening opening) implements Evaluated {
    }
  }

  /**
   * The institution's evaluation of a cohort: every main enrollment passed except
   * {@code exceptions} (enrollment id → reason), which are not passed. Then each
   * outcome is settled and completed modules are recorded. Before the cohort's
   * finishing phase (and its main enrollments' extensions) has ended nothing is written.
   */
  public Mono<Evaluated> evaluate(Caller by, long cohortId, Map<Long, String> exceptions, Instant now) {
    return views.whole(cohortId).flatMap(scope -> views.learners(scope, now).map(l -> Map.entry(scope, l))).flatMap(t -> {
      var learners = t.getValue();
      var opening = opening(t.getKey().cohort(), learners);
      if (!opening.isOpen(now)) {
        return Mono.just((Evaluated) new Evaluated.NotYet(opening));
      }
      var main = learners.stream().filter(l -> "MAIN".equals(l.enrollment().kind())).toList();
      Long[] ids = main.stream().map(l -> l.enrollment().id()).toArray(Long[]::new);
      Long[] notPassed = exceptions.keySet().toArray(Long[]::new);
      String[] reasons = exceptions.keySet().stream().map(exceptions::get).toArray(String[]::new);
      var write = db.sql("""
              INSERT INTO institution_evaluation (enrollment_id, decision, reason, decided_by, decided_at)
              SELECT e, CASE WHEN x.r IS NULL THEN 'PASSED' ELSE 'NOT_PASSED' END, COALESCE(x.r, ''), :by, :now
              FROM unnest(CAST(:ids AS bigint[])) AS e
              LEFT JOIN unnest(CAST(:xs AS bigint[]), CAST(:rs AS varchar[])) AS x(id, r) ON x.id = e
              ON CONFLICT (enrollment_id) DO UPDATE SET decision = EXCLUDED.decision, reason = EXCLUDED.reason,
                decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at""")
          .bind("ids", ids).bind("xs", notPassed).bind("rs", reasons).bind("by", by.accountId()).bind("now", now)
          .fetch().rowsUpdated();
      return write.then(settle(cohortId, now)).as(tx::transactional).map(s -> (Evaluated) new Evaluated.Settled(s));
    });
  }

  /**
   * A grade given (or a submission returned) after the institution recorded (iii) for the class settles the
   * class's stored outcomes again, in the grade's own transaction: certificates and every page's figures then
   * follow the new grade. Before the evaluation nothing is stored, so nothing is done.
   */
  @Override
  public Mono<Void> decided(long enrollmentId, Instant now) {
    // The class's enrollments from cohorts (their owner); whether any has an evaluation from completion's own rows.
    return cohorts.classmatesOf(enrollmentId).filter(m -> !m.isEmpty())
        .filterWhen(m -> db.sql("SELECT EXISTS (SELECT 1 FROM institution_evaluation WHERE enrollment_id = ANY(:ids))")
            .bind("ids", m.keySet().toArray(Long[]::new)).map((r, x) -> r.get(0, Boolean.class)).one())
        .flatMap(m -> settle(m.get(enrollmentId), now)).then();
  }

  /** When the institution's evaluation (iii) of a cohort was last recorded, and by whom. */
  public record Recorded(Instant at, String byName) {
  }

  /** The last recording of the institution's evaluation of the cohort, from its own rows; empty if never recorded. */
  public Mono<Recorded> lastEvaluation(long cohortId) {
    return cohorts.enrollmentIdsOf(cohortId).filter(ids -> !ids.isEmpty()).flatMap(ids -> db.sql("""
            SELECT x.decided_at, x.decided_by FROM institution_evaluation x
            WHERE x.enrollment_id = ANY(:ids) ORDER BY x.decided_at DESC LIMIT 1""")
        .bind("ids", ids.toArray(Long[]::new))
        .map((r, m) -> Map.entry(r.get("decided_at", Instant.class), r.get("decided_by", Long.class)))
        .one())
        // Who recorded it, by name, from accounts (People).
        .flatMap(last -> people.names(List.of(last.getValue()))
            .map(names -> new Recorded(last.getKey(), names.get(last.getValue()))));
  }

  /** Stores every main enrollment's outcome and records completed modules (never removing one). */
  Mono<List<Standing>> settle(long cohortId, Instant now) {
    return views.whole(cohortId).flatMap(scope -> of(scope, now)).flatMap(all -> {
      var main = all.stream().filter(Standing::main).toList();
      if (main.isEmpty()) {
        return Mono.just(all);
      }
      Long[] ids = main.stream().map(s -> s.learner().enrollment().id()).toArray(Long[]::new);
      String[] outcomes = main.stream().map(s -> s.completion().outcome().name()).toArray(String[]::new);
      String[] missing = main.stream().map(s -> s.completion().missing().stream()
          .map(x -> x.criterion() + ":" + x.state()).collect(Collectors.joining(","))).toArray(String[]::new);
      String[] grades = main.stream().map(s -> s.finalGrade() == null ? null : s.finalGrade().toPlainString()).toArray(String[]::new);
      return db.sql("""
              INSERT INTO enrollment_completion (enrollment_id, outcome, missing, final_grade, settled_at)
              SELECT e, o, m, CAST(g AS numeric), :now
              FROM unnest(CAST(:ids AS bigint[]), CAST(:os AS varchar[]), CAST(:ms AS varchar[]), CAST(:gs AS varchar[])) AS t(e, o, m, g)
              ON CONFLICT (enrollment_id) DO UPDATE SET outcome = EXCLUDED.outcome, missing = EXCLUDED.missing,
                final_grade = EXCLUDED.final_grade, settled_at = EXCLUDED.settled_at""")
          .bind("ids", ids).bind("os", outcomes).bind("ms", missing).bind("gs", grades).bind("now", now)
          .fetch().rowsUpdated()
          // Completed modules are cohorts' record (its one writer), made in this transaction.
          .then(moduleCompletions.recordCompleted(main.stream()
              .filter(s -> s.completion().outcome() == Completion.Outcome.COMPLETED)
              .map(s -> s.learner().enrollment().id()).toList(), now))
          // The evaluation (iii) and the settled outcomes move every main learner's figures.
          .then(outbox.publish(Topics.ENROLLMENT, java.util.Arrays.asList(ids)))
          .thenReturn(all);
    });
  }

  /** The settled outcome of each of these enrollments that has one (set when the institution records (iii)). */
  public Mono<Map<Long, Completion.Outcome>> settled(Collection<Long> enrollmentIds) {
    if (enrollmentIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql("SELECT enrollment_id, outcome FROM enrollment_completion WHERE enrollment_id = ANY(:ids)")
        .bind("ids", enrollmentIds.toArray(Long[]::new))
        .map((r, m) -> Map.entry(r.get("enrollment_id", Long.class), Completion.Outcome.valueOf(r.get("outcome", String.class))))
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** The institution's decision (iii) on each of these enrollments that has one. */
  public Mono<Map<Long, InstitutionDecision>> decisions(Collection<Long> enrollmentIds) {
    if (enrollmentIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return evaluations(enrollmentIds).map(m -> m.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().decision())));
  }

  /** A settled outcome with what was missing (criterion:state, comma separated; empty when completed). */
  public record Settled(Completion.Outcome outcome, String missing) {
  }

  /** The settled outcome and what was missing of each of these enrollments that has one. */
  public Mono<Map<Long, Settled>> settledWithReasons(Collection<Long> enrollmentIds) {
    if (enrollmentIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql("SELECT enrollment_id, outcome, missing FROM enrollment_completion WHERE enrollment_id = ANY(:ids)")
        .bind("ids", enrollmentIds.toArray(Long[]::new))
        .map((r, m) -> Map.entry(r.get("enrollment_id", Long.class),
            new Settled(Completion.Outcome.valueOf(r.get("outcome", String.class)), r.get("missing", String.class))))
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** A person's completed modules: code, title, periods and when, newest first (cohorts' record, catalogue's titles). */
  public Flux<Object[]> completedModules(long accountId) {
    return Mono.zip(moduleCompletions.of(accountId).collectList(), catalogue.all())
        .flatMapMany(t -> {
          Map<String, TrainingModule> modules = t.getT2().stream()
              .collect(Collectors.toMap(TrainingModule::code, m -> m, (a, b) -> a));
          return Flux.fromIterable(t.getT1()).filter(x -> modules.containsKey(x.moduleCode())).map(x -> {
            TrainingModule m = modules.get(x.moduleCode());
            return new Object[] {m.code(), m.title(), m.periods(), x.recordedAt(), x.source()};
          });
        });
  }
}
