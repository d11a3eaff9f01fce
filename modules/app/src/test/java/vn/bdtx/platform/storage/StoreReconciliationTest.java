package vn.bdtx.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import vn.bdtx.domain.storage.TempUploads;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.SampleFiles;
import vn.bdtx.support.Sql;

/**
 * Issue 18 item 6: objects no row names are removed once the grace period has
 * passed, objects a row names are kept, one node works at a time, and upload
 * temp files nothing will delete are removed.
 */
@BdtxIntegrationTest
@DirtiesContext
class StoreReconciliationTest {

  static final Duration GRACE = Duration.ofHours(24);

  @Autowired StoreReconciliation reconciliation;
  @Autowired TempUploadCleanup cleanup;
  @Autowired ObjectStore store;
  @Autowired DatabaseClient db;
  @Autowired MeterRegistry meters;
  @Autowired Environment env;

  private boolean stored(Bucket bucket, String key) {
    return store.size(bucket, key).blockOptional(Duration.ofSeconds(20)).isPresent();
  }

  private long course() {
    return Sql.number(db, "SELECT id FROM course WHERE source_dir = 'gv-02-thcs'");
  }

  private double counted(String name, Bucket bucket) {
    return meters.get(name).tag("bucket", bucket.name().toLowerCase()).counter().count();
  }

