package vn.bdtx.platform.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import vn.bdtx.domain.storage.TempUploads;

/**
 * Where an upload is written while it is checked and stored: a server temp file
 * named after this process ({@link TempUploads}), so that the files of a process
 * that was killed are known as leftovers as soon as it is gone
 * ({@link TempUploadCleanup}). The request that made the file deletes it when it ends.
 */
public final class TempUploadFiles {

  /** This process, as the names of its temp files carry it. */
  static final TempUploads.Owner SELF = owner(ProcessHandle.current());

  private TempUploadFiles() {
  }

  /** A new empty temp file for an upload (blocking: call it off the event loop). */
  public static Path create() throws IOException {
    return Files.createTempFile(TempUploads.prefixFor(SELF), TempUploads.SUFFIX);
  }

  /** As {@link #create()}, in {@code folder} (the temp folder; a test's own). */
  public static Path create(Path folder) throws IOException {
    return Files.createTempFile(folder, TempUploads.prefixFor(SELF), TempUploads.SUFFIX);
  }

  /** The folder {@link #create()} writes to. */
  static Path folder() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /**
   * True when the process still runs: the same id and the same start time (to the second: the operating system
   * keeps it in clock ticks), so that an id reused by another process does not keep a dead one's files.
   */
  static boolean running(TempUploads.Owner owner) {
    boolean startKnown = owner.startedAtMillis() > 0;
    return ProcessHandle.of(owner.pid())
        .filter(ProcessHandle::isAlive)
        .map(h -> !startKnown || h.info().startInstant()
            .map(started -> Math.abs(started.toEpochMilli() - owner.startedAtMillis()) <= Duration.ofSeconds(1).toMillis())
            // Start time unknown (when the file was named, or here for another user's process): the id alone says it runs.
            .orElse(true))
        .orElse(false);
  }

  private static TempUploads.Owner owner(ProcessHandle process) {
    return new TempUploads.Owner(process.pid(), process.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
  }
}
