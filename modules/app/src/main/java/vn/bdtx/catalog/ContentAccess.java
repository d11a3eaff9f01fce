package vn.bdtx.catalog;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** A published version's media, for a context that has already checked the learner may read that version. */
@Service
public class ContentAccess {

  private final Courses courses;
  private final CourseMedia media;

  ContentAccess(Courses courses, CourseMedia media) {
    this.courses = courses;
    this.media = media;
  }

  public Mono<ContentVersion> version(long versionId) {
    return courses.version(versionId);
  }

  /** A redirect to the file if the version names it; empty (a 404) for anything else, another course's files included. */
  public Mono<ResponseEntity<Void>> mediaOf(ContentVersion version, String sha) {
    return Mono.justOrEmpty(version.content().media().stream().filter(m -> m.sha256().equals(sha)).findFirst())
        .flatMap(m -> media.url(version.courseId(), m))
        .map(CoursePages::redirectToStore);
  }
}
