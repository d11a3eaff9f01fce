package vn.bdtx.domain.content;

import java.io.StringReader;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads Moodle XML question exports: {@code <question type="multichoice|truefalse|category">}
 * with name, questiontext, generalfeedback, {@code <single>}, and answers with a
 * {@code fraction} and feedback. HTML in texts is reduced to plain text. Other
 * question types are reported at the line their {@code <question>} starts on.
 * DOCTYPEs are refused (no external entities are ever fetched).
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
    if (handler.questions.isEmpty() && handler.problems.isEmpty()) {
      handler.problems.add(new QuestionProblem(1, QuestionProblem.Kind.EMPTY_FILE, ""));
    }
    return new QuestionFile(handler.questions, handler.problems);
  }

  static String plain(String html) {
    String s = html.replaceAll("(?i)<br\\s*/?>|</p>", " ").replaceAll("<[^>]+>", "")
        .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    return Normalizer.normalize(s, Normalizer.Form.NFC).replaceAll("\\s+", " ").strip();
  }

  private static final class Handler extends DefaultHandler {
    final List<Question> questions = new ArrayList<>();
    final List<QuestionProblem> problems = new ArrayList<>();
    final Question.Use use;
    String category;
    Locator locator;
    final Deque<String> path = new ArrayDeque<>();
    final StringBuilder chars = new StringBuilder();
    // the question being read
    String type;
    int line;
    String name;
    String questionText;
    String general;
    String defaultGrade;
    boolean single;
    List<double[]> fractions;
    List<String> answerTexts;
    List<String> answerFeedback;
    boolean badFraction;

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
      chars.setLength(0);
      if (qName.equals("question")) {
        type = atts.getValue("type") == null ? "" : atts.getValue("type");
        line = locator == null ? 1 : locator.getLineNumber();
        name = "";
        questionText = "";
        general = "";
        defaultGrade = "";
        single = true;
        fractions = new ArrayList<>();
        answerTexts = new ArrayList<>();
        answerFeedback = new ArrayList<>();
        badFraction = false;
      } else if (qName.equals("answer") && type != null) {
        double f;
        try {
          f = Double.parseDouble(atts.getValue("fraction") == null ? "0" : atts.getValue("fraction"));
        } catch (NumberFormatException e) {
          problems.add(new QuestionProblem(locator == null ? line : locator.getLineNumber(), QuestionProblem.Kind.BAD_WEIGHT,
              atts.getValue("fraction")));
          badFraction = true;
          f = 0;
        }
        fractions.add(new double[] {f});
        answerTexts.add("");
        answerFeedback.add("");
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      chars.append(ch, start, length);
    }

    @Override
    public void endElement(String uri, String local, String qName) {
      path.pop();
      String parent = path.peek();
      String value = chars.toString();
      chars.setLength(0);
      if (type == null) {
        return;
      }
      if (qName.equals("text") && parent != null) {
        String grand = path.size() > 1 ? path.toArray(new String[0])[1] : "";
        switch (parent) {
          case "name" -> name = plain(value);
          case "questiontext" -> questionText = plain(value);
          case "generalfeedback" -> general = plain(value);
          case "category" -> category = Gift.lastSegment(plain(value));
          case "answer" -> answerTexts.set(answerTexts.size() - 1, plain(value));
          case "feedback" -> {
            if ("answer".equals(grand)) {
              answerFeedback.set(answerFeedback.size() - 1, plain(value));
            }
          }
          default -> { }
        }
      } else if (qName.equals("defaultgrade") && "question".equals(parent)) {
        defaultGrade = value.strip();
      } else if (qName.equals("single") && "question".equals(parent)) {
        single = !value.strip().equalsIgnoreCase("false") && !value.strip().equals("0");
      } else if (qName.equals("question")) {
        finish();
        type = null;
      }
    }

    private void finish() {
      if (type.equals("category")) {
        return;
      }
      if (!type.equals("multichoice") && !type.equals("truefalse")) {
        problems.add(new QuestionProblem(line, QuestionProblem.Kind.UNSUPPORTED_TYPE, type));
        return;
      }
      if (badFraction) {
        return;
      }
      var choices = new ArrayList<Choice>();
      for (int i = 0; i < answerTexts.size(); i++) {
        String t = answerTexts.get(i);
        if (type.equals("truefalse")) {
          t = t.equalsIgnoreCase("true") ? "Đúng" : t.equalsIgnoreCase("false") ? "Sai" : t;
        }
        choices.add(new Choice(t, use == Question.Use.SURVEY ? 0 : fractions.get(i)[0], answerFeedback.get(i)));
      }
      QuestionKind kind = type.equals("truefalse") ? QuestionKind.TRUE_FALSE : single ? QuestionKind.SINGLE : QuestionKind.MULTIPLE;
      BigDecimal mark;
      try {
        mark = defaultGrade.isEmpty() ? BigDecimal.ONE : new BigDecimal(defaultGrade);
      } catch (NumberFormatException e) {
        problems.add(new QuestionProblem(line, QuestionProblem.Kind.BAD_MARK, defaultGrade));
        return;
      }
      var q = new Question("", category, name, questionText, kind, choices, general, mark);
      var found = q.problems(use, line);
      if (found.isEmpty()) {
        questions.add(q);
      } else {
        problems.addAll(found);
      }
    }
  }
}
