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
    private String title = "";
    private String body = "";
    private String quizCategory = "";
    private FilePart file;
    private boolean removeMedia;
    private int revision = -1;

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
