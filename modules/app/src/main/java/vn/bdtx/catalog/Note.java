package vn.bdtx.catalog;

/** A message for the page: a message key and its arguments. */
public record Note(String key, Object[] args) {

  public static Note of(String key, Object... args) {
    return new Note(key, args);
  }
}
