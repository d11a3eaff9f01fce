package vn.bdtx.domain.content;

/**
 * One choice of a question: its text, its weight in percent of the question's
 * marks (100 right, 0 wrong, 50 half of a multiple answer, negative a penalty) and
 * the feedback shown after the attempt.
 */
public record Choice(String text, double weight, String feedback) {

  public Choice {
    feedback = feedback == null ? "" : feedback;
  }

  public boolean right() {
    return weight > 0;
  }
}
