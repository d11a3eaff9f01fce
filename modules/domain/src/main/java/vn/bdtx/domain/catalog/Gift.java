package vn.bdtx.domain.catalog;

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
    var skipped = new ArrayList<QuestionFile.Skipped>();
    String[] lines = Normalizer.normalize(text, Normalizer.Form.NFC).replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    String category = defaultCategory;
    var block = new StringBuilder();
    int blockStart = 0;
    for (int i = 0; i <= lines.length; i++) {
      String line = i < lines.length ? lines[i] : "";
      boolean comment = line.strip().startsWith("//");
      if (line.isBlank() || i == lines.length) {
        if (block.length() > 0) {
          questions.addAll(question(block.toString(), blockStart, category, use, problems, skipped));
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
    if (questions.isEmpty() && problems.isEmpty() && skipped.isEmpty()) {
      problems.add(new QuestionProblem(1, QuestionProblem.Kind.EMPTY_FILE, ""));
    }
    return new QuestionFile(questions, problems, skipped, java.util.Map.of());
  }

  /** Moodle writes categories as paths ($course$/top/Bài 1): the bank keeps the last segment. */
  static String lastSegment(String path) {
    String[] parts = path.split("/");
    String last = parts[parts.length - 1].strip();
    return last.equals("top") || last.startsWith("$") ? "" : last;
  }

  private static List<Question> question(String block, int startLine, String category, Question.Use use,
                                         List<QuestionProblem> problems, List<QuestionFile.Skipped> skipped) {
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
    String rawBefore = (open < 0 ? s.substring(from) : s.substring(from, open)).strip();
    boolean html = false;
    if (rawBefore.startsWith("[")) {
      int f = rawBefore.indexOf(']');
      if (f > 0 && rawBefore.substring(1, f).matches("html|markdown|plain|moodle")) {
        html = rawBefore.substring(1, f).equals("html");
        rawBefore = rawBefore.substring(f + 1).strip();
      }
    }
    final boolean isHtml = html;
    java.util.function.UnaryOperator<String> text = t -> isHtml ? Markup.clean(unescape(t).strip()) : unescape(t).strip();
    if (open < 0) {
      // Moodle: a question without an answer block is a description.
      Question d = new Question("", category, name, text.apply(rawBefore), QuestionKind.DESCRIPTION, List.of(), "", html, false);
      if (use == Question.Use.SURVEY) {
        skipped.add(new QuestionFile.Skipped(base, "description", name, QuestionFile.firstWords(d.text(), html)));
        return List.of();
      }
      if (d.text().isBlank()) {
        problems.add(new QuestionProblem(base, QuestionProblem.Kind.NO_ANSWERS, excerpt(s)));
        return List.of();
      }
      return List.of(d);
    }
    int close = indexOfUnescaped(s, "}", open + 1);
    if (close < 0) {
      problems.add(new QuestionProblem(base + count(s, '\n', 0, open), QuestionProblem.Kind.UNCLOSED_ANSWERS, excerpt(s.substring(open))));
      return List.of();
    }
    String after = s.substring(close + 1).strip();
    String questionText = text.apply(after.isEmpty() ? rawBefore : rawBefore + " _____ " + after);
    int answersLine = base + count(s, '\n', 0, open);
    String body = s.substring(open + 1, close);
    String general = "";
    int g = indexOfUnescaped(body, "####", 0);
    if (g >= 0) {
      general = text.apply(body.substring(g + 4));
      body = body.substring(0, g);
    }
    String trimmed = body.strip();
    boolean matching = indexOfUnescaped(trimmed, "->", 0) >= 0;
    String type = trimmed.isEmpty() ? "essay" : trimmed.startsWith("#") ? "numerical" : matching ? "matching" : null;
    boolean tildes = indexOfUnescaped(trimmed, "~", 0) >= 0;
    boolean equals = indexOfUnescaped(trimmed, "=", 0) >= 0;
    String head0 = unescape(splitUnescaped(trimmed, '#')[0]).strip().toUpperCase(Locale.ROOT);
    boolean trueFalse = type == null && head0.matches("T|TRUE|F|FALSE") && !equals && !tildes;
    if (type == null && !trueFalse && equals && !tildes) {
      type = "shortanswer";
    }
    if ("essay".equals(type) || (type != null && use == Question.Use.SURVEY)) {
      skipped.add(new QuestionFile.Skipped(base, type, name, QuestionFile.firstWords(questionText, html)));
      return List.of();
    }
    Question q;
    if (trueFalse) {
      String[] tf = splitUnescaped(trimmed, '#');
      boolean truth = head0.startsWith("T");
      String rightFeedback = tf.length > 2 ? text.apply(tf[2]) : "";
      String wrongFeedback = tf.length > 1 ? text.apply(tf[1]) : "";
      // Moodle: the first feedback is shown to a wrong answer, the second to a right one.
      q = new Question("", category, name, questionText, QuestionKind.TRUE_FALSE, List.of(
          new Choice("Đúng", truth ? 100 : 0, truth ? rightFeedback : wrongFeedback),
          new Choice("Sai", truth ? 0 : 100, truth ? wrongFeedback : rightFeedback)), general, html, false);
    } else if ("numerical".equals(type)) {
      var choices = numerical(trimmed.substring(1), answersLine, problems);
      if (choices == null) {
        return List.of();
      }
      q = new Question("", category, name, questionText, QuestionKind.NUMERICAL, choices, general, html, false);
    } else {
      var choices = new ArrayList<Choice>();
      int lineOfBody = answersLine;
      List<int[]> starts = starts(body);
      if (starts.isEmpty() || !body.substring(0, starts.get(0)[0]).isBlank()) {
        int at = starts.isEmpty() ? body.length() : starts.get(0)[0];
        problems.add(new QuestionProblem(lineOfBody, QuestionProblem.Kind.TEXT_BEFORE_CHOICES, excerpt(body.substring(0, at).strip())));
        return List.of();
      }
      boolean weighted = false;
      int weightProblems = 0;
      for (int k = 0; k < starts.size(); k++) {
        int st = starts.get(k)[0];
        int end = k + 1 < starts.size() ? starts.get(k + 1)[0] : body.length();
        String raw = body.substring(st + 1, end);
        int choiceLine = answersLine + count(body, '\n', 0, st);
        if (matching) {
          int arrow = indexOfUnescaped(raw, "->", 0);
          if (arrow < 0) {
            problems.add(new QuestionProblem(choiceLine, QuestionProblem.Kind.EMPTY_CHOICE, excerpt(raw)));
            weightProblems++;
            continue;
          }
          choices.add(new Choice(text.apply(raw.substring(0, arrow)), 0, "", unescape(raw.substring(arrow + 2)).strip(), 0));
          continue;
        }
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
        // A short answer is compared with what the learner types: never markup.
        String choiceText = "shortanswer".equals(type) ? unescape(tf2[0]).strip() : text.apply(tf2[0]);
        String feedback = tf2.length > 1 ? text.apply(tf2[1]) : "";
        if (use == Question.Use.SURVEY) {
          weight = 0;
        }
        choices.add(new Choice(choiceText, weight, feedback));
      }
      if (weightProblems > 0) {
        return List.of();
      }
      QuestionKind kind;
      if (matching) {
        kind = QuestionKind.MATCHING;
      } else if ("shortanswer".equals(type)) {
        kind = QuestionKind.SHORT_ANSWER;
      } else {
        long right = choices.stream().filter(Choice::right).count();
        boolean multiple = use == Question.Use.QUIZ
            && (right > 1 || (weighted && choices.stream().anyMatch(c -> c.weight() > 0 && c.weight() < 100)));
        kind = multiple ? QuestionKind.MULTIPLE : QuestionKind.SINGLE;
      }
      q = new Question("", category, name, questionText, kind, choices, general, html, false);
    }
    var found = q.problems(use, answersLine);
    if (!found.isEmpty()) {
      problems.addAll(found);
      return List.of();
    }
    return List.of(q);
  }

  /** Where each answer of an answer block starts (an unescaped = or ~), with which sign. */
  private static List<int[]> starts(String body) {
    List<int[]> starts = new ArrayList<>();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '=' || c == '~') {
        starts.add(new int[] {i, c});
      }
    }
    return starts;
  }

  /**
   * A numerical answer block after its "#": {@code 3.14:0.01}, {@code 3.1..3.2}
   * (the middle, with half the width as tolerance), or several answers
   * {@code =%50%3.1:0.1#feedback}. Null after adding a problem.
   */
  private static List<Choice> numerical(String body, int line, List<QuestionProblem> problems) {
    var choices = new ArrayList<Choice>();
    List<int[]> starts = starts(body);
    List<String> parts = new ArrayList<>();
    List<Character> signs = new ArrayList<>();
    if (starts.isEmpty()) {
      parts.add(body);
      signs.add('=');
    } else {
      for (int k = 0; k < starts.size(); k++) {
        int end = k + 1 < starts.size() ? starts.get(k + 1)[0] : body.length();
        parts.add(body.substring(starts.get(k)[0] + 1, end));
        signs.add((char) starts.get(k)[1]);
      }
    }
    for (int k = 0; k < parts.size(); k++) {
      String rest = parts.get(k).strip();
      double weight = signs.get(k) == '=' ? 100 : 0;
      try {
        if (rest.startsWith("%")) {
          int pe = rest.indexOf('%', 1);
          weight = Double.parseDouble(rest.substring(1, pe).strip());
          rest = rest.substring(pe + 1);
        }
        String[] tf = splitUnescaped(rest, '#');
        String value = unescape(tf[0]).strip();
        String feedback = tf.length > 1 ? unescape(tf[1]).strip() : "";
        java.math.BigDecimal answer;
        java.math.BigDecimal tolerance = java.math.BigDecimal.ZERO;
        int range = value.indexOf("..");
        int colon = value.indexOf(':');
        if (range > 0) {
          var min = new java.math.BigDecimal(value.substring(0, range).strip());
          var max = new java.math.BigDecimal(value.substring(range + 2).strip());
          answer = min.add(max).divide(java.math.BigDecimal.valueOf(2));
          tolerance = max.subtract(min).abs().divide(java.math.BigDecimal.valueOf(2));
        } else if (colon > 0) {
          answer = new java.math.BigDecimal(value.substring(0, colon).strip());
          tolerance = new java.math.BigDecimal(value.substring(colon + 1).strip());
        } else {
          answer = new java.math.BigDecimal(value);
        }
        choices.add(new Choice(answer.stripTrailingZeros().toPlainString(), weight, feedback, "", tolerance.doubleValue()));
      } catch (RuntimeException e) {
        problems.add(new QuestionProblem(line, QuestionProblem.Kind.BAD_WEIGHT, excerpt(rest)));
        return null;
      }
    }
    return choices;
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

  static String unescape(String raw) {
    // A GIFT question may run over several lines: they join with a space; an escaped \n is a line break.
    String s = raw.replaceAll("[ \\t]*\\n[ \\t]*", " ").replaceAll("[ \\t]{2,}", " ");
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
    return b.toString();
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
    if (q.html()) {
      b.append("[html]");
    }
    b.append(escape(q.text()));
    if (q.kind() == QuestionKind.DESCRIPTION) {
      return b.toString();
    }
    b.append(" {");
    switch (q.kind()) {
      case TRUE_FALSE -> {
        boolean truth = q.choices().get(0).right();
        Choice right = truth ? q.choices().get(0) : q.choices().get(1);
        Choice wrong = truth ? q.choices().get(1) : q.choices().get(0);
        b.append(truth ? "TRUE" : "FALSE");
        if (!wrong.feedback().isBlank() || !right.feedback().isBlank()) {
          b.append('#').append(escape(wrong.feedback())).append('#').append(escape(right.feedback()));
        }
      }
      case MATCHING -> {
        for (Choice c : q.choices()) {
          b.append("\n  =").append(escape(c.text())).append(" -> ").append(escape(c.match()));
        }
        b.append('\n');
      }
      case NUMERICAL -> {
        b.append('#');
        for (Choice c : q.choices()) {
          b.append("\n  =");
          if (c.weight() != 100) {
            b.append('%').append(number(c.weight())).append('%');
          }
          b.append(c.text()).append(':').append(number(c.tolerance()));
          if (!c.feedback().isBlank()) {
            b.append('#').append(escape(c.feedback()));
          }
        }
        b.append('\n');
      }
      default -> {
        for (Choice c : q.choices()) {
          b.append("\n  ");
          if (q.kind() == QuestionKind.SHORT_ANSWER) {
            b.append(c.weight() == 100 ? "=" : "=%" + number(c.weight()) + "%");
          } else if (q.kind() == QuestionKind.SINGLE && c.weight() == 100) {
            b.append('=');
          } else if (q.kind() == QuestionKind.SINGLE && c.weight() == 0) {
            b.append('~');
          } else {
            b.append("~%").append(number(c.weight())).append('%');
          }
          b.append(escape(c.text()));
          if (!c.feedback().isBlank()) {
            b.append('#').append(escape(c.feedback()));
          }
        }
        b.append('\n');
      }
    }
    if (!q.generalFeedback().isBlank()) {
      b.append("####").append(escape(q.generalFeedback()));
    }
    return b.append('}').toString();
  }

  /**
   * A whole bank as a GIFT file Moodle imports: each category under its
   * {@code $CATEGORY:} line, questions separated by blank lines.
   */
  public static String writeAll(List<Question> questions) {
    var b = new StringBuilder("// BDTX — ngân hàng câu hỏi (GIFT)\n\n");
    String category = null;
    for (Question q : questions) {
      if (!q.category().equals(category)) {
        category = q.category();
        b.append("$CATEGORY: $course$/top/").append(category.replace("/", "//")).append("\n\n");
      }
      b.append(write(q)).append("\n\n");
    }
    return b.toString();
  }

  static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d)
        : java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("~", "\\~").replace("=", "\\=").replace("#", "\\#")
        .replace("{", "\\{").replace("}", "\\}").replace(":", "\\:").replace("\n", "\\n");
  }
}
