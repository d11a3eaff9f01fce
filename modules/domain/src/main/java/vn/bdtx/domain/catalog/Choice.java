package vn.bdtx.domain.catalog;

/**
 * One choice of a question: its text, its weight in percent of the question's
 * marks (100 right, 0 wrong, 50 half of a multiple answer, negative a penalty) and
 * the feedback shown after the attempt. A short answer's accepted answers and a
 * numerical question's answers are choices too (the number in {@code text}, with
 * its {@code tolerance}); a matching question's pairs are choices whose
 * {@code text} is the item and {@code match} its answer (an answer with no item
 * is a distractor).
 */
public record Choice(String text, double weight, String feedback, String match, double tolerance) {

  public Choice {
    feedback = feedback == null ? "" : feedback;
    match = match == null ? "" : match;
  }

  public Choice(String text, double weight, String feedback) {
    this(text, weight, feedback, "", 0);
  }

  public boolean right() {
    return weight > 0;
  }
}
