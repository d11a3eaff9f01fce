package vn.bdtx.domain.assessment;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import vn.bdtx.domain.catalog.Choice;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.domain.catalog.QuestionKind;

/**
 * The fraction of a question's marks an answer earns, per type, as Moodle grades it:
 * <ul>
 * <li>single answer, true/false: the chosen choice's weight (a penalty counts as 0;
 * more than one choice ticked earns 0);</li>
 * <li>multiple answer: the ticked choices' weights added, held between 0 and 100%;</li>
 * <li>short answer: the weight of the first accepted answer (in the file's order)
 * that the typed text matches — spaces at either end ignored (inner spaces count, as
 * in Moodle), both sides in Unicode NFC (Vietnamese typed with combining or precomposed
 * marks is the same word), case ignored unless the question says otherwise,
 * {@code *} matching any run of characters ({@code \*} a real asterisk);</li>
 * <li>numerical: the weight of the first answer whose tolerance holds the number
 * typed (decimal comma or point), {@code *} any number;</li>
 * <li>matching: right pairs over pairs (Moodle's fraction of right subquestions);</li>
 * <li>description: nothing to earn (it does not count in the score).</li>
 * </ul>
 * The {@code response} is what the learner typed (short answer, numerical), or for
 * matching the index of the answer chosen for each item with text, in the question's
 * order, comma separated, empty for none, into {@link #options(Question)}.
 * Fractions are exact decimals except a matching question's thirds, sevenths …,
 * which carry 34 significant digits.
 */
public final class Answers {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private Answers() {
  }

  public static BigDecimal fraction(Question q, Set<Integer> chosen, String response) {
    return switch (q.kind()) {
      case SINGLE, TRUE_FALSE, MULTIPLE -> choice(q, chosen);
      case SHORT_ANSWER -> response == null ? BigDecimal.ZERO : shortAnswer(q, response);
      case NUMERICAL -> response == null ? BigDecimal.ZERO : numerical(q, response);
      case MATCHING -> response == null ? BigDecimal.ZERO : matching(q, response);
      case DESCRIPTION -> BigDecimal.ZERO;
    };
  }

  /**
   * A question's result as an exact fraction {@code numerator / denominator}:
   * every type but matching is a finite decimal (denominator 1); matching is the
   * pairs right over the pairs, kept as a ratio so that no third is rounded
   * before the attempt's score is.
   */
  public record Exact(BigDecimal numerator, int denominator) {
    static final Exact ZERO = new Exact(BigDecimal.ZERO, 1);
  }

  public static Exact exact(Question q, Set<Integer> chosen, String response) {
    if (q.kind() != vn.bdtx.domain.catalog.QuestionKind.MATCHING) {
      return new Exact(fraction(q, chosen, response), 1);
    }
    if (response == null || items(q).isEmpty()) {
      return Exact.ZERO;
    }
    return new Exact(BigDecimal.valueOf(rightPairs(q, response)), items(q).size());
  }

  private static BigDecimal weight(Choice c) {
    return new BigDecimal(Double.toString(c.weight())).divide(HUNDRED);
  }

  private static BigDecimal choice(Question q, Set<Integer> chosen) {
    if (chosen == null || chosen.isEmpty()) {
      return BigDecimal.ZERO;
    }
    var choices = q.choices();
    for (int i : chosen) {
      if (i < 0 || i >= choices.size()) {
        return BigDecimal.ZERO;
      }
    }
    if (q.kind() != QuestionKind.MULTIPLE) {
      return chosen.size() != 1 ? BigDecimal.ZERO : weight(choices.get(chosen.iterator().next())).max(BigDecimal.ZERO);
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (int i : chosen) {
      sum = sum.add(weight(choices.get(i)));
    }
    return sum.max(BigDecimal.ZERO).min(BigDecimal.ONE);
  }

  private static BigDecimal shortAnswer(Question q, String response) {
    String typed = normalise(response);
    if (typed.isEmpty()) {
      return BigDecimal.ZERO;
    }
    for (Choice c : q.choices()) {
      if (matches(typed, normalise(c.text()), !q.caseSensitive())) {
        return weight(c).max(BigDecimal.ZERO);
      }
    }
    return BigDecimal.ZERO;
  }

  static String normalise(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFC).strip();
  }

