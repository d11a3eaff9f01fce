package vn.bdtx.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CourseContentTest {

  private static List<Question> questions(String text, String category, Question.Use use) {
    return Gift.parse(text, category, use).questions();
  }

  @Test
  void lecturesMoveOnePlaceAndStayPutAtTheEnds() {
    var c = CourseContent.EMPTY.addLecture("Một", "", null, "").addLecture("Hai", "", null, "").addLecture("Ba", "", null, "");
    assertThat(c.moveLecture("L3", -1).lectures()).extracting(Lecture::title).containsExactly("Một", "Ba", "Hai");
    assertThat(c.moveLecture("L1", -1)).isEqualTo(c);
    assertThat(c.moveLecture("L3", +1)).isEqualTo(c);
  }

  @Test
  void idsAreNeverReusedAfterARemoval() {
    var c = CourseContent.EMPTY.addLecture("Một", "", null, "").addQuestions(questions("A {=x ~y}", "B1", Question.Use.QUIZ));
    var again = c.removeLecture("L1").removeQuestion("Q2").addLecture("Hai", "", null, "")
        .addQuestions(questions("B {=x ~y}", "B1", Question.Use.QUIZ));
    assertThat(again.lectures()).extracting(Lecture::id).containsExactly("L3");
    assertThat(again.questions()).extracting(Question::id).containsExactly("Q4");
  }

  @Test
  void saysWhatKeepsACourseFromBeingPublished() {
    var c = CourseContent.EMPTY.addLecture("Một", "", null, "Bài 1");
    assertThat(c.publishBlockers()).extracting(CourseContent.Blocker::problem).containsExactly(
        CourseContent.PublishProblem.QUIZ_CATEGORY_EMPTY, CourseContent.PublishProblem.NO_SURVEY,
        CourseContent.PublishProblem.NO_ASSIGNMENT);
    var ready = c.addQuestions(questions("A {=x ~y}", "Bài 1", Question.Use.QUIZ))
        .addQuestions(questions("Hài lòng? {~Có ~Không}", CourseContent.SURVEY_CATEGORY, Question.Use.SURVEY))
        .withAssignment(new FinalAssignment("Soạn kế hoạch bài dạy", Rubric.parse("Kế hoạch | 10 | đủ").rubric(), null));
    assertThat(ready.publishBlockers()).isEmpty();
    assertThat(CourseContent.EMPTY.publishBlockers()).extracting(CourseContent.Blocker::problem)
        .contains(CourseContent.PublishProblem.NO_LECTURES);
  }
}
