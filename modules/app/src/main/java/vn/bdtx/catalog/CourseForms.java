package vn.bdtx.catalog;

import org.springframework.http.codec.multipart.FilePart;

/** The fields of the lecturer's forms; anything else posted is ignored. Text is kept as typed so a refused form comes back filled. */
final class CourseForms {

  private CourseForms() {
  }

  static String clean(String s) {
    return s == null ? "" : s.strip();
  }

  /** A file input left empty arrives as a part with no name and no bytes. */
  static boolean present(FilePart part) {
    return part != null && part.filename() != null && !part.filename().isBlank();
  }

  public static class NewCourse {
    private String module = "";
    private String level = "";
    private String subject = "";
    private String title = "";

    public String getModule() { return module; }
    public void setModule(String v) { module = clean(v); }
    public String getLevel() { return level; }
    public void setLevel(String v) { level = clean(v); }
    public String getSubject() { return subject; }
    public void setSubject(String v) { subject = clean(v); }
    public String getTitle() { return title; }
    public void setTitle(String v) { title = clean(v); }
  }

  public static class LectureForm {
    @jakarta.validation.constraints.Size(min = 1, max = 200, message = "{catalog.lecture.problem.title}")
    private String title = "";
    @jakarta.validation.constraints.Size(max = 100_000, message = "{catalog.lecture.problem.body}")
    private String body = "";
    private String quizCategory = "";
    private FilePart file;
    private boolean removeMedia;
    private int revision = -1;
    private String quizQuestions = "0";
    private String quizAttempts = "3";
    private String quizMinutes = "0";
    private boolean quizShuffle = true;
    private String quizPolicy = "BEST";
    private String quizReview = "FULL";

    public String getQuizQuestions() { return quizQuestions; }
    public void setQuizQuestions(String v) { quizQuestions = clean(v); }
    public String getQuizAttempts() { return quizAttempts; }
    public void setQuizAttempts(String v) { quizAttempts = clean(v); }
    public String getQuizMinutes() { return quizMinutes; }
    public void setQuizMinutes(String v) { quizMinutes = clean(v); }
    public boolean isQuizShuffle() { return quizShuffle; }
    public void setQuizShuffle(boolean v) { quizShuffle = v; }
    public String getQuizPolicy() { return quizPolicy; }
    public void setQuizPolicy(String v) { quizPolicy = clean(v); }
    public String getQuizReview() { return quizReview; }
    public void setQuizReview(String v) { quizReview = clean(v); }

    /** Fills the quiz fields from a lecture's settings. */
    public void setQuiz(vn.bdtx.domain.catalog.QuizSettings q) {
      quizQuestions = String.valueOf(q.questions());
      quizAttempts = String.valueOf(q.attempts());
      quizMinutes = String.valueOf(q.timeLimitMinutes());
      quizShuffle = q.shuffle();
      quizPolicy = q.policy().name();
      quizReview = q.review().name();
    }

    /**
     * The quiz settings the form asks for, or the problems with them: a field
     * that is not a whole number, or a number out of range, named in Vietnamese.
     */
    public java.util.Optional<vn.bdtx.domain.catalog.QuizSettings> quiz(java.util.List<Note> problems) {
      int before = problems.size();
      int questions = whole(quizQuestions, "catalog.lecture.problem.notNumber.questions", problems);
      int attempts = whole(quizAttempts, "catalog.lecture.problem.notNumber.attempts", problems);
      int minutes = whole(quizMinutes, "catalog.lecture.problem.notNumber.minutes", problems);
      var policy = java.util.Arrays.stream(vn.bdtx.domain.catalog.QuizSettings.Policy.values())
          .filter(p -> p.name().equals(quizPolicy)).findFirst();
      var review = java.util.Arrays.stream(vn.bdtx.domain.catalog.QuizSettings.Review.values())
          .filter(r -> r.name().equals(quizReview)).findFirst();
      if (policy.isEmpty() || review.isEmpty()) {
        problems.add(Note.of("catalog.lecture.problem.quizChoice"));
      }
      // Numbers that could not be read count as 0 here, so the ones that could are still checked against their range.
      var settings = new vn.bdtx.domain.catalog.QuizSettings(questions, attempts, minutes, quizShuffle,
          policy.orElse(vn.bdtx.domain.catalog.QuizSettings.Policy.BEST), review.orElse(vn.bdtx.domain.catalog.QuizSettings.Review.FULL));
      for (var p : settings.problems()) {
        switch (p) {
          case QUESTIONS_OUT_OF_RANGE -> problems.add(Note.of("catalog.lecture.problem.quizQuestions", vn.bdtx.domain.catalog.QuizSettings.MAX_QUESTIONS));
          case ATTEMPTS_OUT_OF_RANGE -> problems.add(Note.of("catalog.lecture.problem.quizAttempts", vn.bdtx.domain.catalog.QuizSettings.MAX_ATTEMPTS));
          case TIME_LIMIT_OUT_OF_RANGE -> problems.add(Note.of("catalog.lecture.problem.quizMinutes", vn.bdtx.domain.catalog.QuizSettings.MAX_MINUTES));
        }
      }
      return problems.size() > before ? java.util.Optional.empty() : java.util.Optional.of(settings);
    }

