package vn.bdtx.domain.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A question as a lecturer fills the question form, without GIFT: category, name,
 * text, kind, the choices as rows (text, right or not, weight in percent as typed,
 * Vietnamese decimal comma accepted, feedback), the general feedback, and for a
 * true/false question which of the two is right and the feedback of each.
 * {@link #toQuestion} is the judge: a {@link Question}, or every problem, each
 * naming the field (and the row) it belongs to.
 *
 * <p>The rules: a right choice of a single-answer question weighs 100% (left blank
 * or typed); a right choice of a multiple-answer question needs its weight, above
 * 0%; a wrong choice weighs 0% or less (left blank: 0%); every weight lies between
 * −100% and 100%; the right weights add up to exactly 100%; a short answer's
 * accepted answers have grades from 0% to 100% (left blank: 100%), one at 100%.
 * A row with nothing typed is no row. Texts are kept as typed: plain text stays
 * plain (its line breaks shown), an imported HTML question stays HTML.
 */
public record QuestionForm(String category, String name, String text, QuestionKind kind, List<Row> rows,
                           String generalFeedback, boolean html, boolean caseSensitive,
                           boolean truth, String trueFeedback, String falseFeedback) {

  /** The kinds the form writes; the others (numerical, matching) are edited in GIFT. */
  public static final List<QuestionKind> KINDS = List.of(QuestionKind.SINGLE, QuestionKind.MULTIPLE,
      QuestionKind.TRUE_FALSE, QuestionKind.SHORT_ANSWER, QuestionKind.DESCRIPTION);

  /** How close to 100% the right weights must add up (Moodle's 3 × 33.33333% is 100%). */
  public static final BigDecimal SUM_TOLERANCE = new BigDecimal("0.0001");

  public static final int CATEGORY_MAX = 100;
  public static final int NAME_MAX = 255;
  public static final int TEXT_MAX = 20_000;

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final Pattern NUMBER = Pattern.compile("-?\\d+([.,]\\d+)?|-?[.,]\\d+");

  /** One choice (an accepted answer of a short answer) as typed. */
  public record Row(String text, boolean right, String weight, String feedback) {
    public Row {
      text = text == null ? "" : text;
      weight = weight == null ? "" : weight;
      feedback = feedback == null ? "" : feedback;
    }

    /** Nothing typed: the empty rows the form offers are not choices. */
    public boolean blank() {
      return text.isBlank() && weight.isBlank() && feedback.isBlank() && !right;
    }
  }

  /**
   * What is wrong, beside which field: {@code field} is the form's field name
   * ({@code text}, {@code rows}, {@code rows[2].weight} …), {@code row} the
   * choice's number as the page shows it (1-based, 0 when not a row's), {@code detail}
   * the offending value.
   */
  public record Problem(String field, int row, Kind kind, String detail) {
    public enum Kind {
      CATEGORY, NAME_TOO_LONG, EMPTY_TEXT, TEXT_TOO_LONG, KIND,
      TOO_FEW_CHOICES, NO_ANSWER, NO_RIGHT_CHOICE, SEVERAL_RIGHT_CHOICES, WEIGHTS_NOT_100, NO_FULL_ANSWER,
      ROW_EMPTY_TEXT, ROW_NOT_A_NUMBER, ROW_WEIGHT_RANGE, ROW_GRADE_RANGE, ROW_RIGHT_NEEDS_WEIGHT,
      ROW_RIGHT_NOT_POSITIVE, ROW_WRONG_POSITIVE, ROW_SINGLE_NOT_100
    }
  }

  /** The outcome of {@link #toQuestion}: a question, or the problems (never both). */
  public record Result(Optional<Question> question, List<Problem> problems) {
    public boolean ok() {
      return question.isPresent();
    }
  }

  public QuestionForm {
    category = category == null ? "" : category.strip();
    name = name == null ? "" : name.strip();
    text = text == null ? "" : text.replace("\r\n", "\n");
    rows = rows == null ? List.of() : List.copyOf(rows);
    generalFeedback = generalFeedback == null ? "" : generalFeedback.replace("\r\n", "\n");
    trueFeedback = trueFeedback == null ? "" : trueFeedback;
    falseFeedback = falseFeedback == null ? "" : falseFeedback;
  }

  /** The form filled from a question of the bank, weights written with the decimal comma. */
  public static QuestionForm of(Question q) {
    var rows = new ArrayList<Row>();
    boolean truth = true;
    String trueFeedback = "";
    String falseFeedback = "";
    if (q.kind() == QuestionKind.TRUE_FALSE) {
      for (Choice c : q.choices()) {
        boolean isTrue = c.text().strip().equalsIgnoreCase("Đúng") || c.text().strip().equalsIgnoreCase("true");
        if (isTrue) {
          truth = c.right();
          trueFeedback = c.feedback();
        } else {
          falseFeedback = c.feedback();
        }
      }
    } else {
      for (Choice c : q.choices()) {
        boolean plainSingle = q.kind() == QuestionKind.SINGLE && (c.weight() == 100 || c.weight() == 0);
        String weight = plainSingle ? "" : show(c.weight());
        rows.add(new Row(c.text(), c.right(), weight, c.feedback()));
      }
    }
    return new QuestionForm(q.category(), q.name(), q.text(), q.kind(), rows, q.generalFeedback(), q.html(),
        q.caseSensitive(), truth, trueFeedback, falseFeedback);
  }

  /** The same form with {@code more} empty rows after the typed ones (the "add a choice" button). */
  public QuestionForm withEmptyRows(int more) {
    var list = new ArrayList<>(rows);
    for (int i = 0; i < more; i++) {
      list.add(new Row("", false, "", ""));
    }
    return new QuestionForm(category, name, text, kind, list, generalFeedback, html, caseSensitive, truth,
        trueFeedback, falseFeedback);
  }

  /** The question as {@code id} of the bank, for a quiz or the survey, or what is wrong with the form. */
  public Result toQuestion(String id, Question.Use use) {
    var problems = new ArrayList<Problem>();
    if (category.isEmpty() || category.length() > CATEGORY_MAX) {
      problems.add(new Problem("category", 0, Problem.Kind.CATEGORY, category));
    }
    if (name.length() > NAME_MAX) {
      problems.add(new Problem("name", 0, Problem.Kind.NAME_TOO_LONG, String.valueOf(NAME_MAX)));
    }
    if (text.isBlank()) {
      problems.add(new Problem("text", 0, Problem.Kind.EMPTY_TEXT, ""));
    } else if (text.length() > TEXT_MAX) {
      problems.add(new Problem("text", 0, Problem.Kind.TEXT_TOO_LONG, String.valueOf(TEXT_MAX)));
    }
    boolean survey = use == Question.Use.SURVEY;
    if (kind == null || !KINDS.contains(kind)
        || (survey && kind != QuestionKind.SINGLE && kind != QuestionKind.MULTIPLE)) {
      problems.add(new Problem("kind", 0, Problem.Kind.KIND, kind == null ? "" : kind.name()));
      return new Result(Optional.empty(), problems);
    }
    List<Choice> choices = switch (kind) {
      case DESCRIPTION -> List.of();
      case TRUE_FALSE -> List.of(new Choice("Đúng", truth ? 100 : 0, trueFeedback.strip()),
          new Choice("Sai", truth ? 0 : 100, falseFeedback.strip()));
      case SHORT_ANSWER -> shortAnswers(problems);
      default -> choices(survey, problems);
    };
    if (!problems.isEmpty()) {
      return new Result(Optional.empty(), problems);
    }
    Question q = new Question(id, category, name, text.strip(), kind, choices, generalFeedback.strip(), html, caseSensitive);
    List<QuestionProblem> left = q.problems(use, 0);
    if (!left.isEmpty()) {
      // The rules above are stricter than the bank's; kept as a guard should the two part.
      left.forEach(p -> problems.add(new Problem("rows", 0, Problem.Kind.NO_ANSWER, p.kind().name())));
      return new Result(Optional.empty(), problems);
    }
    return new Result(Optional.of(q), List.of());
  }

  private List<Choice> choices(boolean survey, List<Problem> problems) {
    var out = new ArrayList<Choice>();
    BigDecimal rightSum = BigDecimal.ZERO;
    int right = 0;
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      if (r.blank()) {
        continue;
      }
      int n = i + 1;
      if (r.text().isBlank()) {
        problems.add(new Problem("rows[" + i + "].text", n, Problem.Kind.ROW_EMPTY_TEXT, ""));
      }
      if (survey) {
        out.add(new Choice(r.text().strip(), 0, r.feedback().strip()));
        continue;
      }
      String field = "rows[" + i + "].weight";
      BigDecimal w;
      if (r.weight().isBlank()) {
        if (r.right() && kind == QuestionKind.MULTIPLE) {
          problems.add(new Problem(field, n, Problem.Kind.ROW_RIGHT_NEEDS_WEIGHT, ""));
          w = null;
        } else {
          w = r.right() ? HUNDRED : BigDecimal.ZERO;
        }
      } else {
        Optional<BigDecimal> typed = weight(r.weight());
        if (typed.isEmpty()) {
          problems.add(new Problem(field, n, Problem.Kind.ROW_NOT_A_NUMBER, r.weight().strip()));
          w = null;
        } else if (typed.get().abs().compareTo(HUNDRED) > 0) {
          problems.add(new Problem(field, n, Problem.Kind.ROW_WEIGHT_RANGE, r.weight().strip()));
          w = null;
        } else {
          w = typed.get();
        }
      }
      if (w != null) {
        if (r.right() && w.signum() <= 0) {
          problems.add(new Problem(field, n, Problem.Kind.ROW_RIGHT_NOT_POSITIVE, r.weight().strip()));
        } else if (!r.right() && w.signum() > 0) {
          problems.add(new Problem(field, n, Problem.Kind.ROW_WRONG_POSITIVE, r.weight().strip()));
        } else if (r.right() && kind == QuestionKind.SINGLE && w.compareTo(HUNDRED) != 0) {
          problems.add(new Problem(field, n, Problem.Kind.ROW_SINGLE_NOT_100, r.weight().strip()));
        }
        if (r.right()) {
          rightSum = rightSum.add(w);
        }
      }
      if (r.right()) {
        right++;
      }
      out.add(new Choice(r.text().strip(), w == null ? 0 : w.doubleValue(), r.feedback().strip()));
    }
    if (out.size() < 2) {
      problems.add(new Problem("rows", 0, Problem.Kind.TOO_FEW_CHOICES, String.valueOf(out.size())));
    }
    if (!survey && !out.isEmpty()) {
      boolean rowWeightsFine = problems.stream().noneMatch(p -> p.field().endsWith(".weight"));
      if (right == 0) {
        problems.add(new Problem("rows", 0, Problem.Kind.NO_RIGHT_CHOICE, ""));
      } else if (kind == QuestionKind.SINGLE && right > 1) {
        problems.add(new Problem("rows", 0, Problem.Kind.SEVERAL_RIGHT_CHOICES, String.valueOf(right)));
      } else if (rowWeightsFine && rightSum.subtract(HUNDRED).abs().compareTo(SUM_TOLERANCE) > 0) {
        problems.add(new Problem("rows", 0, Problem.Kind.WEIGHTS_NOT_100, show(rightSum)));
      }
    }
    return out;
  }

  private List<Choice> shortAnswers(List<Problem> problems) {
    var out = new ArrayList<Choice>();
    boolean full = false;
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      if (r.blank()) {
        continue;
      }
      int n = i + 1;
      if (r.text().isBlank()) {
        problems.add(new Problem("rows[" + i + "].text", n, Problem.Kind.ROW_EMPTY_TEXT, ""));
      }
      String field = "rows[" + i + "].weight";
      BigDecimal w = HUNDRED;
      if (!r.weight().isBlank()) {
        Optional<BigDecimal> typed = weight(r.weight());
        if (typed.isEmpty()) {
          problems.add(new Problem(field, n, Problem.Kind.ROW_NOT_A_NUMBER, r.weight().strip()));
          w = BigDecimal.ZERO;
        } else if (typed.get().signum() < 0 || typed.get().compareTo(HUNDRED) > 0) {
          problems.add(new Problem(field, n, Problem.Kind.ROW_GRADE_RANGE, r.weight().strip()));
          w = BigDecimal.ZERO;
        } else {
          w = typed.get();
        }
      }
      full |= w.compareTo(HUNDRED) == 0;
      out.add(new Choice(r.text().strip(), w.doubleValue(), r.feedback().strip()));
    }
    if (out.isEmpty()) {
      problems.add(new Problem("rows", 0, Problem.Kind.NO_ANSWER, ""));
    } else if (!full && problems.stream().noneMatch(p -> p.field().endsWith(".weight"))) {
      problems.add(new Problem("rows", 0, Problem.Kind.NO_FULL_ANSWER, ""));
    }
    return out;
  }

  /**
   * A weight as a person types it: "50", "33,33333" (decimal comma), "12.5",
   * "-100", "−100" (the minus sign), "50%"; empty if it is not a number.
   */
  public static Optional<BigDecimal> weight(String typed) {
    if (typed == null) {
      return Optional.empty();
    }
    String s = typed.strip().replace('\u2212', '-').replace('\u2013', '-');
    if (s.endsWith("%")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    s = s.replace(" ", "");
    if (s.startsWith("+")) {
      s = s.substring(1);
    }
    if (!NUMBER.matcher(s).matches()) {
      return Optional.empty();
    }
    return Optional.of(new BigDecimal(s.replace(',', '.')));
  }

  /** A weight as the page shows it: no trailing zeros, the decimal comma ("33,33333", "-100"). */
  public static String show(double weight) {
    return show(BigDecimal.valueOf(weight));
  }

  static String show(BigDecimal weight) {
    BigDecimal w = weight.stripTrailingZeros();
    if (w.scale() < 0) {
      w = w.setScale(0);
    }
    return w.toPlainString().replace('.', ',');
  }
}
