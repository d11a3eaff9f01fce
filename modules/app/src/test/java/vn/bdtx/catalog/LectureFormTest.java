package vn.bdtx.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.bdtx.platform.web.FormChecks;

/** The lecture form's declared checks: a title of 1 to 200 characters, a body of at most 100,000. */
class LectureFormTest {

  static final FormChecks CHECKS = new FormChecks(Validation.buildDefaultValidatorFactory().getValidator());

  @Test
  void titleAndBodyAreCheckedByTheirConstraintsWithTheBundlesKeys() {
    var form = new CourseForms.LectureForm();
    form.setTitle("   ");
    form.setBody("x".repeat(100_001));
    assertThat(CHECKS.problems(form)).containsExactly(
        Map.entry("title", "catalog.lecture.problem.title"), Map.entry("body", "catalog.lecture.problem.body"));
    form.setTitle("t".repeat(201));
    form.setBody("x".repeat(100_000));
    assertThat(CHECKS.problems(form)).containsExactly(Map.entry("title", "catalog.lecture.problem.title"));
    form.setTitle("Bài 1");
    assertThat(CHECKS.problems(form)).isEmpty();
  }
}
