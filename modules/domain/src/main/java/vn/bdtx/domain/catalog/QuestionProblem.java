package vn.bdtx.domain.catalog;

/** A problem found in a question file, at its 1-based line, with the offending text. */
public record QuestionProblem(int line, Kind kind, String detail) {

  public enum Kind {
    /** "{" without its "}". */
    UNCLOSED_ANSWERS,
    /** A question with no answer block (a GIFT description): nothing to grade. */
    NO_ANSWERS,
    /** Short answer, numerical, matching, essay …: the quiz engine grades only choices and true/false. */
    UNSUPPORTED_TYPE,
    EMPTY_TEXT,
    TOO_FEW_CHOICES,
    EMPTY_CHOICE,
    /** Text before the first = or ~ of an answer block. */
    TEXT_BEFORE_CHOICES,
    BAD_WEIGHT,
    /** A question's mark (Moodle's defaultgrade) that is not a number more than 0 and at most 100. */
    BAD_MARK,
    NO_RIGHT_ANSWER,
    SEVERAL_RIGHT_ANSWERS,
    /** The positive weights of a multiple-answer question do not add up to 100%. */
    WEIGHTS_NOT_100,
    /** A line outside any question that GIFT does not allow ($CATEGORY alone, comments with //). */
    BAD_CATEGORY,
    BAD_XML,
    EMPTY_FILE
  }
}
