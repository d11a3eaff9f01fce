package vn.bdtx.domain.content;

import java.util.List;

/**
 * A question file read: the questions that are right and the problems of the
 * others. An import writes nothing unless {@link #ok()}.
 */
public record QuestionFile(List<Question> questions, List<QuestionProblem> problems) {

  public QuestionFile {
    questions = List.copyOf(questions);
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty() && !questions.isEmpty();
  }

  /** GIFT or Moodle XML, told apart by the content (an XML file starts with "<"). */
  public static QuestionFile parse(String text, String defaultCategory, Question.Use use) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    return t.stripLeading().startsWith("<")
        ? MoodleXml.parse(t, defaultCategory, use)
        : Gift.parse(t, defaultCategory, use);
  }
}
