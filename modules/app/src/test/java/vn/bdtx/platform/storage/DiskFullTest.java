package vn.bdtx.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.AppProcess;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.SampleFiles;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.Uploads;
import vn.bdtx.support.WebSession;

/**
 * The server's temp folder is full (a real file system that is full: a 4 MiB tmpfs,
 * filled after the application started, as its temp folder): an upload, whether its
 * file is small enough for memory and fails when written to its temp file, or large
 * enough that the multipart reader writes it to disk, gets the Vietnamese page saying
 * files cannot be saved right now and nothing was stored (503), and no row is
 * written. Mounting needs root; where the test runs without it the page test is
 * skipped and the mapping of a real "No space left on device" write (to /dev/full)
 * is still checked.
 */
@BdtxIntegrationTest
@DirtiesContext
class DiskFullTest {

  static final String PW = "o dia da day roi";
  static Path mount;

  @Autowired Environment env;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired Cohorts cohorts;

  @AfterAll
  static void unmount() throws Exception {
    if (mount != null) {
      new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor();
      Files.deleteIfExists(mount);
    }
  }

  @Test
  void aRealWriteThatFindsTheDiskFullIsToldAsFilesCannotBeSaved() {
    Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")), "no /dev/full on this machine");
    Throwable full = catchThrowable(() -> {
      try (OutputStream out = new FileOutputStream("/dev/full")) {
        out.write(new byte[8192]);
        out.flush();
      }
    });

    assertThat(full).isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
    assertThat(StorageUnavailable.of(new RuntimeException("upload failed", full))).contains(StorageUnavailable.Action.SAVE);
    assertThat(StorageUnavailable.of(new IOException("Connection reset"))).isEmpty();
  }

  @Test
  void uploadsToAServerWhoseTempFolderIsFullGetThePlainPageAndStoreNothing() throws Exception {
    Path dir = Files.createTempDirectory("bdtx-disk-full-");
    if (!mountTmpfs(dir)) {
      Files.delete(dir);
      Assumptions.abort("mounting a tmpfs needs root");
    }
    mount = dir;

    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create("bcv.daydia", PW, Role.LECTURER);
    long account = accounts.create("gv.daydia", PW, Role.LEARNER);
    var by = new Caller(lecturer, "bcv", "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, Long.class)).one()
        .block(Duration.ofSeconds(5));
    // The process runs on the real clock: a cohort that began nine days ago is in its finishing phase (submissions open).
    LocalDate start = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(9);
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp ổ đĩa đầy", start).block(Duration.ofSeconds(5))).cohortId();
    cohorts.enroll(cohort, account, "MAIN").block(Duration.ofSeconds(5));
    long enrollment = cohorts.enrollment(cohort, account).block(Duration.ofSeconds(5)).id();

    try (var app = new AppProcess(env, "disk-full").jvmOption("-Djava.io.tmpdir=" + dir).start()) {
      var web = app.client();
      var s = WebSession.loggedIn(web, "gv.daydia", PW);
      String page = "/learn/" + cohort + "/submission";
      s.get(page);
      fill(dir);

      var small = Uploads.files(web, s, page, Map.of("key", UUID.randomUUID().toString()), "files",
          List.of(Map.entry("Bài thu hoạch.pdf", SampleFiles.pdf("Bai nho"))));
      var large = Uploads.files(web, s, page, Map.of("key", UUID.randomUUID().toString()), "files",
          List.of(Map.entry("Video tiết dạy.pdf", withPadding(SampleFiles.pdf("Bai lon"), 1_500_000))));

      for (var refused : List.of(small, large)) {
        assertThat(refused.getStatus().value()).as(text(refused)).isEqualTo(503);
        assertThat(text(refused)).contains("Hiện không lưu được tệp", "hết chỗ lưu", "Chưa có gì được lưu", "Mã tham chiếu")
            .doesNotContain("Exception", "No space left");
      }
      assertThat(db.sql("SELECT count(*) FROM submission WHERE enrollment_id = :e").bind("e", enrollment)
          .map((r, m) -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5))).isZero();

      // Space again: the same learner's upload is stored.
      Files.delete(dir.resolve("filler"));
      var stored = Uploads.files(web, s, page, Map.of("key", UUID.randomUUID().toString()), "files",
          List.of(Map.entry("Bài thu hoạch.pdf", SampleFiles.pdf("Bai nho"))));
      assertThat(stored.getStatus().value()).as(text(stored)).isEqualTo(303);
    }
  }

  private static boolean mountTmpfs(Path dir) {
    try {
      var mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dir.toString())
          .redirectErrorStream(true).start();
      return mount.waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** Fills the file system until a write fails with "No space left on device". */
  private static void fill(Path dir) throws IOException {
    try (OutputStream out = Files.newOutputStream(dir.resolve("filler"))) {
      byte[] block = new byte[4096];
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      assertThat(full).hasMessageContaining("No space left on device");
    }
  }

  /** A PDF with trailing bytes (readers ignore them), to exceed what the multipart reader keeps in memory. */
  private static byte[] withPadding(byte[] pdf, int size) {
    byte[] padded = java.util.Arrays.copyOf(pdf, size);
    java.util.Arrays.fill(padded, pdf.length, size, (byte) '\n');
    return padded;
  }

  private static String text(EntityExchangeResult<String> r) {
    return HtmlUtils.htmlUnescape(r.getResponseBody() == null ? "" : r.getResponseBody());
  }
}
