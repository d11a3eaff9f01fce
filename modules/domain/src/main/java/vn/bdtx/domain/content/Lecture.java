package vn.bdtx.domain.content;

/**
 * A lecture (bài giảng): title, text in Markdown, an optional media file, and the
 * bank category its lesson quiz draws from (empty: no quiz).
 */
public record Lecture(String id, String title, String body, Media media, String quizCategory) {

  public Lecture {
    body = body == null ? "" : body;
    quizCategory = quizCategory == null ? "" : quizCategory;
  }

  public Lecture withMedia(Media m) {
    return new Lecture(id, title, body, m, quizCategory);
  }
}
