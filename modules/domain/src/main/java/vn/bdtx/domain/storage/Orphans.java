package vn.bdtx.domain.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which objects of the store no row needs any more (issue 18 item 6). An upload
 * stores its object first and writes the row that names it afterwards, in its own
 * transaction; a crash between the two leaves an object nothing points to. Such
 * an object is an orphan once no row names it <em>and</em> it was last written
 * longer than {@code grace} ago.
 *
 * <p>The grace period is what keeps a concurrent upload safe: an object written
 * less than {@code grace} ago may belong to an upload whose row is not committed
 * yet, so it is never an orphan, whatever the rows say. Keys are content-addressed
 * (the owner and the file's SHA-256), so an upload of a file already stored writes
 * the same key again and its last-written time moves forward: the object is young
 * again until that upload's row exists. The grace must therefore be far longer
 * than an upload takes from starting to store its object to committing its row
 * (seconds, minutes for a large video to a slow store), which 24 hours is by a
 * wide margin.
 *
 * @param grace how long after it was last written an object is left alone
 */
public record Orphans(Duration grace) {

  /** An object as the store lists it: its key and when it was last written. */
  public record StoredObject(String key, Instant lastModified) {
    public StoredObject {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(lastModified, "lastModified");
    }
  }

  public Orphans {
    Objects.requireNonNull(grace, "grace");
    if (grace.isNegative() || grace.isZero()) {
      throw new IllegalArgumentException("the grace period must be positive: " + grace);
    }
  }

  /** True when the object was last written long enough before {@code now} that no upload in flight can own it. */
  public boolean pastGrace(Instant lastModified, Instant now) {
    return lastModified.plus(grace).isBefore(now);
  }

  /** True when no row names the object and it is past the grace period. */
  public boolean isOrphan(StoredObject object, boolean referenced, Instant now) {
    return !referenced && pastGrace(object.lastModified(), now);
  }

  /** The objects of {@code listed} that are orphans, given the keys rows name among them. */
  public List<StoredObject> among(Collection<StoredObject> listed, Set<String> referenced, Instant now) {
    return listed.stream().filter(o -> isOrphan(o, referenced.contains(o.key()), now)).toList();
  }

  /**
   * Checked again just before removing: the object as the store has it now (null when it is already gone).
   * An object written again since it was listed (the same file uploaded anew) is young, and kept.
   */
  public boolean stillOrphan(Instant lastModifiedNow, boolean referencedNow, Instant now) {
    return lastModifiedNow != null && !referencedNow && pastGrace(lastModifiedNow, now);
  }
}
