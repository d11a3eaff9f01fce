package vn.bdtx.domain.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temp files an upload is written to while it is checked and stored
 * ({@code bdtx-upload-*.tmp} in the temp folder), and which of them are
 * leftovers (issue 18 item 6). A request deletes its own file when it ends, but a
 * process killed mid-upload never does. The file's name carries the process that
 * wrote it ({@code bdtx-upload-<pid>-<start>-<random>.tmp}, start in epoch
 * milliseconds, so a reused process id is not taken for the same process): a file
 * whose process no longer runs is a leftover at once; any {@code bdtx-upload-}
 * file untouched for longer than {@code maxAge} is one too (names written before
 * the process was part of them, or a process that went on without deleting it).
 * The parts the web framework buffers while it reads a multipart body
 * ({@code spring-multipart-*} folders of the temp folder, one per process, whose
 * names do not say which) are removed by age alone; the folders stay, since a
 * running process goes on writing into its own.
 *
 * @param maxAge how long after it was last written a temp file is removed in any case; an upload in progress
 *               writes its file as the bytes come and stores it within a minute after, so hours are safe
 */
public record TempUploads(Duration maxAge) {

  public static final String PREFIX = "bdtx-upload-";
  public static final String SUFFIX = ".tmp";
  private static final Pattern OWNED = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-(\\d+)-[^/]*" + Pattern.quote(SUFFIX));

  /** The prefix of the folders the web framework buffers multipart parts in. */
  public static final String PARTS_FOLDER_PREFIX = "spring-multipart-";

  /** The process that wrote a temp file: its id and when it started. */
  public record Owner(long pid, long startedAtMillis) {
  }

  public TempUploads {
    if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("the temp files' maximum age must be positive: " + maxAge);
    }
  }

  /** The prefix a process gives its temp files ({@code Files.createTempFile} adds a random part and the suffix). */
  public static String prefixFor(Owner owner) {
    return PREFIX + owner.pid() + "-" + owner.startedAtMillis() + "-";
  }

  /** True for a file name an upload's temp file has. */
  public static boolean isUploadFile(String name) {
    return name != null && name.startsWith(PREFIX) && name.endsWith(SUFFIX) && name.indexOf('/') < 0;
  }

  /** The process named in a temp file's name, when the name carries one. */
  public static Optional<Owner> owner(String name) {
    if (name == null) {
      return Optional.empty();
    }
    Matcher m = OWNED.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Owner(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
    } catch (NumberFormatException tooLong) {
      return Optional.empty();
    }
  }

  /**
   * True when the file is an upload's temp file that nothing will delete: its process no longer runs, or it was
   * last written more than {@code maxAge} before {@code now}. Any other file of the folder is never one.
   *
   * @param running whether a process is running now (the caller asks the operating system)
   */
  public boolean isLeftover(String name, Instant lastModified, Instant now, Predicate<Owner> running) {
    if (!isUploadFile(name)) {
      return false;
    }
    if (lastModified.plus(maxAge).isBefore(now)) {
      return true;
    }
    return owner(name).map(o -> !running.test(o)).orElse(false);
  }

  /** True when the file is a buffered multipart part (in a {@code spring-multipart-*} folder) older than {@code maxAge}. */
  public boolean isLeftoverPart(String folderName, Instant lastModified, Instant now) {
    return folderName != null && folderName.startsWith(PARTS_FOLDER_PREFIX) && lastModified.plus(maxAge).isBefore(now);
  }
}