  @Test
  void anObjectNoRowNamesIsRemovedAfterTheGracePeriodAndOneARowNamesIsKept() {
    byte[] named = SampleFiles.png(12, 9);
    String namedSha = SampleFiles.sha256(named);
    long course = course();
    String namedKey = "courses/" + course + "/" + namedSha;
    byte[] lost = "a file whose row was never written".getBytes(StandardCharsets.UTF_8);
    String lostKey = "enrollments/987654/" + SampleFiles.sha256(lost);
    store.put(Bucket.MEDIA, namedKey, named, "image/png").block(Duration.ofSeconds(20));
    Sql.run(db, "INSERT INTO course_media (course_id, sha256, content_type, size, name) VALUES ($1, $2, 'image/png', $3, 'hinh.png')",
        course, namedSha, (long) named.length);
    store.put(Bucket.SUBMISSIONS, lostKey, lost, "application/octet-stream").block(Duration.ofSeconds(20));
    double removedBefore = counted("bdtx_storage_orphans_removed", Bucket.SUBMISSIONS);

    var young = reconciliation.runOnce(Instant.now()).block(Duration.ofMinutes(2));
    assertThat(young.skipped()).isFalse();
    assertThat(young.removed()).as("within the grace period an upload may still be about to write its row").isZero();
    assertThat(stored(Bucket.SUBMISSIONS, lostKey)).isTrue();

    var later = reconciliation.runOnce(Instant.now().plus(GRACE).plusSeconds(60)).block(Duration.ofMinutes(2));
    assertThat(later.removed()).isEqualTo(1);
    assertThat(later.checked()).isGreaterThanOrEqualTo(2);
    assertThat(stored(Bucket.SUBMISSIONS, lostKey)).as("the object no row names").isFalse();
    assertThat(stored(Bucket.MEDIA, namedKey)).as("the object a row names").isTrue();
    assertThat(counted("bdtx_storage_orphans_removed", Bucket.SUBMISSIONS)).isEqualTo(removedBefore + 1);
    assertThat(counted("bdtx_storage_objects_checked", Bucket.MEDIA)).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aNodeSkipsTheRunWhileAnotherHoldsTheLock() throws Exception {
    byte[] lost = "left while another node was reconciling".getBytes(StandardCharsets.UTF_8);
    String lostKey = "enrollments/987655/" + SampleFiles.sha256(lost);
    store.put(Bucket.SUBMISSIONS, lostKey, lost, "application/octet-stream").block(Duration.ofSeconds(20));
    Instant later = Instant.now().plus(GRACE).plusSeconds(60);
    try (var other = DriverManager.getConnection("jdbc:postgresql://" + env.getProperty("bdtx.db.host") + ":"
        + env.getProperty("bdtx.db.port") + "/" + env.getProperty("bdtx.db.name"), env.getProperty("bdtx.db.user"),
        env.getProperty("bdtx.db.password"))) {
      other.setAutoCommit(false);
      other.createStatement().execute("SELECT pg_advisory_xact_lock(hashtext('bdtx-store-reconciliation'))");
      var skipped = reconciliation.runOnce(later).block(Duration.ofMinutes(2));
      assertThat(skipped.skipped()).isTrue();
      assertThat(stored(Bucket.SUBMISSIONS, lostKey)).isTrue();
      other.rollback();
    }
    assertThat(reconciliation.runOnce(later).block(Duration.ofMinutes(2)).removed()).isEqualTo(1);
    assertThat(stored(Bucket.SUBMISSIONS, lostKey)).isFalse();
  }

  @Test
  void everyColumnOfTheSchemaThatHoldsAnObjectKeyIsDeclared() {
    Set<String> columns = db.sql("""
            SELECT table_name || '.' || column_name AS c FROM information_schema.columns
            WHERE table_schema = current_schema() AND column_name ~ '(object|file|feedback)_key$'""")
        .map((r, m) -> r.get("c", String.class)).all().collect(Collectors.toSet()).block(Duration.ofSeconds(10));
    Set<String> declared = reconciliation.references().stream().filter(ObjectReference::isColumn)
        .map(r -> r.table() + "." + r.keyExpression()).collect(Collectors.toSet());
    assertThat(columns).isNotEmpty();
    assertThat(declared).as("a context that keeps an object's key in a column declares it (ObjectReference)")
        .containsAll(columns);
    assertThat(reconciliation.references()).extracting(ObjectReference::table).contains("course_media");
    for (Bucket bucket : Bucket.values()) {
      assertThat(reconciliation.references()).as("references of %s", bucket).anyMatch(r -> r.bucket() == bucket);
    }
  }

  @Test
  void anUploadTempFileOfAProcessThatNoLongerRunsOrTooOldIsRemovedAndALiveOneKept() throws Exception {
    var dead = new ProcessBuilder("true").start();
    dead.waitFor();
    var deadOwner = new TempUploads.Owner(dead.pid(), dead.info().startInstant().map(Instant::toEpochMilli).orElse(1L));
    Path ofDead = Files.createTempFile(TempUploads.prefixFor(deadOwner), TempUploads.SUFFIX);
    Path live = TempUploadFiles.create();
    Path old = Files.createTempFile(TempUploads.PREFIX, TempUploads.SUFFIX);
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(7))));
    Path parts = Files.createTempDirectory(TempUploads.PARTS_FOLDER_PREFIX);
    Path oldPart = Files.createTempFile(parts, null, ".multipart");
    Files.setLastModifiedTime(oldPart, FileTime.from(Instant.now().minus(Duration.ofHours(7))));
    Path livePart = Files.createTempFile(parts, null, ".multipart");
    Path other = Files.createTempFile("not-an-upload-", TempUploads.SUFFIX);
    Files.setLastModifiedTime(other, FileTime.from(Instant.now().minus(Duration.ofDays(7))));
    try {
      assertThat(cleanup.runOnce(Instant.now())).isGreaterThanOrEqualTo(3);
      assertThat(oldPart).as("a multipart part buffered 7 hours ago").doesNotExist();
      assertThat(livePart).as("a part being read now").exists();
      assertThat(ofDead).as("the file of a process killed mid-upload").doesNotExist();
      assertThat(old).as("a file older than the maximum age").doesNotExist();
      assertThat(live).as("this process's upload in progress").exists();
      assertThat(other).as("not an upload's file").exists();
      assertThat(meters.get("bdtx_storage_temp_files_removed").counter().count()).isGreaterThanOrEqualTo(3);
    } finally {
      Files.deleteIfExists(ofDead);
      Files.deleteIfExists(live);
      Files.deleteIfExists(old);
      Files.deleteIfExists(other);
      Files.deleteIfExists(oldPart);
      Files.deleteIfExists(livePart);
      Files.deleteIfExists(parts);
    }
  }
}
