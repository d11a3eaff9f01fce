package vn.bdtx.domain.content;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A question of a course's bank. {@code id} is stable within the course (Q1, Q2 …)
 * so attempts can refer to it in any published version; {@code category} groups
 * the bank (a lesson quiz draws its questions from one category). {@code mark}
 * is what the question is worth in its attempt (Moodle's defaultgrade; GIFT has
 * none, so 1): a question marked 2 counts twice as much as one marked 1. A
 * document stored before marks existed reads with 1.
 */
public record Question(String id, String category, String name, String text, QuestionKind kind,
                       List<Choice> choices, String generalFeedback, BigDecimal mark) {

  /** Largest mark a question may carry. */
  public static final BigDecimal MAX_MARK = new BigDecimal(100);

  /** How a question file is read: a graded quiz needs right answers, a survey has none. */
  public enum Use { QUIZ, SURVEY }

  public Question {
    choices = List.copyOf(choices);
    generalFeedback = generalFeedback == null ? "" : generalFeedback;
    name = name == null ? "" : name;
    mark = mark == null ? BigDecimal.ONE : mark;
  }

  /** A question worth 1 mark. */
  public Question(String id, String category, String name, String text, QuestionKind kind,
                  List<Choice> choices, String generalFeedback) {
    this(id, category, name, text, kind, choices, generalFeedback, BigDecimal.ONE);
  }

  public Question withId(String newId) {
    return new Question(newId, category, name, text, kind, choices, generalFeedback, mark);
  }

  public Question inCategory(String newCategory) {
    return new Question(id, newCategory, name, text, kind, choices, generalFeedback, mark);
  }

  /** The same question worth {@code newMark}. */
  public Question withMark(BigDecimal newMark) {
    return new Question(id, category, name, text, kind, choices, generalFeedback, newMark);
  }

  /** What is wrong with the question as a {@code use} item, each at {@code line}. */
  public List<QuestionProblem> problems(Use use, int line) {
    var problems = new ArrayList<QuestionProblem>();
    if (text == null || text.isBlank()) {
      problems.add(new QuestionProblem(line, QuestionProblem.Kind.EMPTY_TEXT, name));
    }
    if (choices.size() < 2) {
      problems.add(new QuestionProblem(line, QuestionProblem.Kind.TOO_FEW_CHOICES, String.valueOf(choices.size())));
    }
    if (use == Use.QUIZ && (mark.signum() <= 0 || mark.compareTo(MAX_MARK) > 0)) {
      problems.add(new QuestionProblem(line, QuestionProblem.Kind.BAD_MARK, mark.stripTrailingZeros().toPlainString()));
    }
    for (Choice c : choices) {
      if (c.text().isBlank()) {
        problems.add(new QuestionProblem(line, QuestionProblem.Kind.EMPTY_CHOICE, label()));
      }
      if (c.weight() < -100 || c.weight() > 100) {
        problems.add(new QuestionProblem(line, QuestionProblem.Kind.BAD_WEIGHT, String.valueOf(c.weight())));
      }
    }
    if (use == Use.QUIZ && !choices.isEmpty()) {
      long right = choices.stream().filter(Choice::right).count();
      double total = choices.stream().filter(Choice::right).mapToDouble(Choice::weight).sum();
      if (right == 0) {
        problems.add(new QuestionProblem(line, QuestionProblem.Kind.NO_RIGHT_ANSWER, label()));
      } else if (kind == QuestionKind.SINGLE && right > 1) {
        problems.add(new QuestionProblem(line, QuestionProblem.Kind.SEVERAL_RIGHT_ANSWERS, String.valueOf(right)));
      } else if (Math.abs(total - 100) > 0.5) {
        problems.add(new QuestionProblem(line, QuestionProblem.Kind.WEIGHTS_NOT_100, trim(total)));
      }
    }
    return problems;
  }

  /** The question as a person finds it in their file: its title, or the start of its text. */
  public String label() {
    if (name != null && !name.isBlank()) {
      return name;
    }
    String t = text == null ? "" : text.strip();
    return t.length() <= 60 ? t : t.substring(0, 59) + "…";
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
