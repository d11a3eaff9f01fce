package vn.bdtx.domain.catalog;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one course folder of content/courses (format in content/README.md) from
 * its files' text, handed over by the caller: course.txt, lectures/*.md with a
 * front matter, the lesson quizzes and survey in GIFT or Moodle XML,
 * assignment/brief.md and assignment/rubric.txt. Any problem is reported as
 * file:line and the whole course is skipped, so learners never get half a course;
 * other courses still load.
 */
public final class CourseFolder {

  public static final String MANIFEST = "course.txt";
  public static final String SURVEY = "survey.gift";
  public static final String BRIEF = "assignment/brief.md";
  public static final String RUBRIC = "assignment/rubric.txt";

  private CourseFolder() {
  }

  /** What course.txt says: the module, level, subject and title. */
  public record Manifest(String moduleCode, CourseLevel level, String subject, String title, String samplePath) {
  }

  public record FileProblem(String file, int line, String problem, String detail) {
    @Override
    public String toString() {
      return file + ":" + line + " " + problem + (detail.isBlank() ? "" : " " + detail);
    }
  }

  /** The course read, media named by their path in the folder (the caller stores them and fills in the hash). */
  public record Result(Manifest manifest, CourseContent content, List<FileProblem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * @param files       every text file of the folder by its path relative to the folder ("lectures/01-gioi-thieu.md")
   * @param otherFiles  every other file (media) by relative path
   * @param moduleCodes the catalogue's module codes
   */
  public static Result read(Map<String, String> files, Set<String> otherFiles, Set<String> moduleCodes) {
    var problems = new ArrayList<FileProblem>();
    Manifest manifest = manifest(files.get(MANIFEST), moduleCodes, otherFiles, problems);
    CourseContent content = CourseContent.EMPTY;
    List<String> lectureFiles = files.keySet().stream()
        .filter(f -> f.startsWith("lectures/") && f.endsWith(".md")).sorted().toList();
    if (lectureFiles.isEmpty()) {
      problems.add(new FileProblem("lectures/", 0, "NO_LECTURES", ""));
    }
    int n = 0;
    for (String file : lectureFiles) {
      n++;
      var front = frontMatter(files.get(file));
      if (front.isEmpty()) {
        problems.add(new FileProblem(file, 1, "NO_FRONT_MATTER", "---"));
        continue;
      }
      Map<String, Line> keys = front.get().keys();
      String title = value(keys, "tieu_de");
      if (title.isBlank()) {
        problems.add(new FileProblem(file, 1, "NO_TITLE", "tieu_de"));
      }
      Media media = null;
      String mediaPath = value(keys, "media");
      if (!mediaPath.isBlank()) {
        if (otherFiles.contains(mediaPath)) {
          media = new Media(null, "", 0, mediaPath);
        } else {
          problems.add(new FileProblem(file, keys.get("media").number(), "MEDIA_MISSING", mediaPath));
        }
      }
      String category = "";
      String quizPath = value(keys, "cau_hoi");
      if (!quizPath.isBlank()) {
        category = "Câu hỏi bài " + n;
        String quiz = files.get(quizPath);
        if (quiz == null) {
          problems.add(new FileProblem(file, keys.get("cau_hoi").number(), "QUIZ_MISSING", quizPath));
        } else {
          String c = category;
          var parsed = QuestionFile.parse(quiz, category, Question.Use.QUIZ);
          parsed.problems().forEach(p -> problems.add(new FileProblem(quizPath, p.line(), p.kind().name(), p.detail())));
          // A course folder is written for BDTX: a question it cannot take is a mistake to fix, not to skip quietly.
          parsed.skipped().forEach(k -> problems.add(new FileProblem(quizPath, k.line(), "UNSUPPORTED_TYPE", k.type() + " " + k.firstWords())));
          content = content.addQuestions(parsed.questions().stream().map(q -> q.inCategory(c)).toList());
        }
      }
      content = content.addLecture(title, front.get().body(), media, category);
    }
    String survey = files.get(SURVEY);
    if (survey == null) {
      problems.add(new FileProblem(SURVEY, 0, "MISSING", ""));
    } else {
      var parsed = QuestionFile.parse(survey, CourseContent.SURVEY_CATEGORY, Question.Use.SURVEY);
      parsed.problems().forEach(p -> problems.add(new FileProblem(SURVEY, p.line(), p.kind().name(), p.detail())));
      parsed.skipped().forEach(k -> problems.add(new FileProblem(SURVEY, k.line(), "UNSUPPORTED_TYPE", k.type() + " " + k.firstWords())));
      content = content.addQuestions(parsed.questions().stream().map(q -> q.inCategory(CourseContent.SURVEY_CATEGORY)).toList());
    }
    String brief = files.get(BRIEF);
    String rubricText = files.get(RUBRIC);
    if (brief == null || brief.isBlank()) {
      problems.add(new FileProblem(BRIEF, 0, "MISSING", ""));
    }
    Rubric rubric = Rubric.EMPTY;
    if (rubricText == null) {
      problems.add(new FileProblem(RUBRIC, 0, "MISSING", ""));
    } else {
      var parsed = Rubric.parse(rubricText);
      parsed.problems().forEach(p -> problems.add(new FileProblem(RUBRIC, p.line(), p.problem().name(), p.value())));
      rubric = parsed.rubric();
    }
    Media sample = manifest == null || manifest.samplePath().isBlank() ? null : new Media(null, "", 0, manifest.samplePath());
    content = content.withAssignment(new FinalAssignment(brief == null ? "" : nfc(brief).strip(), rubric, sample));
    return new Result(manifest, content, problems);
  }

  private record Line(int number, String value) {
  }

  private record Front(Map<String, Line> keys, String body) {
  }

  private static String value(Map<String, Line> keys, String key) {
    Line l = keys.get(key);
    return l == null ? "" : l.value();
  }

  private static Manifest manifest(String text, Set<String> moduleCodes, Set<String> otherFiles, List<FileProblem> problems) {
    if (text == null) {
      problems.add(new FileProblem(MANIFEST, 0, "MISSING", ""));
      return null;
    }
    Map<String, Line> keys = keyValues(nfc(text).replace("\r\n", "\n").split("\n", -1), 0, problems, MANIFEST);
    String module = value(keys, "mo_dun");
    int before = problems.size();
    if (!moduleCodes.contains(module)) {
      problems.add(new FileProblem(MANIFEST, lineOf(keys, "mo_dun"), "UNKNOWN_MODULE", module));
    }
    Optional<CourseLevel> level = CourseLevel.parse(value(keys, "cap_hoc"));
    if (level.isEmpty()) {
      problems.add(new FileProblem(MANIFEST, lineOf(keys, "cap_hoc"), "BAD_LEVEL", value(keys, "cap_hoc")));
    }
    for (String required : List.of("mon", "ten")) {
      if (value(keys, required).isBlank()) {
        problems.add(new FileProblem(MANIFEST, lineOf(keys, required), "MISSING_VALUE", required));
      }
    }
    String sample = value(keys, "san_pham_mau");
    if (!sample.isBlank() && !otherFiles.contains(sample)) {
      problems.add(new FileProblem(MANIFEST, lineOf(keys, "san_pham_mau"), "MEDIA_MISSING", sample));
    }
    if (problems.size() > before) {
      return null;
    }
    return new Manifest(module, level.get(), value(keys, "mon"), value(keys, "ten"), sample);
  }

  private static int lineOf(Map<String, Line> keys, String key) {
    Line l = keys.get(key);
    return l == null ? 1 : l.number();
  }

  private static Map<String, Line> keyValues(String[] lines, int offset, List<FileProblem> problems, String file) {
    Map<String, Line> keys = new LinkedHashMap<>();
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int colon = l.indexOf(':');
      if (colon <= 0) {
        problems.add(new FileProblem(file, offset + i + 1, "NOT_KEY_VALUE", l));
        continue;
      }
      keys.put(l.substring(0, colon).strip(), new Line(offset + i + 1, l.substring(colon + 1).strip()));
    }
    return keys;
  }

  /** "---", key: value lines, "---", then the Markdown body. */
  private static Optional<Front> frontMatter(String text) {
    String[] lines = nfc(text).replace("\r\n", "\n").split("\n", -1);
    if (lines.length == 0 || !lines[0].strip().equals("---")) {
      return Optional.empty();
    }
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].strip().equals("---")) {
        var ignored = new ArrayList<FileProblem>();
        String[] head = java.util.Arrays.copyOfRange(lines, 1, i);
        Map<String, Line> keys = keyValues(head, 1, ignored, "");
        String body = String.join("\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length)).strip();
        return Optional.of(new Front(keys, body));
      }
    }
    return Optional.empty();
  }

  private static String nfc(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFC);
  }
}
