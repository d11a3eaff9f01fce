package vn.bdtx.learning;

import java.util.ArrayList;
import java.util.List;
import org.springframework.util.MultiValueMap;
import vn.bdtx.domain.learning.Watched;

/** Reads a player's progress report; a report that cannot be read is refused whole, with the field named. */
record ProgressForm(LectureProgress.Report report, String problem) {

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
          return refuse("Báo cáo tiến độ có quá nhiều đoạn đã xem (tối đa " + MAX_SPANS + ").");
        }
        for (String span : spans) {
          int dash = span.indexOf('-', 1);
          if (dash < 0) {
            return refuse("Đoạn đã xem «" + span + "» phải có dạng từ-đến (giây), ví dụ 0-12.5.");
          }
          double from;
          double to;
          try {
            from = Double.parseDouble(span.substring(0, dash).strip());
            to = Double.parseDouble(span.substring(dash + 1).strip());
          } catch (NumberFormatException notANumber) {
            return refuse("Đoạn đã xem «" + span + "» phải có dạng từ-đến (giây), ví dụ 0-12.5.");
          }
          if (!Double.isFinite(from) || !Double.isFinite(to) || from < 0 || to < from) {
            return refuse("Đoạn đã xem «" + span + "» không hợp lệ: cần 0 ≤ từ ≤ đến.");
          }
          played.add(new double[] {from, to});
        }
      }
      return new ProgressForm(new LectureProgress.Report(duration, played, position, "1".equals(form.getFirst("end"))), null);
    } catch (NumberFormatException e) {
      return refuse("Báo cáo tiến độ không được ghi: " + e.getMessage() + ".");
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
      throw new NumberFormatException("«" + field + "» phải là số giây từ 0 đến " + Watched.MAX_SECONDS + ", không phải «" + raw + "»");
    }
    return (int) Math.round(v);
  }

  private static ProgressForm refuse(String problem) {
    return new ProgressForm(null, problem);
  }
}