    private static int whole(String raw, String field, java.util.List<Note> problems) {
      try {
        return Integer.parseInt(raw.isEmpty() ? "0" : raw);
      } catch (NumberFormatException e) {
        problems.add(Note.of(field, raw));
        return 0;
      }
    }

    public String getTitle() { return title; }
    public void setTitle(String v) { title = clean(v); }
    public String getBody() { return body; }
    public void setBody(String v) { body = v == null ? "" : v; }
    public String getQuizCategory() { return quizCategory; }
    public void setQuizCategory(String v) { quizCategory = clean(v); }
    public FilePart getFile() { return file; }
    public void setFile(FilePart v) { file = v; }
    public boolean isRemoveMedia() { return removeMedia; }
    public void setRemoveMedia(boolean v) { removeMedia = v; }
    public int getRevision() { return revision; }
    public void setRevision(int v) { revision = v; }
  }

  public static class ImportForm {
    private String category = "";
    private FilePart file;
    private int revision = -1;
    /** A file kept while its importer chooses what to do with questions already in the bank. */
    private String pending = "";
    /** SKIP or REPLACE the questions already in the bank; empty: ask first. */
    private String duplicates = "";

    public String getPending() { return pending; }
    public void setPending(String v) { pending = v == null ? "" : v.strip(); }
    public String getDuplicates() { return duplicates; }
    public void setDuplicates(String v) { duplicates = v == null ? "" : v.strip(); }

    public String getCategory() { return category; }
    public void setCategory(String v) { category = clean(v); }
    public FilePart getFile() { return file; }
    public void setFile(FilePart v) { file = v; }
    public int getRevision() { return revision; }
    public void setRevision(int v) { revision = v; }
  }

  public static class QuestionForm {
    private String category = "";
    private String gift = "";
    private int revision = -1;

    public String getCategory() { return category; }
    public void setCategory(String v) { category = clean(v); }
    public String getGift() { return gift; }
    public void setGift(String v) { gift = v == null ? "" : v; }
    public int getRevision() { return revision; }
    public void setRevision(int v) { revision = v; }
  }

  public static class AssignmentForm {
    private String brief = "";
    private String rubric = "";
    private FilePart sample;
    private boolean removeSample;
    private int revision = -1;

    public String getBrief() { return brief; }
    public void setBrief(String v) { brief = v == null ? "" : v; }
    public String getRubric() { return rubric; }
    public void setRubric(String v) { rubric = v == null ? "" : v; }
    public FilePart getSample() { return sample; }
    public void setSample(FilePart v) { sample = v; }
    public boolean isRemoveSample() { return removeSample; }
    public void setRemoveSample(boolean v) { removeSample = v; }
    public int getRevision() { return revision; }
    public void setRevision(int v) { revision = v; }
  }

  /** Only a revision: move, delete, publish. */
  public static class RevisionForm {
    private int revision = -1;
    private String dir = "";

    public int getRevision() { return revision; }
    public void setRevision(int v) { revision = v; }
    public String getDir() { return dir; }
    public void setDir(String v) { dir = clean(v); }
  }
}
