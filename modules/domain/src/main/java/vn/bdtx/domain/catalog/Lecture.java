package vn.bdtx.domain.catalog;

/**
 * A lecture (bài giảng): title, text in Markdown, an optional media file, the
 * bank category its lesson quiz draws from (empty: no quiz) and how that quiz
 * runs (versions published before quizzes had settings read as the defaults).
 */
public record Lecture(String id, String title, String body, Media media, String quizCategory, QuizSettings quiz) {

  public Lecture {
    body = body == null ? "" : body;
    quizCategory = quizCategory == null ? "" : quizCategory;
    quiz = quiz == null ? QuizSettings.DEFAULT : quiz;
  }

  public Lecture(String id, String title, String body, Media media, String quizCategory) {
    this(id, title, body, media, quizCategory, QuizSettings.DEFAULT);
  }

  public Lecture withMedia(Media m) {
    return new Lecture(id, title, body, m, quizCategory, quiz);
  }

  public Lecture withQuiz(QuizSettings settings) {
    return new Lecture(id, title, body, media, quizCategory, settings);
  }

  public boolean hasQuiz() {
    return !quizCategory.isBlank();
  }
}
