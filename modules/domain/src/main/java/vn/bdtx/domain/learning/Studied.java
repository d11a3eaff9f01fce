package vn.bdtx.domain.learning;

import java.util.Optional;
import vn.bdtx.domain.catalog.Lecture;

/**
 * When a lecture counts as studied: a video lecture once the share of its
 * seconds actually watched reaches the threshold (90% by default, set per
 * install); a text, PDF or picture lecture once the learner reached the end of
 * the page (and opened the PDF, for a PDF lecture: the page asks for both).
 */
public final class Studied {

  public static final double DEFAULT_THRESHOLD = 0.9;

  private Studied() {
  }

  public static boolean isStudied(Lecture lecture, Optional<Watched> watched, boolean reachedEnd, double threshold) {
    if (lecture.media() != null && lecture.media().video()) {
      return watched.map(w -> w.reaches(threshold)).orElse(false);
    }
    return reachedEnd;
  }

  /** Whether a threshold is usable: more than nothing, at most everything. */
  public static boolean validThreshold(double threshold) {
    return threshold > 0 && threshold <= 1;
  }
}
