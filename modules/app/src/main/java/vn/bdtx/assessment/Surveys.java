package vn.bdtx.assessment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.accounts.People;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.assessment.Survey;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;

/**
 * The final survey: each answer saved as it is given, then submitted once with
 * every question answered; after that nothing changes. Whether an answer is
 * positive (an agreement item answered "Đồng ý" or "Rất đồng ý") is decided by
 * the domain when it is saved, so the reports only count.
 */
@Service
public class Surveys {

  public enum Saved { SAVED, SUBMITTED, NOT_FOUND }

  /** A submit: done, or the numbers of the questions still unanswered. */
  public record Submitted(boolean ok, List<Integer> unanswered) {
  }

  /** The share of positive answers of a group (a cohort, a school, a district). */
  public record Share(long id, String name, long learners, long positive, long rated) {
    /** Percent, one decimal; -1 when nothing was rated. */
    public double percent() {
      return rated == 0 ? -1 : Math.round(1000.0 * positive / rated) / 10.0;
    }

    public boolean meetsTarget() {
      return rated > 0 && (double) positive / rated > Survey.TARGET;
    }
  }

  private final DatabaseClient db;

  private final Outbox outbox;

  private final org.springframework.transaction.reactive.TransactionalOperator tx;

  private final Cohorts cohorts;
  private final People people;

  Surveys(DatabaseClient db, Outbox outbox,
          org.springframework.transaction.reactive.TransactionalOperator tx, Cohorts cohorts, People people) {
    this.cohorts = cohorts;
    this.people = people;
    this.tx = tx;
    this.outbox = outbox;
    this.db = db;
  }

