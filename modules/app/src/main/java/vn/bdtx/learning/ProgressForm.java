package vn.bdtx.learning;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.util.MultiValueMap;
import vn.bdtx.domain.learning.Watched;

/**
 * Reads a player's progress report; a report that cannot be read is refused whole, with the field named: the
 * refusal is a message key of the {@code learning.progress.refused} family and its arguments, put in the caller's
 * language by the controller.
 */
record ProgressForm(LectureProgress.Report report, MessageSourceResolvable problem) {

  static final int MAX_SPANS = 500;

  static ProgressForm parse(MultiValueMap<String, String> form) {
    try {
      int duration = seconds(form.getFirst("duration"), "duration");
      int position = seconds(form.getFirst("position"), "position");
      List<double[]> played = new ArrayList<>();
      String raw = form.getFirst("played");
      if (raw != null && !raw.isBlank()) {
        String[] spans = raw.split(",");
        if (spans.length > MAX_SPANS) {
          return refuse("learning.progress.refused.spans", String.valueOf(MAX_SPANS));
        }
        for (String span : spans) {
          int dash = span.indexOf('-', 1);
          if (dash < 0) {
            return refuse("learning.progress.refused.span", span);
          }
          double from;
          double to;
          try {
            from = Double.parseDouble(span.substring(0, dash).strip());
            to = Double.parseDouble(span.substring(dash + 1).strip());
          } catch (NumberFormatException notANumber) {
            return refuse("learning.progress.refused.span", span);
          }
          if (!Double.isFinite(from) || !Double.isFinite(to) || from < 0 || to < from) {
            return refuse("learning.progress.refused.order", span);
          }
          played.add(new double[] {from, to});
        }
      }
      return new ProgressForm(new LectureProgress.Report(duration, played, position, "1".equals(form.getFirst("end"))), null);
    } catch (NotSeconds e) {
      return refuse("learning.progress.refused.seconds", e.field, String.valueOf(Watched.MAX_SECONDS), e.raw);
    }
  }

  private static int seconds(String raw, String field) {
    if (raw == null || raw.isBlank()) {
      return 0;
    }
    double v;
    try {
      v = Double.parseDouble(raw.strip());
    } catch (NumberFormatException e) {
      v = Double.NaN;
    }
    if (!Double.isFinite(v) || v < 0 || v > Watched.MAX_SECONDS) {
      throw new NotSeconds(field, raw);
    }
    return (int) Math.round(v);
  }

  /** A field that is not a number of seconds in range: the whole report is refused. */
  private static final class NotSeconds extends RuntimeException {
    final String field;
    final String raw;

    NotSeconds(String field, String raw) {
      super(null, null, false, false);
      this.field = field;
      this.raw = raw;
    }
  }

  private static ProgressForm refuse(String key, Object... args) {
    return new ProgressForm(null, new DefaultMessageSourceResolvable(new String[] {key}, args));
  }
}
