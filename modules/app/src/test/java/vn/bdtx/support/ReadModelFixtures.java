package vn.bdtx.support;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * For tests that describe the reporting read model with rows of their own over real classes and
 * enrollments: opening a class and enrolling announce them on the outbox, and the refresher of any test
 * context running on this database would recompute their rows from the real tables, replacing what the
 * test describes. {@link #describe} takes the refresher's lock, removes the reporting consumer's pending
 * events and rows for those classes and enrollments, and writes the test's rows, in one transaction.
 */
public final class ReadModelFixtures {

  private ReadModelFixtures() {
  }

  public static void describe(DatabaseClient db, Collection<Long> cohorts, Collection<Long> enrollments, List<Mono<Void>> rows) {
    Long[] c = cohorts.toArray(Long[]::new);
    Long[] e = enrollments.toArray(Long[]::new);
    var tx = TransactionalOperator.create(new R2dbcTransactionManager(db.getConnectionFactory()));
    db.sql("SELECT pg_advisory_xact_lock(hashtext('bdtx-report-model'))").then()
        .then(db.sql("""
                DELETE FROM outbox_event WHERE consumer = 'reporting'
                  AND (topic = 'cohort' AND subject_id = ANY(:c) OR topic = 'enrollment' AND subject_id = ANY(:e))""")
            .bind("c", c).bind("e", e).then())
        .then(db.sql("DELETE FROM report_enrollment WHERE cohort_id = ANY(:c) OR enrollment_id = ANY(:e)")
            .bind("c", c).bind("e", e).then())
        .then(db.sql("DELETE FROM report_cohort WHERE cohort_id = ANY(:c)").bind("c", c).then())
        .then(Flux.concat(rows).then())
        .as(tx::transactional)
        .block(Duration.ofSeconds(30));
  }
}
