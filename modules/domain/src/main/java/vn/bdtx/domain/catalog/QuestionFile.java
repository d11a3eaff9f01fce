package vn.bdtx.domain.catalog;

import java.util.List;
import java.util.Map;

/**
 * A question file read: the questions that are right, the problems of the
 * others, the questions skipped because the quiz engine does not take their
 * type (essay, calculated, drag and drop, cloze …: named so the lecturer finds
 * them), and the images the file embeds (Moodle XML {@code <file>}, by name). An
 * import writes nothing unless {@link #ok()}; skipped questions do not stop it.
 */
public record QuestionFile(List<Question> questions, List<QuestionProblem> problems, List<Skipped> skipped,
                           Map<String, byte[]> images) {

  /** A question left out: where, Moodle's type name, its name and its first words. */
  public record Skipped(int line, String type, String name, String firstWords) {

    /** What a page calls a type it cannot name. */
    public static final String OTHER = "other";

    /** Moodle's types a page can name ({@code catalog.questions.type.<type>}); any other (a plugin's) is {@link #OTHER}. */
    public static final java.util.Set<String> NAMED = java.util.Set.of("essay", "calculated", "calculatedsimple", "calculatedmulti",
        "ddwtos", "ddimageortext", "ddmarker", "gapselect", "cloze", "multianswer", "randomsamatch", "ordering",
        "description", "shortanswer", "numerical", "matching");

    public Skipped {
      type = type != null && NAMED.contains(type) ? type : OTHER;
    }
  }

  public QuestionFile {
    questions = List.copyOf(questions);
    problems = List.copyOf(problems);
    skipped = List.copyOf(skipped);
    images = Map.copyOf(images);
  }

  public QuestionFile(List<Question> questions, List<QuestionProblem> problems) {
    this(questions, problems, List.of(), Map.of());
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

  /** The first words of a text, tags removed: how a skipped question is named. */
  static String firstWords(String text, boolean html) {
    String t = Markup.plain(text, html).replaceAll("\\s+", " ").strip();
    return t.length() <= 60 ? t : t.substring(0, 59) + "…";
  }
}
