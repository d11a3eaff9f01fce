package vn.bdtx.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.domain.catalog.Media;
import vn.bdtx.platform.storage.Bucket;
import vn.bdtx.platform.storage.FileTypes;
import vn.bdtx.platform.storage.ObjectStore;

/**
 * Lecture media and sample products: the type is read from the bytes (a renamed
 * .exe is not a video), the size is checked against the configured limit for
 * that type, and the file is stored once under its SHA-256. Browsers fetch it
 * from the store through a short-lived presigned URL.
 */
@Service
public class CourseMedia {

  /** How long a presigned media URL lives: enough to start a video; the page asks again on every seek. */
  public static final Duration URL_LIFETIME = Duration.ofMinutes(5);

  public enum Kind { VIDEO, DOCUMENT, IMAGE }

  /** Why a file was not stored. */
  public enum Refusal { EMPTY, UNSUPPORTED_TYPE, TOO_LARGE }

  public sealed interface Stored {
    record Ok(Media media) implements Stored {
    }

    record Refused(Refusal reason, String detail) implements Stored {
    }
  }

  private static final Map<String, Kind> ACCEPTED = Map.of(
      "video/mp4", Kind.VIDEO, "video/webm", Kind.VIDEO,
      "application/pdf", Kind.DOCUMENT,
      "image/png", Kind.IMAGE, "image/jpeg", Kind.IMAGE, "image/webp", Kind.IMAGE);

  private final DatabaseClient db;
  private final ObjectStore store;
  private final Map<Kind, DataSize> limits;

  CourseMedia(DatabaseClient db, ObjectStore store,
              @Value("${bdtx.content.max-video-size}") DataSize maxVideo,
              @Value("${bdtx.content.max-document-size}") DataSize maxDocument,
              @Value("${bdtx.content.max-image-size}") DataSize maxImage) {
    this.db = db;
    this.store = store;
    this.limits = Map.of(Kind.VIDEO, maxVideo, Kind.DOCUMENT, maxDocument, Kind.IMAGE, maxImage);
  }

  public DataSize limit(Kind kind) {
    return limits.get(kind);
  }

  static String key(long courseId, String sha256) {
    return "courses/" + courseId + "/" + sha256;
  }

  /** Checks and stores an uploaded file for the course. */
  public Mono<Stored> store(long courseId, Path file, String name) {
    return Mono.fromCallable(() -> check(file))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(checked -> checked instanceof Checked c ? save(courseId, file, name, c.type(), c.sha(), c.size())
            : Mono.just((Stored) checked));
  }

  private record Checked(String type, String sha, long size) {
  }

  private Object check(Path file) throws IOException {
    long size = Files.size(file);
    if (size == 0) {
      return new Stored.Refused(Refusal.EMPTY, "");
    }
    String type = FileTypes.detect(file);
    Kind kind = ACCEPTED.get(type);
    if (kind == null) {
      return new Stored.Refused(Refusal.UNSUPPORTED_TYPE, type);
    }
    if (size > limits.get(kind).toBytes()) {
      return new Stored.Refused(Refusal.TOO_LARGE, human(limits.get(kind)));
    }
    return new Checked(type, FileTypes.sha256(file), size);
  }

  private Mono<Stored> save(long courseId, Path file, String name, String type, String sha, long size) {
    String shown = name == null || name.isBlank() ? sha.substring(0, 12) : vn.bdtx.domain.text.FileNames.clean(name, 300);
    return store.put(Bucket.MEDIA, key(courseId, sha), file, type)
        .then(db.sql("""
                INSERT INTO course_media (course_id, sha256, content_type, size, name) VALUES (:c, :s, :t, :z, :n)
                ON CONFLICT (course_id, sha256) DO NOTHING""")
            .bind("c", courseId).bind("s", sha).bind("t", type).bind("z", size).bind("n", shown).then())
        .thenReturn(new Stored.Ok(new Media(sha, type, size, shown)));
  }

  /**
   * A presigned URL for a media file of the course, answered by the store with
   * its type and cache headers. The caller has checked that the person may see it.
   */
  public Mono<String> url(long courseId, Media media) {
    return store.presignedDownload(Bucket.MEDIA, key(courseId, media.sha256()), URL_LIFETIME, media.contentType(),
        media.name(), "private, max-age=86400, immutable");
  }

  static String human(DataSize size) {
    return FileTypes.human(size);
  }
}
