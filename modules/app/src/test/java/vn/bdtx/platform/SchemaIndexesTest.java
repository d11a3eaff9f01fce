package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import vn.bdtx.support.BdtxIntegrationTest;

/**
 * The migrated schema has the indexes lookups by a foreign key need (issue 20 item 6) and the TRUNCATE guards of
 * the append-only tables. Shares the plain integration context.
 */
@BdtxIntegrationTest
class SchemaIndexesTest {

  @Autowired DatabaseClient db;

  /** The index definitions of a table, as PostgreSQL prints them. */
  private List<String> indexesOf(String table) {
    return db.sql("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = :t")
        .bind("t", table).map((r, m) -> r.get(0, String.class)).all().collectList().block(Duration.ofSeconds(30));
  }

  @Test
  void cohortsAreFoundByTheirLecturerWithAnIndex() {
    assertThat(indexesOf("cohort")).anyMatch(d -> d.endsWith("USING btree (lecturer_id)"));
  }

  @Test
  void anAssistantsCohortsAreFoundByAccountWithAnIndex() {
    assertThat(indexesOf("cohort_assistant")).anyMatch(d -> d.matches(".*USING btree \\(account_id(, .*)?\\)"));
  }

  @Test
  void aSubmissionsGradeHistoryIsFoundWithAnIndex() {
    assertThat(indexesOf("grade_change")).anyMatch(d -> d.matches(".*USING btree \\(submission_id(, .*)?\\)"));
  }

  @Test
  void theAppendOnlyTablesRefuseTruncate() {
    List<String> guarded = db.sql("""
            SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE NOT t.tgisinternal AND (t.tgtype & 32) <> 0""")
        .map((r, m) -> r.get(0, String.class)).all().collectList().block(Duration.ofSeconds(30));
    assertThat(guarded).contains("audit_event", "submission", "submission_file", "grade_change");
  }
}
