package vn.bdtx.domain.catalog;

/** Bài tập thực hành cuối khóa: the brief (Markdown), its rubric and an optional sample product. */
public record FinalAssignment(String brief, Rubric rubric, Media sample) {

  public static final FinalAssignment NONE = new FinalAssignment("", Rubric.EMPTY, null);

  public FinalAssignment {
    brief = brief == null ? "" : brief;
    rubric = rubric == null ? Rubric.EMPTY : rubric;
  }

  public boolean written() {
    return !brief.isBlank();
  }
}
