package vn.bdtx.learning;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.assignments.Grades;
import vn.bdtx.catalog.ContentAccess;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.completion.Certificates;
import vn.bdtx.completion.Completions;
import vn.bdtx.domain.completion.Completion;
import vn.bdtx.domain.catalog.Rubric;
import vn.bdtx.domain.cohorts.Todo;

/**
 * A learner's classes as /learn and the home page show them: the calendar,
 * criterion (i), the grader's decision and the module's outcome, read through
 * the owning contexts' services (assignments' {@link Grades}, completion's
 * {@link Completions} and {@link Certificates}), never their tables.
 */
@Service
public class EnrollmentViews {

  private final Cohorts cohorts;
  private final ContentAccess content;
  private final SelfStudyService selfStudy;
  private final Grades grades;
  private final Completions completions;
  private final Certificates certificates;

  private final MeetingAgenda meetings;

  EnrollmentViews(Cohorts cohorts, ContentAccess content, SelfStudyService selfStudy, Grades grades, Completions completions,
                  Certificates certificates, org.springframework.beans.factory.ObjectProvider<MeetingAgenda> meetings) {
    this.meetings = meetings.getIfAvailable(() -> MeetingAgenda.NONE);
    this.cohorts = cohorts;
    this.content = content;
    this.selfStudy = selfStudy;
    this.grades = grades;
    this.completions = completions;
    this.certificates = certificates;
  }

  /** Whether the person is or was enrolled in any class (their "Khóa học của tôi" has something to show). */
  public Mono<Boolean> any(long accountId) {
    return cohorts.enrollments(accountId).hasElements();
  }

  /** Every class of the learner, newest first, as of {@code now}. */
  public Mono<List<EnrollmentView>> of(long accountId, Instant now) {
    return cohorts.enrollments(accountId).collectList().flatMap(list -> views(list, Map.of(), now));
  }

  /**
   * One class of the learner as {@link #of(long, Instant)} shows it, for a page that has already read the
   * enrollment and its criterion (i) (the course page): neither is read again, nor the learner's other classes.
   */
  public Mono<EnrollmentView> of(Cohorts.Enrollment e, vn.bdtx.domain.assessment.SelfStudy selfStudyOfE, Instant now) {
    return views(List.of(e), selfStudyOfE == null ? Map.of() : Map.of(e.id(), selfStudyOfE), now).map(list -> list.get(0));
  }

  private Mono<List<EnrollmentView>> views(List<Cohorts.Enrollment> list,
                                           Map<Long, vn.bdtx.domain.assessment.SelfStudy> known, Instant now) {
      var ids = list.stream().map(Cohorts.Enrollment::id).toList();
      return Mono.zip(grades.standings(ids), grades.current(ids), completions.settled(ids), certificates.ofEnrollments(ids))
          .zipWith(meetings.of(ids).defaultIfEmpty(Map.of()))
          .flatMap(tm -> { var t = tm.getT1(); var agenda = tm.getT2(); return Flux.fromIterable(list).concatMap(e -> cohorts.regulation(e).flatMap(rules -> content.version(e.versionId())
                  .flatMap(v -> (known.containsKey(e.id()) ? Mono.just(known.get(e.id())) : selfStudy.of(e, v.content()))
                      .flatMap(s -> {
                    var o = outcome(e.id(), v.content().assignment().rubric(), t.getT1(), t.getT2(), t.getT3(), t.getT4(), rules);
                    var view = EnrollmentView.of(e, now, s, o);
                    return EnrollmentView.waitsForInstitution(e, s, o, t.getT3().containsKey(e.id()), rules)
                        ? completions.opening(e.cohortId(), now).map(op -> view.waitingInstitutionFrom(op.opensOn())).defaultIfEmpty(view)
                        : Mono.just(view);
                  }))
                  .defaultIfEmpty(EnrollmentView.of(e, now, null,
                      outcome(e.id(), Rubric.EMPTY, t.getT1(), t.getT2(), t.getT3(), t.getT4(), rules))))
                  .map(v -> v.withMeeting(agenda.get(e.id()))))
              .collectList(); });
  }

  private static EnrollmentView.Outcome outcome(long enrollmentId, Rubric rubric, Map<Long, Grades.Standing> standings,
                                                Map<Long, Grades.Grade> current, Map<Long, Completion.Outcome> settled,
                                                Map<Long, Certificates.Certificate> certs,
                                                vn.bdtx.domain.completion.Regulation rules) {
    var standing = standings.get(enrollmentId);
    Todo.Assignment assignment = standing == null ? Todo.Assignment.NOT_SUBMITTED : switch (standing.status()) {
      case "WAITING" -> Todo.Assignment.WAITING;
      case "GRADED" -> Todo.Assignment.GRADED;
      case "RETURNED" -> Todo.Assignment.RETURNED;
      default -> Todo.Assignment.NOT_SUBMITTED;
    };
    var grade = current.get(enrollmentId);
    boolean completed = settled.get(enrollmentId) == Completion.Outcome.COMPLETED;
    var cert = certs.get(enrollmentId);
    boolean valid = cert != null && !cert.revoked();
    return new EnrollmentView.Outcome(assignment, grade, EnrollmentView.marks(rubric, grade), completed,
        valid ? cert.number() : null, valid && cert.objectKey() != null, null, rules.passMark());
  }
}
