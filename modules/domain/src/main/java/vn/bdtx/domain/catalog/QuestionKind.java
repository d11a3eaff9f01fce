package vn.bdtx.domain.catalog;

/** The question types the quiz engine grades, as Moodle has them. */
public enum QuestionKind {
  /** One right choice (GIFT {=right ~wrong}, Moodle multichoice single). */
  SINGLE,
  /** Several right choices with weights that add up to 100% (GIFT {~%50%a ~%50%b ~%-100%c}). */
  MULTIPLE,
  /** Đúng / Sai (GIFT {T} or {F}, Moodle truefalse). */
  TRUE_FALSE,
  /** Typed words compared with accepted answers, each with its grade (GIFT {=a =%50%b}, Moodle shortanswer). */
  SHORT_ANSWER,
  /** A number within an answer's tolerance (GIFT {#3.14:0.01}, Moodle numerical). */
  NUMERICAL,
  /** Items each matched with an answer; the fraction of right pairs (GIFT {=a -> b}, Moodle matching). */
  MATCHING,
  /** Text with no answer, not counted in the score (GIFT without braces, Moodle description). */
  DESCRIPTION;

  /** Whether the question counts in an attempt's score. */
  public boolean graded() {
    return this != DESCRIPTION;
  }

  /** Whether the learner ticks choices (the others type or select their answer). */
  public boolean choosing() {
    return this == SINGLE || this == MULTIPLE || this == TRUE_FALSE;
  }
}
