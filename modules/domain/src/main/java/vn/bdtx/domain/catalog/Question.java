package vn.bdtx.domain.catalog;

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
                       List<Choice> choices, String generalFeedback, boolean html, boolean caseSensitive,
                       BigDecimal mark) {

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

  /** A plain-text question (texts escaped when shown), short answers compared without case, worth 1 mark. */
  public Question(String id, String category, String name, String text, QuestionKind kind,
                  List<Choice> choices, String generalFeedback) {
    this(id, category, name, text, kind, choices, generalFeedback, false, false, BigDecimal.ONE);
  }

  /** A plain-text question worth {@code mark}. */
  public Question(String id, String category, String name, String text, QuestionKind kind,
                  List<Choice> choices, String generalFeedback, BigDecimal mark) {
    this(id, category, name, text, kind, choices, generalFeedback, false, false, mark);
  }

  /** A question worth 1 mark, its texts HTML or plain, short answers compared with or without case. */
  public Question(String id, String category, String name, String text, QuestionKind kind,
                  List<Choice> choices, String generalFeedback, boolean html, boolean caseSensitive) {
    this(id, category, name, text, kind, choices, generalFeedback, html, caseSensitive, BigDecimal.ONE);
  }

  public Question withId(String newId) {
    return new Question(newId, category, name, text, kind, choices, generalFeedback, html, caseSensitive, mark);
  }

  public Question inCategory(String newCategory) {
    return new Question(id, newCategory, name, text, kind, choices, generalFeedback, html, caseSensitive, mark);
  }

  /** The same question worth {@code newMark}. */
  public Question withMark(BigDecimal newMark) {
    return new Question(id, category, name, text, kind, choices, generalFeedback, html, caseSensitive, newMark);
  }

  /** The same question with its texts changed by {@code change} (image sources rewritten, for one). */
  public Question mapTexts(java.util.function.UnaryOperator<String> change) {
    return new Question(id, category, name, change.apply(text), kind,
        choices.stream().map(c -> new Choice(change.apply(c.text()), c.weight(), change.apply(c.feedback()),
            change.apply(c.match()), c.tolerance())).toList(),
        change.apply(generalFeedback), html, caseSensitive, mark);
  }

  /**
   * What makes two questions the same for a re-import: type, text and answers
   * with their weights, tags removed, spaces collapsed, in NFC and lower case.
   */
  public String fingerprint() {
    var b = new StringBuilder(kind.name()).append('|').append(norm(text));
    for (Choice c : choices) {
      b.append('|').append(norm(c.text())).append('=').append(trim(c.weight())).append('>').append(norm(c.match()))
          .append('~').append(trim(c.tolerance()));
    }
    return b.toString();
  }

  private String norm(String s) {
    return java.text.Normalizer.normalize(Markup.plain(s, html), java.text.Normalizer.Form.NFC)
        .replaceAll("\\s+", " ").strip().toLowerCase(java.util.Locale.ROOT);
  }

  /** What is wrong with the question as a {@code use} item, each at {@code line}. */
  public List<QuestionProblem> problems(Use use, int line) {
    var problems = new ArrayList<QuestionProblem>();
    if (text == null || text.isBlank()) {
      problems.add(new QuestionProblem(line, QuestionProblem.Kind.EMPTY_TEXT, name));
    }
    if (kind == QuestionKind.DESCRIPTION) {
      return problems;
    }
    if (use == Use.QUIZ && (mark.signum() <= 0 || mark.compareTo(MAX_MARK) > 0)) {
      problems.add(new QuestionProblem(line, QuestionProblem.Kind.BAD_MARK, mark.stripTrailingZeros().toPlainString()));
    }
    if (!kind.choosing()) {
      answerProblems(use, line, problems);
      return problems;
    }
    if (choices.size() < 2) {
      problems.add(new QuestionProblem(line, QuestionProblem.Kind.TOO_FEW_CHOICES, String.valueOf(choices.size())));
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

  private void answerProblems(Use use, int line, List<QuestionProblem> problems) {
    if (use == Use.SURVEY) {
      problems.add(new QuestionProblem(line, QuestionProblem.Kind.UNSUPPORTED_TYPE, label()));
      return;
    }
    if (kind == QuestionKind.MATCHING) {
      long pairs = choices.stream().filter(c -> !c.text().isBlank()).count();
      if (pairs < 2) {
        problems.add(new QuestionProblem(line, QuestionProblem.Kind.TOO_FEW_CHOICES, String.valueOf(pairs)));
      }
      for (Choice c : choices) {
        if (c.match().isBlank()) {
          problems.add(new QuestionProblem(line, QuestionProblem.Kind.EMPTY_CHOICE, label()));
        }
      }
      return;
    }
    if (choices.isEmpty()) {
      problems.add(new QuestionProblem(line, QuestionProblem.Kind.NO_RIGHT_ANSWER, label()));
      return;
    }
    for (Choice c : choices) {
      if (c.text().isBlank()) {
        problems.add(new QuestionProblem(line, QuestionProblem.Kind.EMPTY_CHOICE, label()));
      }
      if (c.weight() < -100 || c.weight() > 100) {
        problems.add(new QuestionProblem(line, QuestionProblem.Kind.BAD_WEIGHT, String.valueOf(c.weight())));
      }
      if (kind == QuestionKind.NUMERICAL && !c.text().strip().equals("*")) {
        try {
          new java.math.BigDecimal(c.text().strip());
        } catch (NumberFormatException e) {
          problems.add(new QuestionProblem(line, QuestionProblem.Kind.BAD_WEIGHT, c.text()));
        }
      }
    }
    if (choices.stream().noneMatch(c -> c.weight() == 100)) {
      problems.add(new QuestionProblem(line, QuestionProblem.Kind.NO_RIGHT_ANSWER, label()));
    }
  }

  /** The question's text as a page shows it (sanitised HTML, or plain text escaped), images served from {@code mediaBase}. */
  public String shown(String mediaBase) {
    return Markup.render(text, html, mediaBase);
  }

  /** A choice's text (a matching item's) as a page shows it. */
  public String shownChoice(int index, String mediaBase) {
    return Markup.render(choices.get(index).text(), html, mediaBase);
  }

  /** The start of the text, tags removed: how the bank lists the question. */
  public String preview() {
    return QuestionFile.firstWords(text, html);
  }

  /** The question as a person finds it in their file: its title, or the start of its text. */
  public String label() {
    if (name != null && !name.isBlank()) {
      return name;
    }
    String t = text == null ? "" : Markup.plain(text, html);
    return t.length() <= 60 ? t : t.substring(0, 59) + "…";
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
