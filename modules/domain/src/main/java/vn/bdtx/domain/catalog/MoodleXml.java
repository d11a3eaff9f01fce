package vn.bdtx.domain.catalog;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads and writes Moodle XML question files ({@code <quiz>} of {@code <question type="…">}):
 * category, multichoice, truefalse, shortanswer, numerical, matching and
 * description. Texts in {@code format="html"} keep their markup through
 * {@link Markup}'s allow-list; other formats are plain text with their line
 * breaks. Images embedded as {@code <file name="…" encoding="base64">} are
 * returned by name with the file read; the texts keep their
 * {@code @@PLUGINFILE@@/name} for the app to point at the course's media. Other
 * types (essay, calculated, drag and drop, cloze …) are skipped by name and first
 * words; the rest of the file is read. DOCTYPEs are refused (no external
 * entities are ever fetched).
 */
public final class MoodleXml {

  private MoodleXml() {
  }

  public static QuestionFile parse(String text, String defaultCategory, Question.Use use) {
    var handler = new Handler(defaultCategory, use);
    try {
      SAXParserFactory factory = SAXParserFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.newSAXParser().parse(new InputSource(new StringReader(text)), handler);
    } catch (SAXParseException e) {
      handler.problems.add(new QuestionProblem(Math.max(1, e.getLineNumber()), QuestionProblem.Kind.BAD_XML, e.getMessage()));
      return new QuestionFile(List.of(), handler.problems);
    } catch (Exception e) {
      handler.problems.add(new QuestionProblem(1, QuestionProblem.Kind.BAD_XML, String.valueOf(e.getMessage())));
      return new QuestionFile(List.of(), handler.problems);
    }
    if (handler.questions.isEmpty() && handler.problems.isEmpty() && handler.skipped.isEmpty()) {
      handler.problems.add(new QuestionProblem(1, QuestionProblem.Kind.EMPTY_FILE, ""));
    }
    return new QuestionFile(handler.questions, handler.problems, handler.skipped, handler.images);
  }

  static String plain(String html) {
    String s = html.replaceAll("(?i)<br\\s*/?>|</p>", " ").replaceAll("<[^>]+>", "")
        .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    return Normalizer.normalize(s, Normalizer.Form.NFC).replaceAll("\\s+", " ").strip();
  }

