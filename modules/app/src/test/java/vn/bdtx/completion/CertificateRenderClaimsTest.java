package vn.bdtx.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.ExternalStore;
import vn.bdtx.support.Sql;
import vn.bdtx.support.TestAccounts;

/**
 * Certificate PDFs are claimed before they are rendered (issue 18 item 10): runs started together render and
 * store each PDF once, and a batch the store refused is given back at once, so the next run renders it instead
 * of waiting for the claim to lapse. Against an external S3 store that counts its writes.
 */
@BdtxIntegrationTest
@DirtiesContext
class CertificateRenderClaimsTest {

  static final String PW = "giay chung nhan mot lan";
  static final ExternalStore STORE = ExternalStore.start();

  @DynamicPropertySource
  static void externalStore(DynamicPropertyRegistry registry) {
    STORE.register(registry);
    // Only this test's calls render.
    registry.add("bdtx.certificates.resume-interval", () -> "PT1H");
  }

  @AfterAll
  static void stopStore() throws Exception {
    STORE.close();
  }

  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired Cohorts cohorts;
  @Autowired Certificates certificates;

  static int classes;

  /** A class that ended a month ago with {@code learners} completed main enrollments, their certificates numbered. */
  private long endedClassNumbered(int learners) {
    var accounts = new TestAccounts(db, encoder);
    int n = ++classes;
    long lecturer = accounts.create("bcv.claim" + n, PW, Role.LECTURER);
    var by = new Caller(lecturer, "bcv.claim" + n, "BCV", false, Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = Sql.number(db, "SELECT id FROM course WHERE source_dir = 'gv-02-thcs'");
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp giấy " + n,
        LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(30)).block(Duration.ofSeconds(5))).cohortId();
    for (int i = 0; i < learners; i++) {
      long account = accounts.create("gv.claim" + n + "." + i, PW, Role.LEARNER);
      cohorts.enroll(cohort, account, "MAIN").block(Duration.ofSeconds(5));
      Sql.run(db, "INSERT INTO enrollment_completion (enrollment_id, outcome, settled_at) VALUES ($1, 'COMPLETED', now())",
          cohorts.enrollment(cohort, account).block(Duration.ofSeconds(5)).id());
    }
    assertThat(certificates.number(cohort, Instant.now()).block(Duration.ofSeconds(10))).isEqualTo(learners);
    return cohort;
  }

  private long withoutPdf(long cohort) {
    return Sql.number(db, """
        SELECT count(*) FROM certificate c JOIN enrollment e ON e.id = c.enrollment_id
        WHERE e.cohort_id = $1 AND c.object_key IS NULL""", cohort);
  }

  @Test
  void runsStartedTogetherStoreEachPdfOnce() {
    long cohort = endedClassNumbered(8);
    long stored = Flux.range(0, 4)
        .flatMap(i -> certificates.render(null).subscribeOn(Schedulers.parallel()))
        .reduce(0L, Long::sum).block(Duration.ofSeconds(120));
    assertThat(stored).isEqualTo(8);
    assertThat(withoutPdf(cohort)).isZero();
    var numbers = db.sql("SELECT c.number FROM certificate c JOIN enrollment e ON e.id = c.enrollment_id WHERE e.cohort_id = $1")
        .bind(0, cohort).map((r, m) -> r.get(0, String.class)).all().collectList().block(Duration.ofSeconds(5));
    var writes = STORE.puts("-certificates/");
    writes.keySet().removeIf(key -> numbers.stream().noneMatch(n -> key.endsWith("/" + n + ".pdf")));
    assertThat(writes).hasSize(8);
    assertThat(writes.values()).as("times each PDF was stored").containsOnly(1);
  }

  @Test
  void aBatchTheStoreRefusedIsRenderedByTheNextRunAtOnce() {
    long cohort = endedClassNumbered(3);
    STORE.refuseWrites(true);
    try {
      assertThatThrownBy(() -> certificates.render(cohort).block(Duration.ofSeconds(60)));
    } finally {
      STORE.refuseWrites(false);
    }
    assertThat(withoutPdf(cohort)).isEqualTo(3);
    // Not five minutes later: the failed run gave its claim back.
    assertThat(certificates.render(cohort).block(Duration.ofSeconds(60))).isEqualTo(3);
    assertThat(withoutPdf(cohort)).isZero();
  }
}
