package vn.bdtx.platform.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.bdtx.domain.storage.TempUploads;
import reactor.core.publisher.Mono;
import vn.bdtx.platform.jobs.Jobs;

/**
 * Removes the upload temp files nothing will delete (domain {@link TempUploads}):
 * those of a process that no longer runs (killed mid-upload) and any older than
 * the maximum age, and buffered multipart parts older than it, at start-up and
 * then on a schedule. Every node does it for its
 * own temp folder. Metric: {@code bdtx_storage_temp_files_removed_total}.
 */
@Component
class TempUploadCleanup {

  private static final Logger log = LoggerFactory.getLogger(TempUploadCleanup.class);

  private final TempUploads rule;
  private final Path folder;
  /**
   * The real time, not the application's clock: it is compared with times the store and the file system wrote
   * (a test that moves the application's clock ahead must not make every young object look old).
   */
  private final Clock clock = Clock.systemUTC();
  private final Counter removed;

  private final Jobs jobs;

  TempUploadCleanup(Jobs jobs, MeterRegistry meters,
                    @Value("${bdtx.storage.temp-files.max-age:PT6H}") Duration maxAge) {
    this.jobs = jobs;
    this.rule = new TempUploads(maxAge);
    this.folder = TempUploadFiles.folder();
    this.removed = Counter.builder("bdtx_storage_temp_files_removed")
        .description("Upload temp files left by a killed process or older than the maximum age, removed").register(meters);
  }

  @EventListener(ApplicationReadyEvent.class)
  void atStartUp() {
    scheduled();
  }

  @Scheduled(initialDelayString = "${bdtx.storage.temp-files.interval:PT30M}",
      fixedDelayString = "${bdtx.storage.temp-files.interval:PT30M}")
  void scheduled() {
    try {
      Integer n = jobs.run("temp-upload-cleanup", () -> Mono.fromCallable(() -> runOnce(clock.instant())))
          .block(Duration.ofMinutes(30));
      if (n != null && n > 0) {
        log.info("Removed {} upload temp files left behind in {}", n, folder);
      }
    } catch (RuntimeException e) {
      log.warn("Upload temp files not cleaned this time ({}); the next run tries again", e.toString());
    }
  }

  /** Removes the leftovers of the temp folder at {@code now}; returns how many. */
  int runOnce(Instant now) throws IOException {
    int n = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, TempUploads.PREFIX + "*" + TempUploads.SUFFIX)) {
      for (Path file : files) {
        try {
          Instant written = Files.getLastModifiedTime(file).toInstant();
          if (Files.isRegularFile(file)
              && rule.isLeftover(file.getFileName().toString(), written, now, TempUploadFiles::running)
              && Files.deleteIfExists(file)) {
            removed.increment();
            n++;
          }
        } catch (NoSuchFileException gone) {
          // its request deleted it meanwhile
        } catch (IOException e) {
          log.warn("Upload temp file {} not removed ({})", file, e.toString());
        }
      }
    }
    return n + removeOldParts(now);
  }

  /** Buffered multipart parts older than the maximum age (their folder stays: a running process writes into it). */
  private int removeOldParts(Instant now) throws IOException {
    int n = 0;
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(folder, TempUploads.PARTS_FOLDER_PREFIX + "*")) {
      for (Path parts : folders) {
        if (!Files.isDirectory(parts, java.nio.file.LinkOption.NOFOLLOW_LINKS) || !Files.isWritable(parts)) {
          continue;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(parts)) {
          for (Path file : files) {
            if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && rule.isLeftoverPart(parts.getFileName().toString(), Files.getLastModifiedTime(file).toInstant(), now)
                && Files.deleteIfExists(file)) {
              removed.increment();
              n++;
            }
          }
        } catch (IOException e) {
          log.warn("Multipart parts in {} not cleaned ({})", parts, e.toString());
        }
      }
    }
    return n;
  }
}
