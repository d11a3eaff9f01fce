package vn.bdtx.assignments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The core teacher's decision on each enrollment's final assignment — graded
 * with a score, or returned for revision — and the history of every change
 * (who, when, old and new score, why), which is never rewritten.
 */
@Service
public class Grades {

  /** The current decision on an enrollment's final assignment. */
  public record Grade(long enrollmentId, long submissionId, int version, String state, BigDecimal score,
                      List<BigDecimal> marks, String comment, String feedbackName, String feedbackKey, String gradedBy,
                      Instant gradedAt) {
    public boolean graded() {
      return "GRADED".equals(state);
    }

    public boolean returned() {
      return "RETURNED".equals(state);
    }
  }

  private final DatabaseClient db;

  Grades(DatabaseClient db) {
    this.db = db;
  }

  public Mono<Grade> current(long enrollmentId) {
    return db.sql("""
            SELECT g.enrollment_id, g.submission_id, s.version, g.state, g.score, g.marks, g.comment, g.feedback_name,
                   g.feedback_key, a.full_name, g.graded_at
            FROM assignment_grade g JOIN submission s ON s.id = g.submission_id JOIN account a ON a.id = g.graded_by
            WHERE g.enrollment_id = :e""")
        .bind("e", enrollmentId).map((r, m) -> grade(r)).one();
  }

  static Grade grade(io.r2dbc.spi.Readable r) {
    BigDecimal[] marks = r.get("marks", BigDecimal[].class);
    return new Grade(r.get("enrollment_id", Long.class), r.get("submission_id", Long.class), r.get("version", Integer.class),
        r.get("state", String.class), r.get("score", BigDecimal.class), marks == null ? List.of() : Arrays.asList(marks),
        r.get("comment", String.class), r.get("feedback_name", String.class), r.get("feedback_key", String.class),
        r.get("full_name", String.class), r.get("graded_at", Instant.class));
  }
}
