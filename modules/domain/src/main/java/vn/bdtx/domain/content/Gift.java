package vn.bdtx.domain.content;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads Moodle's GIFT format: questions separated by blank lines, "//" comments,
 * "$CATEGORY: name", an optional "::title::", the answers in braces:
 * {@code {=right#feedback ~wrong#feedback ####general feedback}}, weighted
 * multiple answers {@code {~%50%a ~%50%b ~%-100%c}}, true/false {@code {T}} /
 * {@code {FALSE#feedback}}. As in Moodle, a blank line always ends a question. Special characters in text are escaped with a
 * backslash (\= \~ \# \{ \} \:). Every problem carries the line it is on.
 */
public final class Gift {

  private Gift() {
  }

  public static QuestionFile parse(String text, String defaultCategory, Question.Use use) {
    var questions = new ArrayList<Question>();
    var problems = new ArrayList<QuestionProblem>();
    String[] lines = Normalizer.normalize(text, Normalizer.Form.NFC).replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    String category = defaultCategory;
    var block = new StringBuilder();
    int blockStart = 0;
    for (int i = 0; i <= lines.length; i++) {
      String line = i < lines.length ? lines[i] : "";
      boolean comment = line.strip().startsWith("//");
      if (line.isBlank() || i == lines.length) {
        if (block.length() > 0) {
          questions.addAll(question(block.toString(), blockStart, category, use, problems));
          block.setLength(0);
        }
        continue;
      }
      if (comment) {
        continue;
      }
      if (block.length() == 0 && line.strip().startsWith("$CATEGORY:")) {
        String c = lastSegment(line.strip().substring("$CATEGORY:".length()).strip());
        if (c.isEmpty()) {
          problems.add(new QuestionProblem(i + 1, QuestionProblem.Kind.BAD_CATEGORY, line.strip()));
        } else {
          category = c;
        }
        continue;
      }
      if (block.length() == 0) {
        blockStart = i + 1;
      } else {
        block.append('\n');
      }
      block.append(line);
    }
    if (questions.isEmpty() && problems.isEmpty()) {
      problems.add(new QuestionProblem(1, QuestionProblem.Kind.EMPTY_FILE, ""));
    }
    return new QuestionFile(questions, problems);
  }

  /** Moodle writes categories as paths ($course$/top/Bài 1): the bank keeps the last segment. */
  static String lastSegment(String path) {
    String[] parts = path.split("/");
    String last = parts[parts.length - 1].strip();
    return last.equals("top") || last.startsWith("$") ? "" : last;
  }

  private static List<Question> question(String block, int startLine, String category, Question.Use use,
                                         List<QuestionProblem> problems) {
    String s = block.strip();
    int lead = block.indexOf(s.isEmpty() ? " " : s.substring(0, 1));
    int base = startLine + count(block, '\n', 0, Math.max(0, lead));
    String name = "";
    int from = 0;
    if (s.startsWith("::")) {
      int end = indexOfUnescaped(s, "::", 2);
      if (end > 0) {
        name = unescape(s.substring(2, end)).strip();
        from = end + 2;
      }
    }
    int open = indexOfUnescaped(s, "{", from);
    if (open < 0) {
      problems.add(new QuestionProblem(base, QuestionProblem.Kind.NO_ANSWERS, excerpt(s)));
      return List.of();
    }
    int close = indexOfUnescaped(s, "}", open + 1);
    if (close < 0) {
      problems.add(new QuestionProblem(base + count(s, '\n', 0, open), QuestionProblem.Kind.UNCLOSED_ANSWERS, excerpt(s.substring(open))));
      return List.of();
    }
    String before = s.substring(from, open).strip();
    if (before.startsWith("[")) {
      int f = before.indexOf(']');
      if (f > 0 && before.substring(1, f).matches("html|markdown|plain|moodle")) {
        before = before.substring(f + 1).strip();
      }
    }
    String after = s.substring(close + 1).strip();
    String questionText = unescape(after.isEmpty() ? before : before + " _____ " + after).strip();
    int answersLine = base + count(s, '\n', 0, open);
    String body = s.substring(open + 1, close);
    String general = "";
    int g = indexOfUnescaped(body, "####", 0);
    if (g >= 0) {
      general = unescape(body.substring(g + 4)).strip();
      body = body.substring(0, g);
    }
    String trimmed = body.strip();
    if (trimmed.isEmpty() || trimmed.startsWith("#") || indexOfUnescaped(trimmed, "->", 0) >= 0) {
      problems.add(new QuestionProblem(answersLine, QuestionProblem.Kind.UNSUPPORTED_TYPE, excerpt(s.substring(open))));
      return List.of();
    }
    Question q;
    String[] tf = splitUnescaped(trimmed, '#');
    String head = unescape(tf[0]).strip().toUpperCase(Locale.ROOT);
    if (head.matches("T|TRUE|F|FALSE") && indexOfUnescaped(trimmed, "=", 0) < 0 && indexOfUnescaped(trimmed, "~", 0) < 0) {
      boolean truth = head.startsWith("T");
      String rightFeedback = tf.length > 2 ? unescape(tf[2]).strip() : "";
      String wrongFeedback = tf.length > 1 ? unescape(tf[1]).strip() : "";
      // Moodle: the first feedback is shown to a wrong answer, the second to a right one.
      q = new Question("", category, name, questionText, QuestionKind.TRUE_FALSE, List.of(
          new Choice("Đúng", truth ? 100 : 0, truth ? rightFeedback : wrongFeedback),
          new Choice("Sai", truth ? 0 : 100, truth ? wrongFeedback : rightFeedback)), general);
    } else {
      var choices = new ArrayList<Choice>();
      int lineOfBody = answersLine;
      List<int[]> starts = new ArrayList<>();
      for (int i = 0; i < body.length(); i++) {
        char c = body.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '=' || c == '~') {
          starts.add(new int[] {i, c});
        }
      }
      if (starts.isEmpty() || !body.substring(0, starts.get(0)[0]).isBlank()) {
        int at = starts.isEmpty() ? body.length() : starts.get(0)[0];
        problems.add(new QuestionProblem(lineOfBody, QuestionProblem.Kind.TEXT_BEFORE_CHOICES, excerpt(body.substring(0, at).strip())));
        return List.of();
      }
      boolean anyTilde = starts.stream().anyMatch(st -> st[1] == '~');
      if (!anyTilde) {
        problems.add(new QuestionProblem(lineOfBody, QuestionProblem.Kind.UNSUPPORTED_TYPE, excerpt(s.substring(open))));
        return List.of();
      }
      boolean weighted = false;
      int weightProblems = 0;
      for (int k = 0; k < starts.size(); k++) {
        int st = starts.get(k)[0];
        int end = k + 1 < starts.size() ? starts.get(k + 1)[0] : body.length();
        String raw = body.substring(st + 1, end);
        int choiceLine = answersLine + count(body, '\n', 0, st);
        double weight = starts.get(k)[1] == '=' ? 100 : 0;
        String rest = raw.stripLeading();
        if (rest.startsWith("%")) {
          int pe = rest.indexOf('%', 1);
          try {
            weight = Double.parseDouble(rest.substring(1, pe).strip());
            weighted = true;
            rest = rest.substring(pe + 1);
          } catch (RuntimeException e) {
            problems.add(new QuestionProblem(choiceLine, QuestionProblem.Kind.BAD_WEIGHT, excerpt(rest)));
            weightProblems++;
            continue;
          }
        }
        String[] tf2 = splitUnescaped(rest, '#');
        String choiceText = unescape(tf2[0]).strip();
        String feedback = tf2.length > 1 ? unescape(tf2[1]).strip() : "";
        if (use == Question.Use.SURVEY) {
          weight = 0;
        }
        choices.add(new Choice(choiceText, weight, feedback));
      }
      if (weightProblems > 0) {
        return List.of();
      }
      long right = choices.stream().filter(Choice::right).count();
      boolean multiple = use == Question.Use.QUIZ && (right > 1 || (weighted && choices.stream().anyMatch(c -> c.weight() > 0 && c.weight() < 100)));
      q = new Question("", category, name, questionText, multiple ? QuestionKind.MULTIPLE : QuestionKind.SINGLE, choices, general);
    }
    var found = q.problems(use, answersLine);
    if (!found.isEmpty()) {
      problems.addAll(found);
      return List.of();
    }
    return List.of(q);
  }

  static int indexOfUnescaped(String s, String what, int from) {
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) == '\\') {
        i++;
      } else if (s.startsWith(what, i)) {
        return i;
      }
    }
    return -1;
  }

  private static String[] splitUnescaped(String s, char sep) {
    var parts = new ArrayList<String>();
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\\') {
        i++;
      } else if (s.charAt(i) == sep) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts.toArray(new String[0]);
  }

  static String unescape(String s) {
    var b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(n == 'n' ? '\n' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString().replaceAll("[ \\t]*\\n[ \\t]*", " ").replaceAll("\\s{2,}", " ");
  }

  private static int count(String s, char c, int from, int to) {
    int n = 0;
    for (int i = from; i < Math.min(to, s.length()); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }

  private static String excerpt(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() > 80 ? one.substring(0, 80) + "…" : one;
  }

  /** A question written back as GIFT, so the page can show it for editing and import reads it again. */
  public static String write(Question q) {
    var b = new StringBuilder();
    if (!q.name().isBlank()) {
      b.append("::").append(escape(q.name())).append("::");
    }
    b.append(escape(q.text())).append(" {");
    if (q.kind() == QuestionKind.TRUE_FALSE) {
      boolean truth = q.choices().get(0).right();
      Choice right = truth ? q.choices().get(0) : q.choices().get(1);
      Choice wrong = truth ? q.choices().get(1) : q.choices().get(0);
      b.append(truth ? "TRUE" : "FALSE");
      if (!wrong.feedback().isBlank() || !right.feedback().isBlank()) {
        b.append('#').append(escape(wrong.feedback())).append('#').append(escape(right.feedback()));
      }
    } else {
      for (Choice c : q.choices()) {
        b.append("\n  ");
        if (q.kind() == QuestionKind.SINGLE && c.weight() == 100) {
          b.append('=');
        } else if (q.kind() == QuestionKind.SINGLE && c.weight() == 0) {
          b.append('~');
        } else {
          b.append("~%").append(c.weight() == Math.rint(c.weight()) ? String.valueOf((long) c.weight()) : String.valueOf(c.weight())).append('%');
        }
        b.append(escape(c.text()));
        if (!c.feedback().isBlank()) {
          b.append('#').append(escape(c.feedback()));
        }
      }
      b.append('\n');
    }
    if (!q.generalFeedback().isBlank()) {
      b.append("####").append(escape(q.generalFeedback()));
    }
    return b.append('}').toString();
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("~", "\\~").replace("=", "\\=").replace("#", "\\#")
        .replace("{", "\\{").replace("}", "\\}").replace(":", "\\:");
  }
}
