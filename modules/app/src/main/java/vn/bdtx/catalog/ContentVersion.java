package vn.bdtx.catalog;

import java.time.Instant;
import vn.bdtx.domain.catalog.CourseContent;

/** A published, frozen version of a course's content; who published it (an account id, none for files). */
public record ContentVersion(long id, long courseId, int number, CourseContent content, Instant publishedAt,
                            Long publishedById) {
}
