package vn.bdtx.domain.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Everything a course holds for its learners: lectures in order, the question
 * bank, the category the final survey is drawn from, and the final assignment.
 * A draft is edited through the methods below, each returning a new value; a
 * published version is a frozen copy. Ids (L1, Q7 …) are never reused within a
 * course, so a version's quizzes and a learner's answers keep pointing at the
 * same question.
 */
public record CourseContent(List<Lecture> lectures, List<Question> questions, String surveyCategory,
                            FinalAssignment assignment, int nextId, List<Media> images) {

  public static final String SURVEY_CATEGORY = "Khảo sát cuối khóa";

  public static final CourseContent EMPTY = new CourseContent(List.of(), List.of(), SURVEY_CATEGORY, FinalAssignment.NONE, 1);

  /** Why a course cannot be published yet. */
  public enum PublishProblem { NO_LECTURES, QUIZ_CATEGORY_EMPTY, NO_SURVEY, NO_ASSIGNMENT, NO_RUBRIC }

  public record Blocker(PublishProblem problem, String subject) {
  }

  public CourseContent {
    lectures = List.copyOf(lectures);
    questions = List.copyOf(questions);
    surveyCategory = surveyCategory == null || surveyCategory.isBlank() ? SURVEY_CATEGORY : surveyCategory;
    assignment = assignment == null ? FinalAssignment.NONE : assignment;
    images = images == null ? List.of() : List.copyOf(images);
  }

  /** Content without question images (each imported image is added with its questions). */
  public CourseContent(List<Lecture> lectures, List<Question> questions, String surveyCategory,
                       FinalAssignment assignment, int nextId) {
    this(lectures, questions, surveyCategory, assignment, nextId, List.of());
  }

  public Optional<Lecture> lecture(String id) {
    return lectures.stream().filter(l -> l.id().equals(id)).findFirst();
  }

  public Optional<Question> question(String id) {
    return questions.stream().filter(q -> q.id().equals(id)).findFirst();
  }

  /** The bank's categories in the order they first appear. */
  public List<String> categories() {
    var names = new LinkedHashSet<String>();
    questions.forEach(q -> names.add(q.category()));
    return List.copyOf(names);
  }

  public List<Question> inCategory(String category) {
    return questions.stream().filter(q -> q.category().equals(category)).toList();
  }

  public List<Question> survey() {
    return inCategory(surveyCategory);
  }

  public CourseContent addLecture(String title, String body, Media media, String quizCategory) {
    var list = new ArrayList<>(lectures);
    list.add(new Lecture("L" + nextId, title, body, media, quizCategory));
    return new CourseContent(list, questions, surveyCategory, assignment, nextId + 1, images);
  }

  public CourseContent updateLecture(String id, UnaryOperator<Lecture> change) {
    return new CourseContent(lectures.stream().map(l -> l.id().equals(id) ? change.apply(l) : l).toList(),
        questions, surveyCategory, assignment, nextId, images);
  }

  public CourseContent removeLecture(String id) {
    return new CourseContent(lectures.stream().filter(l -> !l.id().equals(id)).toList(), questions, surveyCategory, assignment, nextId, images);
  }

  /** Moves a lecture one place up ({@code by} = -1) or down (+1); at either end nothing moves. */
  public CourseContent moveLecture(String id, int by) {
    var list = new ArrayList<>(lectures);
    int at = -1;
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).id().equals(id)) {
        at = i;
      }
    }
    int to = at + Integer.signum(by);
    if (at < 0 || to < 0 || to >= list.size()) {
      return this;
    }
    list.add(to, list.remove(at));
    return new CourseContent(list, questions, surveyCategory, assignment, nextId, images);
  }

  /** Adds imported questions to the bank, each with a new id. */
  public CourseContent addQuestions(List<Question> imported) {
    var list = new ArrayList<>(questions);
    int id = nextId;
    for (Question q : imported) {
      list.add(q.withId("Q" + id++));
    }
    return new CourseContent(lectures, list, surveyCategory, assignment, id, images);
  }

  /**
   * Adds imported questions with the images their texts show, and replaces the
   * questions of {@code replaced} (bank id → the imported question) in place: they
   * keep their ids, so quizzes and attempts keep pointing at them.
   */
  public CourseContent importQuestions(List<Question> added, java.util.Map<String, Question> replaced, List<Media> newImages) {
    var list = new ArrayList<Question>();
    for (Question q : questions) {
      Question r = replaced.get(q.id());
      list.add(r == null ? q : r.withId(q.id()));
    }
    int id = nextId;
    for (Question q : added) {
      list.add(q.withId("Q" + id++));
    }
    var all = new ArrayList<>(images);
    for (Media m : newImages) {
      if (all.stream().noneMatch(i -> i.sha256().equals(m.sha256()))) {
        all.add(m);
      }
    }
    return new CourseContent(lectures, list, surveyCategory, assignment, id, all);
  }

  /** The questions of the bank already holding an imported question (same category and {@link Question#fingerprint()}). */
  public java.util.Map<Question, Question> duplicates(List<Question> imported) {
    var found = new java.util.LinkedHashMap<Question, Question>();
    for (Question q : imported) {
      questions.stream().filter(b -> b.category().equals(q.category()) && b.fingerprint().equals(q.fingerprint()))
          .findFirst().ifPresent(b -> found.put(q, b));
    }
    return found;
  }

  public CourseContent replaceQuestion(String id, Question edited) {
    return new CourseContent(lectures, questions.stream().map(q -> q.id().equals(id) ? edited.withId(id) : q).toList(),
        surveyCategory, assignment, nextId, images);
  }

  public CourseContent removeQuestion(String id) {
    return new CourseContent(lectures, questions.stream().filter(q -> !q.id().equals(id)).toList(), surveyCategory, assignment, nextId, images);
  }

  public CourseContent withAssignment(FinalAssignment a) {
    return new CourseContent(lectures, questions, surveyCategory, a, nextId, images);
  }

  /** Every media file the content names: what a learner of this content may fetch. */
  public List<Media> media() {
    var all = new ArrayList<Media>();
    lectures.stream().map(Lecture::media).filter(m -> m != null).forEach(all::add);
    if (assignment.sample() != null) {
      all.add(assignment.sample());
    }
    all.addAll(images);
    return all;
  }

  /**
   * What keeps the course from being published: no lecture, a lesson quiz with
   * no question, no survey, no final assignment or rubric. A learner must be
   * able to meet all three completion criteria from what is published.
   */
  public List<Blocker> publishBlockers() {
    var blockers = new ArrayList<Blocker>();
    if (lectures.isEmpty()) {
      blockers.add(new Blocker(PublishProblem.NO_LECTURES, ""));
    }
    for (Lecture l : lectures) {
      // A quiz of descriptions alone could never be passed.
      if (!l.quizCategory().isBlank() && inCategory(l.quizCategory()).stream().noneMatch(q -> q.kind().graded())) {
        blockers.add(new Blocker(PublishProblem.QUIZ_CATEGORY_EMPTY, l.title()));
      }
    }
    if (survey().isEmpty()) {
      blockers.add(new Blocker(PublishProblem.NO_SURVEY, surveyCategory));
    }
    if (!assignment.written()) {
      blockers.add(new Blocker(PublishProblem.NO_ASSIGNMENT, ""));
    } else if (assignment.rubric().criteria().isEmpty()) {
      blockers.add(new Blocker(PublishProblem.NO_RUBRIC, ""));
    }
    return blockers;
  }
}
