package vn.bdtx.domain.community;

/** Whom an announcement is for: one class, one run, or everyone in a school, a district or the province. */
public record Audience(Type type, Long id) {

  public enum Type { CLASS, RUN, SCHOOL, DISTRICT, PROVINCE }

  public Audience {
    if (type == null || (type == Type.PROVINCE) != (id == null)) {
      throw new IllegalArgumentException("the province has no id, every other audience has one");
    }
  }
}
