package vn.bdtx.learning;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import vn.bdtx.assessment.Quizzes;
import vn.bdtx.assessment.Surveys;
import vn.bdtx.catalog.ContentAccess;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.cohorts.SelfStudyReport;
import vn.bdtx.domain.assessment.AttemptResult;
import vn.bdtx.domain.assessment.SelfStudy;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.domain.catalog.Lecture;
import vn.bdtx.domain.cohorts.Activity;

/**
 * Criterion (i) of every enrollment from what is stored: lectures studied
 * ({@link LectureProgress}), the score that counts for each lesson quiz (best or
 * last attempt, as the quiz says) and the survey submitted. The rule itself is
 * the domain's {@link SelfStudy}. Three queries for any number of enrollments.
 */
@Service
public class SelfStudyService implements SelfStudyReport {

  private final LectureProgress progress;
  private final Quizzes quizzes;
  private final Surveys surveys;
  private final ContentAccess content;
  private final Cohorts cohorts;

  SelfStudyService(LectureProgress progress, Quizzes quizzes, Surveys surveys, ContentAccess content, Cohorts cohorts) {
    this.cohorts = cohorts;
    this.progress = progress;
    this.quizzes = quizzes;
    this.surveys = surveys;
    this.content = content;
  }

  public Mono<SelfStudy> of(Cohorts.Enrollment e, CourseContent c) {
    return of(List.of(e), c).map(m -> m.get(e.id()));
  }

  /** Criterion (i) of enrollments that all run on {@code c}, by enrollment id. */
  public Mono<Map<Long, SelfStudy>> of(List<Cohorts.Enrollment> enrollments, CourseContent c) {
    if (enrollments.isEmpty()) {
      return Mono.just(Map.of());
    }
    var ids = enrollments.stream().map(Cohorts.Enrollment::id).toList();
    // Each quiz passes at the quiz pass mark of the regulation its cohort keeps.
    return Mono.zip(progress.studied(ids), quizzes.resultsOf(ids), surveys.submitted(ids), cohorts.regulations(enrollments)).map(t -> {
      Set<String> hasQuiz = new HashSet<>();
      for (Lecture l : c.lectures()) {
        if (l.hasQuiz() && !c.inCategory(l.quizCategory()).isEmpty()) {
          hasQuiz.add(l.id());
        }
      }
      Map<Long, SelfStudy> out = new HashMap<>();
      for (Cohorts.Enrollment e : enrollments) {
        Map<String, List<AttemptResult>> results = t.getT2().getOrDefault(e.id(), Map.of());
        Map<String, BigDecimal> kept = new HashMap<>();
        for (Lecture l : c.lectures()) {
          AttemptResult.kept(results.getOrDefault(l.id(), List.of()), l.quiz().policy()).ifPresent(s -> kept.put(l.id(), s));
        }
        // A reference subject has no survey: its self-study is the lectures and quizzes.
        boolean hasSurvey = !c.survey().isEmpty() && e.schedule().window(Activity.SURVEY).isPresent();
        out.put(e.id(), SelfStudy.of(c.lectures(), t.getT1().getOrDefault(e.id(), Set.of()), kept, hasQuiz, hasSurvey,
            t.getT3().contains(e.id()), t.getT4().get(e.regulationVersion())));
      }
      return out;
    });
  }

  @Override
  public Mono<Map<Long, Summary>> summaries(long versionId, List<Cohorts.Enrollment> enrollments) {
    return content.version(versionId).flatMap(v -> of(enrollments, v.content())).map(m -> {
      Map<Long, Summary> out = new HashMap<>();
      m.forEach((id, s) -> out.put(id, summary(s)));
      return out;
    });
  }

  @Override
  public Mono<Set<Long>> studiedOrAttempted(java.util.Collection<Long> enrollmentIds) {
    if (enrollmentIds.isEmpty()) {
      return Mono.just(Set.of());
    }
    return Mono.zip(progress.started(enrollmentIds), quizzes.attempted(enrollmentIds)).map(t -> {
      Set<Long> out = new HashSet<>(t.getT1());
      out.addAll(t.getT2());
      return Set.copyOf(out);
    });
  }

  static Summary summary(SelfStudy s) {
    boolean studyDone = s.items().stream().filter(i -> i.kind() != SelfStudy.Kind.SURVEY).allMatch(SelfStudy.Item::done);
    return new Summary(s.done(), s.items().size(), studyDone, s.passed());
  }
}