  /** Moodle's wildcard comparison: the whole text, {@code *} any run of characters, {@code \*} an asterisk. */
  static boolean matches(String typed, String accepted, boolean ignoreCase) {
    if (accepted.equals("*")) {
      return true;
    }
    var regex = new StringBuilder("^");
    var literal = new StringBuilder();
    for (int i = 0; i < accepted.length(); i++) {
      char c = accepted.charAt(i);
      if (c == '\\' && i + 1 < accepted.length() && accepted.charAt(i + 1) == '*') {
        literal.append('*');
        i++;
      } else if (c == '*') {
        regex.append(Pattern.quote(literal.toString())).append(".*");
        literal.setLength(0);
      } else {
        literal.append(c);
      }
    }
    regex.append(Pattern.quote(literal.toString())).append('$');
    int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
    return Pattern.compile(regex.toString(), flags).matcher(typed).matches()
        || (ignoreCase && typed.toLowerCase(Locale.ROOT).equals(accepted.toLowerCase(Locale.ROOT)));
  }

  /** A number as typed: spaces ignored, a decimal comma or point; null when it is not one. */
  public static BigDecimal number(String typed) {
    String t = typed == null ? "" : typed.replaceAll("[\\s\u00A0]", "");
    if (t.indexOf(',') >= 0 && t.indexOf('.') < 0) {
      t = t.replace(',', '.');
    }
    if (!t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
      return null;
    }
    return new BigDecimal(t);
  }

  private static BigDecimal numerical(Question q, String response) {
    BigDecimal x = number(response);
    if (x == null) {
      return BigDecimal.ZERO;
    }
    for (Choice c : q.choices()) {
      if (c.text().strip().equals("*")) {
        return weight(c).max(BigDecimal.ZERO);
      }
      BigDecimal a = number(c.text());
      if (a == null) {
        continue;
      }
      BigDecimal tolerance = new BigDecimal(Double.toString(Math.abs(c.tolerance())));
      if (x.subtract(a).abs().compareTo(tolerance) <= 0) {
        return weight(c).max(BigDecimal.ZERO);
      }
    }
    return BigDecimal.ZERO;
  }

  /** The items of a matching question: its pairs with text, in the question's order. */
  public static List<Choice> items(Question q) {
    return q.choices().stream().filter(c -> !c.text().isBlank()).toList();
  }

  /** The answers a matching question offers for every item: each distinct answer once, in the file's order. */
  public static List<String> options(Question q) {
    var set = new LinkedHashSet<String>();
    q.choices().forEach(c -> set.add(c.match().strip()));
    return List.copyOf(set);
  }

  /** A matching response as indexes into {@link #options(Question)}, one per item, -1 for none. */
  public static List<Integer> picks(String response, int items) {
    var list = new ArrayList<Integer>();
    String[] parts = response == null ? new String[0] : response.split(",", -1);
    for (int i = 0; i < items; i++) {
      int v = -1;
      if (i < parts.length && parts[i].strip().matches("\\d{1,4}")) {
        v = Integer.parseInt(parts[i].strip());
      }
      list.add(v);
    }
    return list;
  }

  private static BigDecimal matching(Question q, String response) {
    var items = items(q);
    if (items.isEmpty()) {
      return BigDecimal.ZERO;
    }
    return BigDecimal.valueOf(rightPairs(q, response)).divide(BigDecimal.valueOf(items.size()), MathContext.DECIMAL128);
  }

  private static int rightPairs(Question q, String response) {
    var items = items(q);
    var options = options(q);
    var picks = picks(response, items.size());
    int right = 0;
    for (int i = 0; i < items.size(); i++) {
      int p = picks.get(i);
      if (p >= 0 && p < options.size() && options.get(p).equals(items.get(i).match().strip())) {
        right++;
      }
    }
    return right;
  }
}
