package vn.bdtx.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.springframework.r2dbc.core.DatabaseClient;
import vn.bdtx.catalog.Courses;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.storage.Bucket;
import vn.bdtx.platform.storage.ObjectStore;

/**
 * A course of a lecturer's own with GV-02's content as loaded from the files (its first version), changed as a test
 * needs and published: for classes that share an application ({@link SharedClockContext}) and would otherwise change
 * the quizzes or lectures of GV-02 itself, which the other classes read (a class there publishes a Moodle bank quiz
 * on GV-02's second lecture). The media files are copied in the store too: a course's media are kept under its id.
 */
public final class Gv02Copy {

  private Gv02Copy() {
  }

  /** The copy's id; {@code by} is a lecturer, its owner. */
  public static long publish(DatabaseClient db, Courses courses, ObjectStore store, Caller by, String titleSuffix,
                             UnaryOperator<CourseContent> change) {
    long gv02 = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, Long.class)).one()
        .block(Duration.ofSeconds(5));
    var original = courses.find(gv02).block(Duration.ofSeconds(5));
    CourseContent asLoaded = courses.versions(gv02).collectList().block(Duration.ofSeconds(5)).stream()
        .filter(v -> v.number() == 1).findFirst().orElseThrow().content();
    long copy = courses.create(by, original.moduleCode(), original.level(), original.subject(), original.title() + " " + titleSuffix)
        .block(Duration.ofSeconds(5));
    for (var m : asLoaded.media()) {
      byte[] bytes = store.read(Bucket.MEDIA, "courses/" + gv02 + "/" + m.sha256()).block(Duration.ofSeconds(30));
      store.put(Bucket.MEDIA, "courses/" + copy + "/" + m.sha256(), bytes, m.contentType()).block(Duration.ofSeconds(30));
    }
    var draft = courses.find(copy).block(Duration.ofSeconds(5));
    assertThat(courses.saveDraft(draft, draft.revision(), c -> change.apply(asLoaded)).block(Duration.ofSeconds(5)))
        .isEqualTo(Courses.Saved.SAVED);
    courses.publish(courses.find(copy).block(Duration.ofSeconds(5)), by).block(Duration.ofSeconds(5));
    return copy;
  }
}
