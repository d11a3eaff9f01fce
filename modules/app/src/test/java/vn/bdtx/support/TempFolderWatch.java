package vn.bdtx.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Watches the temp folder while requests run: the most upload files seen at once
 * since it began — multipart parts (spring-multipart-*) and uploads (bdtx-upload-*).
 * The server deletes a request's part files when it has answered, so a count after
 * the answer would miss them.
 */
public final class TempFolderWatch implements AutoCloseable {

  private final Instant since = Instant.now().minusMillis(5);
  private final AtomicLong most = new AtomicLong();
  private final AtomicLong mostParts = new AtomicLong();
  private final AtomicLong mostUploads = new AtomicLong();
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();

  private TempFolderWatch() {
    poller.scheduleWithFixedDelay(this::look, 0, 20, TimeUnit.MILLISECONDS);
  }

  public static TempFolderWatch watch() {
    return new TempFolderWatch();
  }

  /** Stops watching; the most upload files written since the watch began that were there at once. */
  public long most() throws InterruptedException {
    poller.shutdown();
    poller.awaitTermination(5, TimeUnit.SECONDS);
    look();
    return most.get();
  }

  /** Stops watching; the most spring-multipart-* part files seen at once (Spring's buffer of a large part). */
  public long mostPartFiles() throws InterruptedException {
    most();
    return mostParts.get();
  }

  /** Stops watching; the most bdtx-upload-* files seen at once. */
  public long mostUploadFiles() throws InterruptedException {
    most();
    return mostUploads.get();
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }

  private void look() {
    try {
      long[] counts = count();
      most.accumulateAndGet(counts[0] + counts[1], Math::max);
      mostParts.accumulateAndGet(counts[0], Math::max);
      mostUploads.accumulateAndGet(counts[1], Math::max);
    } catch (IOException | RuntimeException ignored) {
      // a file removed as we looked: the next look counts again
    }
  }

  /** Part files and upload files written since the watch began, there now. */
  private long[] count() throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Stream<Path> top = Files.list(tmp)) {
      long count = 0;
      long uploads = 0;
      for (Path p : top.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith("bdtx-upload-") && newer(p)) {
          uploads++;
        } else if (name.startsWith("spring-multipart-") && Files.isDirectory(p)) {
          try (Stream<Path> parts = Files.walk(p)) {
            count += parts.filter(Files::isRegularFile).filter(this::newer).count();
          } catch (IOException | java.io.UncheckedIOException goneMeanwhile) {
            // another test's folder removed as we looked
          }
        } else if (name.startsWith("spring-multipart-") && newer(p)) {
          count++;
        }
      }
      return new long[] {count, uploads};
    }
  }

  private boolean newer(Path p) {
    try {
      FileTime t = Files.getLastModifiedTime(p);
      return t.toInstant().isAfter(since);
    } catch (IOException gone) {
      return false;
    }
  }
}
