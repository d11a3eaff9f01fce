package vn.bdtx.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Published versions and their media, for a context that has already checked
 * the learner may read that version. A published version never changes, so the
 * newest {@value #KEPT} read are kept in memory: every quiz answer and
 * heartbeat of a class reads the same one.
 */
@Service
public class ContentAccess {

  static final int KEPT = 64;

  private final Courses courses;
  private final CourseMedia media;
  /** Read without a lock by every request of a class at once (a synchronized map made them queue). */
  private final Cache<Long, ContentVersion> recent = Caffeine.newBuilder().maximumSize(KEPT).build();

  ContentAccess(Courses courses, CourseMedia media) {
    this.courses = courses;
    this.media = media;
  }

  public Mono<ContentVersion> version(long versionId) {
    ContentVersion kept = recent.getIfPresent(versionId);
    return kept != null ? Mono.just(kept) : courses.version(versionId).doOnNext(v -> recent.put(versionId, v));
  }

  /** A redirect to the file if the version names it; empty (a 404) for anything else, another course's files included. */
  public Mono<ResponseEntity<Void>> mediaOf(ContentVersion version, String sha) {
    return Mono.justOrEmpty(version.content().media().stream().filter(m -> m.sha256().equals(sha)).findFirst())
        .flatMap(m -> media.url(version.courseId(), m))
        .map(CoursePages::redirectToStore);
  }
}
