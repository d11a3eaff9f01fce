package vn.bdtx.domain.catalog;

import java.util.Optional;
import vn.bdtx.domain.accounts.Level;

/** The level a course is for: one cấp học, or ALL for a course common to every level (managers' modules). */
public enum CourseLevel {
  ALL, PRIMARY, LOWER_SECONDARY, UPPER_SECONDARY;

  /** ALL / TẤT CẢ, or anything {@link Level#parse} reads. */
  public static Optional<CourseLevel> parse(String text) {
    String t = text == null ? "" : text.strip();
    if (t.equalsIgnoreCase("ALL") || t.equalsIgnoreCase("tất cả") || t.equalsIgnoreCase("tat ca")) {
      return Optional.of(ALL);
    }
    return Level.parse(t).map(l -> valueOf(l.name()));
  }
}
