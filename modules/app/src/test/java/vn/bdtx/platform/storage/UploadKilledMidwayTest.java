package vn.bdtx.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.storage.TempUploads;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.AppProcess;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.SampleFiles;
import vn.bdtx.support.Sql;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.Uploads;
import vn.bdtx.support.WebSession;

/**
 * Issue 18 items 6 and 10: an app node killed with SIGKILL after it stored an
 * uploaded file and before it wrote the row leaves an object nobody can reach
 * and its upload temp file; the reconciliation removes the object and the
 * temp-file cleanup the file. A node's start-up removes temp files left before.
 */
@BdtxIntegrationTest
@DirtiesContext
class UploadKilledMidwayTest {

  static final String PW = "nop bai roi mat dien";

  @Autowired Environment env;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired Cohorts cohorts;
  @Autowired ObjectStore store;
  @Autowired StoreReconciliation reconciliation;
  @Autowired TempUploadCleanup cleanup;

  private java.sql.Connection jdbc() throws Exception {
    return DriverManager.getConnection("jdbc:postgresql://" + env.getProperty("bdtx.db.host") + ":" + env.getProperty("bdtx.db.port")
        + "/" + env.getProperty("bdtx.db.name"), env.getProperty("bdtx.db.user"), env.getProperty("bdtx.db.password"));
  }

  private static List<Path> tempFilesOf(long pid) throws Exception {
    var found = new ArrayList<Path>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(TempUploadFiles.folder(), TempUploads.PREFIX + pid + "-*" + TempUploads.SUFFIX)) {
      files.forEach(found::add);
    }
    return found;
  }

  private boolean stored(Bucket bucket, String key) {
    return store.size(bucket, key).blockOptional(Duration.ofSeconds(20)).isPresent();
  }

  @Test
  void aNodeKilledAfterStoringAnUploadAndBeforeItsRowLeavesNoOrphanAfterReconciliationAndNoTempFile() throws Exception {
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.matdien", PW, Role.LECTURER);
    long learner = accounts.create("gv.matdien", PW, Role.LEARNER);
    var by = new Caller(lecturer, "bcv.matdien", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = Sql.number(db, "SELECT id FROM course WHERE source_dir = 'gv-02-thcs'");
    // The node runs on the real clock: a class that started 9 days ago is in its finishing phase, when work is handed in.
    LocalDate start = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(9);
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp mất điện", start).block(Duration.ofSeconds(5))).cohortId();
    cohorts.enroll(cohort, learner, "MAIN").block(Duration.ofSeconds(5));
    long enrollment = cohorts.enrollment(cohort, learner).block(Duration.ofSeconds(5)).id();
    byte[] pdf = SampleFiles.pdf("Bai thu hoach nop luc mat dien");
    String key = "enrollments/" + enrollment + "/" + SampleFiles.sha256(pdf);
    String base = "/learn/" + cohort;

    try (var node = new AppProcess(env, "node-upload-killed", true).start();
         var otherTransaction = jdbc()) {
      var s = WebSession.loggedIn(node.client(), "gv.matdien", PW);
      s.get(base + "/submission");
      // Another transaction holds the enrollment's row: the node stores the file, then waits to write the version.
      otherTransaction.setAutoCommit(false);
      otherTransaction.createStatement().execute("SELECT id FROM enrollment WHERE id = " + enrollment + " FOR UPDATE");
      var upload = CompletableFuture.runAsync(() -> Uploads.files(node.client(), s, base + "/submission",
          Map.of("key", UUID.randomUUID().toString()), "files", List.of(Map.entry("bai-thu-hoach.pdf", pdf))));
      long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (!stored(Bucket.SUBMISSIONS, key) && System.nanoTime() < until && !upload.isDone()) {
        Thread.sleep(200);
      }
      assertThat(stored(Bucket.SUBMISSIONS, key)).as("the node stored the file (the upload ended early: %s)", upload.isDone()).isTrue();
      assertThat(tempFilesOf(node.pid())).as("the upload's temp file, named after the node").isNotEmpty();
      long pid = node.pid();
      node.kill();
      otherTransaction.rollback();

      assertThat(Sql.number(db, "SELECT count(*) FROM submission WHERE enrollment_id = $1", enrollment)).as("no version was written")
          .isZero();
      assertThat(stored(Bucket.SUBMISSIONS, key)).as("an orphan: stored, and no row names it").isTrue();

      cleanup.runOnce(Instant.now());
      assertThat(tempFilesOf(pid)).as("the killed node's temp files").isEmpty();

      var run = reconciliation.runOnce(Instant.now().plus(Duration.ofHours(25))).block(Duration.ofMinutes(2));
      assertThat(run.removed()).isGreaterThanOrEqualTo(1);
      assertThat(stored(Bucket.SUBMISSIONS, key)).as("the orphan after the reconciliation").isFalse();
      var again = reconciliation.runOnce(Instant.now().plus(Duration.ofHours(25))).block(Duration.ofMinutes(2));
      assertThat(again.checked()).as("the sample courses' media are there and kept").isPositive();
      assertThat(again.removed()).as("no orphan is left in any bucket").isZero();
    }
  }

  @Test
  void aNodeRemovesTheUploadTempFilesLeftBeforeWhenItStarts() throws Exception {
    var dead = new ProcessBuilder("true").start();
    dead.waitFor();
    Path ofKilledNode = Files.createTempFile(TempUploads.prefixFor(new TempUploads.Owner(dead.pid(), 1L)), TempUploads.SUFFIX);
    Path old = Files.createTempFile(TempUploads.PREFIX, TempUploads.SUFFIX);
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
    try (var node = new AppProcess(env, "node-start-cleans", true).start()) {
      long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while ((Files.exists(ofKilledNode) || Files.exists(old)) && System.nanoTime() < until) {
        Thread.sleep(200);
      }
      assertThat(ofKilledNode).as("a file of a process killed mid-upload").doesNotExist();
      assertThat(old).as("a file two days old").doesNotExist();
    } finally {
      Files.deleteIfExists(ofKilledNode);
      Files.deleteIfExists(old);
    }
  }
}
