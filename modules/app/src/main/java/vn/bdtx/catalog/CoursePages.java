package vn.bdtx.catalog;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.domain.catalog.Lecture;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.Markdown;

/**
 * Fills the models of the course pages: the lecturer's editing pages, and the
 * learner's outline, lecture and assignment pages, which the preview shares so
 * the lecturer sees exactly what a learner will.
 */
@Component
public class CoursePages {

  private final Courses courses;
  private final VersionUsage usage;
  private final Markdown markdown;
  private final CourseMedia media;
  private final vn.bdtx.accounts.People people;

  CoursePages(Courses courses, org.springframework.beans.factory.ObjectProvider<VersionUsage> usage, Markdown markdown,
              CourseMedia media, vn.bdtx.accounts.People people) {
    this.people = people;
    this.courses = courses;
    this.usage = usage.getIfAvailable(() -> VersionUsage.NONE);
    this.markdown = markdown;
    this.media = media;
  }

  /** A version with who published it (by name; none for files) and the cohorts that run on it. */
  public record VersionRow(ContentVersion version, String publishedBy, List<VersionUsage.CohortOnVersion> cohorts) {
  }

  /** A course of the list with its owner's name (none for a course kept as files). */
  public record Listed(Course course, String ownerName) {
  }

  /** The courses with their owners' names, read from accounts (People) in one query. */
  Mono<List<Listed>> listed(List<Course> list) {
    return people.named(list.stream().map(c -> new vn.bdtx.accounts.People.WithPerson<>(c, c.ownerId())).toList(),
        Listed::new);
  }

  Mono<String> coursePage(Course course, Caller caller, Model model, CourseForms.LectureForm form) {
    if (form.getRevision() < 0) {
      form.setRevision(course.revision());
    }
    return courses.versions(course.id()).collectList()
        .flatMap(versions -> people.names(versions.stream().map(ContentVersion::publishedById).toList())
            .map(names -> reactor.util.function.Tuples.of(versions, names)))
        .zipWith(usage.cohortsOf(course.id()).collectList())
        .map(t -> {
          var names = t.getT1().getT2();
          var rows = t.getT1().getT1().stream().map(v -> new VersionRow(v,
              v.publishedById() == null ? null : names.get(v.publishedById()),
              t.getT2().stream().filter(c -> c.versionId() == v.id()).toList())).toList();
          common(course, caller, model);
          model.addAttribute("versions", rows);
          model.addAttribute("lectureForm", form);
          model.addAttribute("blockers", course.draft().publishBlockers());
          model.addAttribute("categoryCounts", categoryCounts(course.draft()));
          return "catalog/course";
        });
  }

  String lectureEdit(Course course, Lecture lecture, CourseForms.LectureForm form, Caller caller, Model model) {
    common(course, caller, model);
    model.addAttribute("lecture", lecture);
    model.addAttribute("lectureForm", form);
    return "catalog/lecture-edit";
  }

  String questionsPage(Course course, Caller caller, Model model, CourseForms.ImportForm form) {
    common(course, caller, model);
    if (form.getRevision() < 0) {
      form.setRevision(course.revision());
    }
    if (form.getCategory().isEmpty()) {
      form.setCategory(course.draft().categories().isEmpty() ? "Câu hỏi bài 1" : course.draft().categories().get(0));
    }
    Map<String, List<Question>> byCategory = new LinkedHashMap<>();
    course.draft().categories().forEach(c -> byCategory.put(c, course.draft().inCategory(c)));
    model.addAttribute("byCategory", byCategory);
    model.addAttribute("importForm", form);
    return "catalog/questions";
  }

  String questionEdit(Course course, Question question, CourseForms.QuestionForm form, Caller caller, Model model) {
    common(course, caller, model);
    model.addAttribute("question", question);
    model.addAttribute("questionForm", form);
    return "catalog/question-edit";
  }

  String assignmentEdit(Course course, CourseForms.AssignmentForm form, Caller caller, Model model) {
    common(course, caller, model);
    model.addAttribute("assignmentForm", form);
    return "catalog/assignment-edit";
  }

  private void common(Course course, Caller caller, Model model) {
    model.addAttribute("course", course);
    model.addAttribute("editable", course.editableBy(caller));
    model.addAttribute("draft", course.draft());
    model.addAttribute("videoLimit", CourseMedia.human(media.limit(CourseMedia.Kind.VIDEO)));
    model.addAttribute("documentLimit", CourseMedia.human(media.limit(CourseMedia.Kind.DOCUMENT)));
    model.addAttribute("imageLimit", CourseMedia.human(media.limit(CourseMedia.Kind.IMAGE)));
  }

  private static Map<String, Integer> categoryCounts(CourseContent c) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    c.categories().forEach(cat -> counts.put(cat, c.inCategory(cat).size()));
    return counts;
  }

  /** The course outline as a learner sees it: lectures in order, quiz sizes, the assignment. */
  public String outline(String title, CourseContent content, String base, String mediaBase, Model model, boolean preview) {
    learnerCommon(title, content, base, mediaBase, model, preview);
    return "learning/outline";
  }

  public String lecture(String title, CourseContent content, Lecture lecture, String base, String mediaBase, Model model,
                        boolean preview) {
    learnerCommon(title, content, base, mediaBase, model, preview);
    int at = content.lectures().indexOf(lecture);
    model.addAttribute("lecture", lecture);
    model.addAttribute("number", at + 1);
    model.addAttribute("html", markdown.toHtml(lecture.body()));
    model.addAttribute("quizSize", lecture.quizCategory().isBlank() ? 0 : content.inCategory(lecture.quizCategory()).size());
    model.addAttribute("previous", at > 0 ? content.lectures().get(at - 1) : null);
    model.addAttribute("next", at + 1 < content.lectures().size() ? content.lectures().get(at + 1) : null);
    return "learning/lecture";
  }

  public String assignment(String title, CourseContent content, String base, String mediaBase, Model model, boolean preview) {
    learnerCommon(title, content, base, mediaBase, model, preview);
    model.addAttribute("html", markdown.toHtml(content.assignment().brief()));
    return "learning/assignment";
  }

  private static void learnerCommon(String title, CourseContent content, String base, String mediaBase, Model model,
                                    boolean preview) {
    model.addAttribute("courseTitle", title);
    model.addAttribute("material", content);
    model.addAttribute("base", base);
    model.addAttribute("mediaBase", mediaBase);
    model.addAttribute("preview", preview);
  }

  /**
   * Sends the browser to the store. The redirect itself may be reused for a
   * minute; every later seek in a video asks the application again and gets a
   * fresh URL, so an expired URL never stops a learner who is still allowed.
   */
  public static ResponseEntity<Void> redirectToStore(String url) {
    return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(url))
        .cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePrivate()).build();
  }
}