  private static String nfc(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFC);
  }

  /** A text element read: its value and format. */
  private record Text(String value, String format) {
    boolean html() {
      return format.equals("html");
    }
  }

  private static final class Answer {
    double fraction;
    Text text = new Text("", "");
    Text feedback = new Text("", "");
    double tolerance;
  }

  private static final class Handler extends DefaultHandler {
    final List<Question> questions = new ArrayList<>();
    final List<QuestionProblem> problems = new ArrayList<>();
    final List<QuestionFile.Skipped> skipped = new ArrayList<>();
    final Map<String, byte[]> images = new LinkedHashMap<>();
    final Question.Use use;
    String category;
    Locator locator;
    final Deque<String> path = new ArrayDeque<>();
    final Deque<String> formats = new ArrayDeque<>();
    final StringBuilder chars = new StringBuilder();
    // the question being read
    String type;
    int line;
    String name;
    Text questionText;
    Text general;
    String defaultGrade;
    boolean single;
    boolean caseSensitive;
    List<Answer> answers;
    List<Answer> subquestions;
    boolean inSubquestion;
    boolean badFraction;
    String fileName;

    Handler(String category, Question.Use use) {
      this.category = category;
      this.use = use;
    }

    @Override
    public void setDocumentLocator(Locator locator) {
      this.locator = locator;
    }

    @Override
    public void startElement(String uri, String local, String qName, Attributes atts) {
      path.push(qName);
      formats.push(atts.getValue("format") == null ? (formats.isEmpty() ? "" : formats.peek()) : atts.getValue("format"));
      chars.setLength(0);
      if (qName.equals("question")) {
        type = atts.getValue("type") == null ? "" : atts.getValue("type");
        line = locator == null ? 1 : locator.getLineNumber();
        name = "";
        questionText = new Text("", "");
        general = new Text("", "");
        defaultGrade = "";
        single = true;
        caseSensitive = false;
        answers = new ArrayList<>();
        subquestions = new ArrayList<>();
        inSubquestion = false;
        badFraction = false;
      } else if (type == null) {
        return;
      } else if (qName.equals("subquestion")) {
        inSubquestion = true;
        subquestions.add(new Answer());
      } else if (qName.equals("answer") && !inSubquestion) {
        var a = new Answer();
        try {
          a.fraction = Double.parseDouble(atts.getValue("fraction") == null ? "0" : atts.getValue("fraction"));
        } catch (NumberFormatException e) {
          problems.add(new QuestionProblem(locator == null ? line : locator.getLineNumber(), QuestionProblem.Kind.BAD_WEIGHT,
              atts.getValue("fraction")));
          badFraction = true;
        }
        answers.add(a);
      } else if (qName.equals("file")) {
        fileName = atts.getValue("name");
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      chars.append(ch, start, length);
    }

    @Override
    public void endElement(String uri, String local, String qName) {
      path.pop();
      String format = formats.pop();
      String parent = path.peek();
      String value = chars.toString();
      chars.setLength(0);
      if (type == null) {
        return;
      }
      String grand = path.size() > 1 ? path.toArray(new String[0])[1] : "";
      if (qName.equals("text") && parent != null) {
        var t = new Text(nfc(value.strip()), format);
        switch (parent) {
          case "name" -> name = plain(value);
          case "questiontext" -> questionText = t;
          case "generalfeedback" -> general = t;
          case "category" -> category = Gift.lastSegment(plain(value));
          case "subquestion" -> subquestions.get(subquestions.size() - 1).text = t;
          case "answer" -> {
            if (inSubquestion) {
              subquestions.get(subquestions.size() - 1).feedback = t;
            } else if (!answers.isEmpty()) {
              answers.get(answers.size() - 1).text = t;
            }
          }
          case "feedback" -> {
            if ("answer".equals(grand) && !answers.isEmpty()) {
              answers.get(answers.size() - 1).feedback = t;
            }
          }
          default -> { }
        }
      } else if (qName.equals("defaultgrade") && "question".equals(parent)) {
        defaultGrade = value.strip();
      } else if (qName.equals("file") && fileName != null) {
        try {
          images.put(fileName, Base64.getMimeDecoder().decode(value.strip()));
        } catch (IllegalArgumentException e) {
          problems.add(new QuestionProblem(locator == null ? line : locator.getLineNumber(), QuestionProblem.Kind.BAD_XML, fileName));
        }
        fileName = null;
      } else if (qName.equals("tolerance") && "answer".equals(parent) && !answers.isEmpty()) {
        try {
          answers.get(answers.size() - 1).tolerance = Math.abs(Double.parseDouble(value.strip()));
        } catch (NumberFormatException e) {
          problems.add(new QuestionProblem(locator == null ? line : locator.getLineNumber(), QuestionProblem.Kind.BAD_WEIGHT, value));
          badFraction = true;
        }
      } else if (qName.equals("single") && "question".equals(parent)) {
        single = !value.strip().equalsIgnoreCase("false") && !value.strip().equals("0");
      } else if (qName.equals("usecase") && "question".equals(parent)) {
        caseSensitive = value.strip().equals("1");
      } else if (qName.equals("subquestion")) {
        inSubquestion = false;
      } else if (qName.equals("question")) {
        finish();
        type = null;
      }
    }

    private void finish() {
      if (type.equals("category")) {
        return;
      }
      boolean html = questionText.html();
      QuestionKind kind = switch (type) {
        case "multichoice" -> single ? QuestionKind.SINGLE : QuestionKind.MULTIPLE;
        case "truefalse" -> QuestionKind.TRUE_FALSE;
        case "shortanswer" -> QuestionKind.SHORT_ANSWER;
        case "numerical" -> QuestionKind.NUMERICAL;
        case "matching" -> QuestionKind.MATCHING;
        case "description" -> QuestionKind.DESCRIPTION;
        default -> null;
      };
      if (kind == null || (use == Question.Use.SURVEY && !kind.choosing())) {
        skipped.add(new QuestionFile.Skipped(line, type, name, QuestionFile.firstWords(questionText.value(), html)));
        return;
      }
      if (badFraction) {
        return;
      }
      var choices = new ArrayList<Choice>();
      if (kind == QuestionKind.MATCHING) {
        for (Answer s : subquestions) {
          choices.add(new Choice(shown(s.text, html), 0, "", plain(s.feedback.value()), 0));
        }
      } else {
        for (Answer a : answers) {
          String t;
          if (kind == QuestionKind.TRUE_FALSE) {
            String v = plain(a.text.value());
            t = v.equalsIgnoreCase("true") ? "Đúng" : v.equalsIgnoreCase("false") ? "Sai" : shown(a.text, html);
          } else if (kind == QuestionKind.SHORT_ANSWER || kind == QuestionKind.NUMERICAL) {
            t = a.text.html() ? plain(a.text.value()) : a.text.value().strip();
          } else {
            t = shown(a.text, html);
          }
          choices.add(new Choice(t, use == Question.Use.SURVEY ? 0 : a.fraction, shown(a.feedback, html), "", a.tolerance));
        }
      }
      BigDecimal mark;
      try {
        mark = defaultGrade.isEmpty() ? BigDecimal.ONE : new BigDecimal(defaultGrade);
      } catch (NumberFormatException e) {
        problems.add(new QuestionProblem(line, QuestionProblem.Kind.BAD_MARK, defaultGrade));
        return;
      }
      var q = new Question("", category, name, shown(questionText, html), kind, choices, shown(general, html), html, caseSensitive,
          kind == QuestionKind.DESCRIPTION ? BigDecimal.ZERO : mark);
      var found = q.problems(use, line);
      if (found.isEmpty()) {
        questions.add(q);
      } else {
        problems.addAll(found);
      }
    }

    /** A text as the question keeps it: cleaned HTML in an HTML question (plain parts escaped), else plain. */
    private static String shown(Text t, boolean html) {
      if (html) {
        return t.html() ? Markup.clean(t.value()) : Markup.escape(t.value());
      }
      return t.html() ? plain(t.value()) : t.value().strip();
    }
  }

  // ---------------------------------------------------------------- writing

  private static final Pattern IMG = Pattern.compile("src=\"([^\"]+)\"");

  /**
   * The questions as Moodle XML with the structure of Moodle's own export: a
   * category question before each category's questions, then per type the
   * elements Moodle writes. {@code image} gives the bytes of an image source a
   * text names (null when it has none): each is embedded as a base64
   * {@code <file>} and the source becomes {@code @@PLUGINFILE@@/name}.
   */
  public static String write(List<Question> questions, Function<String, byte[]> image) {
    var b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    String category = null;
    int n = 0;
    for (Question q : questions) {
      if (!q.category().equals(category)) {
        category = q.category();
        b.append("<!-- question: 0  -->\n  <question type=\"category\">\n    <category>\n      <text>")
            .append(escape("$course$/top/" + category)).append("</text>\n    </category>\n")
            .append("    <info format=\"moodle_auto_format\">\n      <text></text>\n    </info>\n")
            .append("    <idnumber></idnumber>\n  </question>\n\n");
      }
      n++;
      b.append("<!-- question: ").append(n).append("  -->\n");
      b.append("  <question type=\"").append(type(q.kind())).append("\">\n");
      b.append("    <name>\n      <text>").append(escape(q.name().isBlank() ? q.label() : q.name())).append("</text>\n    </name>\n");
      text(b, "    ", "questiontext", q.text(), q.html(), image);
      text(b, "    ", "generalfeedback", q.generalFeedback(), q.html(), image);
      boolean description = q.kind() == QuestionKind.DESCRIPTION;
      b.append("    <defaultgrade>").append(description ? "0.0000000" : q.mark().setScale(7, RoundingMode.HALF_UP).toPlainString()).append("</defaultgrade>\n");
      b.append("    <penalty>").append(description || q.kind() == QuestionKind.TRUE_FALSE ? "0.0000000"
          : q.kind() == QuestionKind.SINGLE || q.kind() == QuestionKind.MULTIPLE || q.kind() == QuestionKind.MATCHING ? "0.3333333"
          : "0.3333333").append("</penalty>\n");
      b.append("    <hidden>0</hidden>\n    <idnumber></idnumber>\n");
      switch (q.kind()) {
        case SINGLE, MULTIPLE -> {
          b.append("    <single>").append(q.kind() == QuestionKind.SINGLE).append("</single>\n");
          b.append("    <shuffleanswers>true</shuffleanswers>\n    <answernumbering>abc</answernumbering>\n");
          b.append("    <showstandardinstruction>0</showstandardinstruction>\n");
          combinedFeedback(b);
          for (Choice c : q.choices()) {
            answer(b, c, q.html(), image, c.text(), q.html());
          }
        }
        case TRUE_FALSE -> {
          for (Choice c : q.choices()) {
            String t = c.text().equals("Đúng") ? "true" : c.text().equals("Sai") ? "false" : c.text();
            answer(b, c, q.html(), image, t, false);
          }
        }
        case SHORT_ANSWER -> {
          b.append("    <usecase>").append(q.caseSensitive() ? 1 : 0).append("</usecase>\n");
          for (Choice c : q.choices()) {
            answer(b, c, q.html(), image, c.text(), false);
          }
        }
        case NUMERICAL -> {
          for (Choice c : q.choices()) {
            b.append("    <answer fraction=\"").append(fraction(c.weight())).append("\" format=\"moodle_auto_format\">\n");
            b.append("      <text>").append(escape(c.text())).append("</text>\n");
            text(b, "      ", "feedback", c.feedback(), q.html(), image);
            b.append("      <tolerance>").append(Gift.number(c.tolerance())).append("</tolerance>\n    </answer>\n");
          }
          b.append("    <unitgradingtype>0</unitgradingtype>\n    <unitpenalty>0.1000000</unitpenalty>\n")
              .append("    <showunits>3</showunits>\n    <unitsleft>0</unitsleft>\n");
        }
        case MATCHING -> {
          b.append("    <shuffleanswers>true</shuffleanswers>\n");
          combinedFeedback(b);
          for (Choice c : q.choices()) {
            b.append("    <subquestion format=\"").append(q.html() ? "html" : "moodle_auto_format").append("\">\n");
            b.append("      <text>").append(cdata(embed(c.text(), image, null))).append("</text>\n");
            b.append("      <answer>\n        <text>").append(escape(c.match())).append("</text>\n      </answer>\n");
            b.append("    </subquestion>\n");
          }
        }
        default -> { }
      }
      b.append("  </question>\n\n");
    }
    return b.append("</quiz>\n").toString();
  }

  private static String type(QuestionKind kind) {
    return switch (kind) {
      case SINGLE, MULTIPLE -> "multichoice";
      case TRUE_FALSE -> "truefalse";
      case SHORT_ANSWER -> "shortanswer";
      case NUMERICAL -> "numerical";
      case MATCHING -> "matching";
      case DESCRIPTION -> "description";
    };
  }

  private static void combinedFeedback(StringBuilder b) {
    for (String f : List.of("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback")) {
      b.append("    <").append(f).append(" format=\"html\">\n      <text></text>\n    </").append(f).append(">\n");
    }
    b.append("    <shownumcorrect/>\n");
  }

  private static void answer(StringBuilder b, Choice c, boolean html, Function<String, byte[]> image, String text, boolean htmlText) {
    b.append("    <answer fraction=\"").append(fraction(c.weight())).append("\" format=\"")
        .append(htmlText ? "html" : "moodle_auto_format").append("\">\n");
    var files = new StringBuilder();
    b.append("      <text>").append(htmlText ? cdata(embed(text, image, files)) : escape(text)).append("</text>\n");
    b.append(files);
    text(b, "      ", "feedback", c.feedback(), html, image);
    b.append("    </answer>\n");
  }

  private static void text(StringBuilder b, String indent, String element, String value, boolean html,
                           Function<String, byte[]> image) {
    b.append(indent).append('<').append(element).append(" format=\"").append(html ? "html" : "moodle_auto_format").append("\">\n");
    var files = new StringBuilder();
    b.append(indent).append("  <text>").append(html ? cdata(embed(value, image, files)) : escape(value)).append("</text>\n");
    b.append(files.toString().replace("\n      <file", "\n" + indent + "  <file"));
    b.append(indent).append("</").append(element).append(">\n");
  }

  /** Points the text's images at @@PLUGINFILE@@ and writes each as a base64 {@code <file>} into {@code files}. */
  private static String embed(String html, Function<String, byte[]> image, StringBuilder files) {
    Matcher m = IMG.matcher(html);
    var out = new StringBuilder();
    while (m.find()) {
      String src = m.group(1).replace("&amp;", "&");
      byte[] bytes = src.startsWith(Markup.PLUGINFILE) ? null : image.apply(src);
      String replacement = m.group(0);
      if (bytes != null) {
        String fileName = src.substring(src.lastIndexOf('/') + 1);
        replacement = "src=\"" + Markup.PLUGINFILE + fileName + "\"";
        if (files != null) {
          files.append("      <file name=\"").append(escape(fileName)).append("\" path=\"/\" encoding=\"base64\">")
              .append(Base64.getEncoder().encodeToString(bytes)).append("</file>\n");
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A fraction as Moodle writes it: percent, up to seven decimals, no trailing zeros (100, 50, 33.33333, -100). */
  static String fraction(double weight) {
    return BigDecimal.valueOf(weight).setScale(7, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  private static String cdata(String s) {
    return s.isEmpty() ? "" : "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
