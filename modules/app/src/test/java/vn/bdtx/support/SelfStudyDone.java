package vn.bdtx.support;

import java.time.Duration;
import org.springframework.r2dbc.core.DatabaseClient;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.domain.catalog.Lecture;

/**
 * Criterion (i) done as the learning context records it — every lecture
 * studied, every lesson quiz passed (9.0), the survey submitted — for tests of
 * what comes after self-study.
 */
public final class SelfStudyDone {

  private SelfStudyDone() {
  }

  public static void record(DatabaseClient db, long enrollment, CourseContent content) {
    for (Lecture l : content.lectures()) {
      run(db, "INSERT INTO lecture_progress (enrollment_id, lecture_id, done_at, updated_at) VALUES ($1, $2, now(), now())",
          enrollment, l.id());
      if (l.quizCategory() != null && !l.quizCategory().isBlank()) {
        run(db, """
            INSERT INTO quiz_attempt (enrollment_id, account_id, lecture_id, number, paper, question_ids, started_at, state,
                                      finished_at, closed_by, score)
            SELECT e.id, e.account_id, $2, 1, '{"items":[]}'::jsonb, '{}', now(), 'FINISHED', now(), 'LEARNER', 9.0
            FROM enrollment e WHERE e.id = $1""", enrollment, l.id());
      }
    }
    run(db, "INSERT INTO survey_submission (enrollment_id, submitted_at) VALUES ($1, now())", enrollment);
  }

  private static void run(DatabaseClient db, String sql, Object... binds) {
    var spec = db.sql(sql);
    for (int i = 0; i < binds.length; i++) {
      spec = spec.bind(i, binds[i]);
    }
    spec.then().block(Duration.ofSeconds(5));
  }
}