  public Mono<Map<String, Integer>> answers(long enrollmentId) {
    return db.sql("SELECT question_id, chosen FROM survey_answer WHERE enrollment_id = :e").bind("e", enrollmentId)
        .map((r, m) -> Map.entry(r.get("question_id", String.class), r.get("chosen", Short.class).intValue()))
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  public Mono<Optional<Instant>> submittedAt(long enrollmentId) {
    return db.sql("SELECT submitted_at FROM survey_submission WHERE enrollment_id = :e").bind("e", enrollmentId)
        .map((r, m) -> r.get(0, Instant.class)).one().map(Optional::of).defaultIfEmpty(Optional.empty());
  }

  /** Which of these enrollments have submitted the survey. */
  public Mono<java.util.Set<Long>> submitted(java.util.Collection<Long> enrollmentIds) {
    return db.sql("SELECT enrollment_id FROM survey_submission WHERE enrollment_id = ANY(:e)")
        .bind("e", enrollmentIds.toArray(Long[]::new)).map((r, m) -> r.get(0, Long.class)).all()
        .collect(java.util.stream.Collectors.toSet());
  }

  /** Saves one answer unless the survey was submitted; a question not on the survey or a choice it does not have is NOT_FOUND. */
  public Mono<Saved> save(long enrollmentId, CourseContent content, String questionId, int choice, Instant now) {
    Optional<Question> q = content.survey().stream().filter(s -> s.id().equals(questionId)).findFirst();
    if (q.isEmpty() || choice < 0 || choice >= q.get().choices().size()) {
      return Mono.just(Saved.NOT_FOUND);
    }
    var insert = db.sql("""
            INSERT INTO survey_answer (enrollment_id, question_id, chosen, positive, saved_at)
            SELECT :e, :q, :c, :p, :now
            WHERE NOT EXISTS (SELECT 1 FROM survey_submission WHERE enrollment_id = :e)
            ON CONFLICT (enrollment_id, question_id) DO UPDATE
              SET chosen = EXCLUDED.chosen, positive = EXCLUDED.positive, saved_at = EXCLUDED.saved_at""")
        .bind("e", enrollmentId).bind("q", questionId).bind("c", (short) choice).bind("now", now);
    Optional<Boolean> positive = Survey.positive(q.get(), choice);
    insert = positive.isPresent() ? insert.bind("p", positive.get()) : insert.bindNull("p", Boolean.class);
    return insert.fetch().rowsUpdated().map(n -> n > 0 ? Saved.SAVED : Saved.SUBMITTED);
  }

  /** Submits once every question is answered; submitting again changes nothing and is not an error. */
  public Mono<Submitted> submit(long enrollmentId, CourseContent content, Instant now) {
    return answers(enrollmentId).flatMap(answers -> {
      var missing = new ArrayList<Integer>();
      var survey = content.survey();
      for (int i = 0; i < survey.size(); i++) {
        if (!answers.containsKey(survey.get(i).id())) {
          missing.add(i + 1);
        }
      }
      if (!missing.isEmpty()) {
        return submittedAt(enrollmentId).map(at -> new Submitted(at.isPresent(), at.isPresent() ? List.of() : missing));
      }
      return db.sql("INSERT INTO survey_submission (enrollment_id, submitted_at) VALUES (:e, :now) ON CONFLICT DO NOTHING")
          .bind("e", enrollmentId).bind("now", now).fetch().rowsUpdated()
          .flatMap(n -> n > 0 ? outbox.publish(Topics.ENROLLMENT, enrollmentId) : Mono.<Void>empty())
          .as(tx::transactional)
          .thenReturn(new Submitted(true, List.of()));
    });
  }

  /** A submitted survey's answers: how many were positive of those that rate (as {@link Share} counts them). */
  public record Rating(long positive, long rated) {
  }

  /** The ratings of these enrollments' submitted surveys (an unsubmitted survey counts for nothing). */
  public Mono<Map<Long, Rating>> ratings(java.util.Collection<Long> enrollmentIds) {
    if (enrollmentIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql("""
            SELECT s.enrollment_id, count(*) FILTER (WHERE a.positive) AS positive, count(a.positive) AS rated
            FROM survey_submission s JOIN survey_answer a ON a.enrollment_id = s.enrollment_id
            WHERE s.enrollment_id = ANY(:e) GROUP BY s.enrollment_id""")
        .bind("e", enrollmentIds.toArray(Long[]::new))
        .map((r, m) -> Map.entry(r.get("enrollment_id", Long.class), new Rating(r.get("positive", Long.class), r.get("rated", Long.class))))
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** The positive shares of a run's survey per class, per school and per district (the school's parent unit), each by name. */
  public record RunShares(List<Share> byCohort, List<Share> bySchool, List<Share> byDistrict) {
  }

  /**
   * The run's survey shares. Who is in which class comes from cohorts and who is in which school from accounts,
   * their owners (DESIGN §5); the answers are counted here, grouped as they say, in one statement per grouping.
   */
  public Mono<RunShares> ofRun(long runId) {
    return cohorts.learnersOfRun(runId).flatMap(learners -> people.schoolOfEach(
            learners.stream().map(Cohorts.RunLearner::accountId).distinct().toList())
        .flatMap(schools -> {
          Groups byCohort = new Groups();
          Groups bySchool = new Groups();
          Groups byDistrict = new Groups();
          for (var l : learners) {
            byCohort.add(l.enrollmentId(), l.cohortId(), l.cohortName());
            var school = schools.get(l.accountId());
            if (school != null) {
              bySchool.add(l.enrollmentId(), school.schoolId(), school.schoolName());
              if (school.parentId() != null) {
                byDistrict.add(l.enrollmentId(), school.parentId(), school.parentName());
              }
            }
          }
          return Mono.zip(shares(byCohort), shares(bySchool), shares(byDistrict))
              .map(t -> new RunShares(t.getT1(), t.getT2(), t.getT3()));
        }));
  }

  /** The positive share of each cohort of a run (or of one cohort when {@code runId} is null). */
  public Flux<Share> byCohort(Long runId, Long cohortId) {
    Mono<Groups> groups = runId != null
        ? cohorts.learnersOfRun(runId).map(learners -> {
            Groups g = new Groups();
            learners.forEach(l -> g.add(l.enrollmentId(), l.cohortId(), l.cohortName()));
            return g;
          })
        : Mono.zip(cohorts.enrollmentIdsOf(cohortId), cohorts.cohortNames(List.of(cohortId))).map(t -> {
            Groups g = new Groups();
            String name = t.getT2().get(cohortId);
            if (name != null) {
              t.getT1().forEach(e -> g.add(e, cohortId, name));
            }
            return g;
          });
    return groups.flatMap(this::shares).flatMapIterable(list -> list);
  }

  /** Enrollments with the group (id, name) each counts in. */
  private static final class Groups {
    final List<Long> enrollments = new java.util.ArrayList<>();
    final List<Long> ids = new java.util.ArrayList<>();
    final List<String> names = new java.util.ArrayList<>();

    void add(long enrollment, long id, String name) {
      enrollments.add(enrollment);
      ids.add(id);
      names.add(name);
    }
  }

  private Mono<List<Share>> shares(Groups groups) {
    if (groups.enrollments.isEmpty()) {
      return Mono.just(List.of());
    }
    return db.sql("""
            SELECT t.group_id AS id, t.group_name AS name, count(DISTINCT s.enrollment_id) AS learners,
                   count(*) FILTER (WHERE a.positive) AS positive, count(a.positive) AS rated
            FROM unnest(CAST(:es AS bigint[]), CAST(:gs AS bigint[]), CAST(:ns AS varchar[])) AS t(enrollment_id, group_id, group_name)
            JOIN survey_submission s ON s.enrollment_id = t.enrollment_id
            JOIN survey_answer a ON a.enrollment_id = s.enrollment_id
            GROUP BY 1, 2 ORDER BY 2""")
        .bind("es", groups.enrollments.toArray(Long[]::new)).bind("gs", groups.ids.toArray(Long[]::new))
        .bind("ns", groups.names.toArray(String[]::new))
        .map((r, m) -> new Share(r.get("id", Long.class), r.get("name", String.class), r.get("learners", Long.class),
            r.get("positive", Long.class), r.get("rated", Long.class)))
        .all().collectList();
  }
}
