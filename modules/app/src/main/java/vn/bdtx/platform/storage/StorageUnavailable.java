package vn.bdtx.platform.storage;

import java.util.Optional;

/**
 * Files cannot be saved right now (the object store is unreachable or failing, or
 * the server's disk is full), or cannot be opened right now (the store is
 * unreachable). The person is told so plainly, with 503, and that nothing was
 * stored: every upload route stores its objects before it writes a row, so a
 * failure here leaves no row without its object.
 */
public final class StorageUnavailable extends RuntimeException {

  /** What could not be done. */
  public enum Action { SAVE, OPEN }

  private final Action action;

  public StorageUnavailable(Action action, Throwable cause) {
    super(action == Action.SAVE ? "files cannot be saved right now" : "files cannot be opened right now", cause);
    this.action = action;
  }

  public Action action() {
    return action;
  }

  /**
   * What a failed request could not do with files, if storage is what failed: a
   * {@code StorageUnavailable} anywhere in the causes, or a write that found the
   * disk full (Linux ENOSPC or EDQUOT, as the JDK and Netty report them), whether
   * in the multipart reader's files, an upload's temp file or the embedded store.
   */
  public static Optional<Action> of(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StorageUnavailable s) {
        return Optional.of(s.action());
      }
      if (diskFull(t)) {
        return Optional.of(Action.SAVE);
      }
      for (Throwable suppressed : t.getSuppressed()) {
        if (diskFull(suppressed)) {
          return Optional.of(Action.SAVE);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean diskFull(Throwable t) {
    String message = String.valueOf(t.getMessage());
    return message.contains("No space left on device") || message.contains("Disk quota exceeded");
  }
}
