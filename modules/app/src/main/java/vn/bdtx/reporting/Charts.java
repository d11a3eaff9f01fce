package vn.bdtx.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * The dashboards' pictures as inline SVG drawn on the server: no script, no
 * chart library, a few kilobytes a page. Each is a 360-unit-wide viewBox that
 * scales to the screen (so 12-unit text stays 12 px on a 360 px phone), carries
 * {@code role="img"} with a Vietnamese title and description, and sits beside a
 * table of the same numbers for screen readers and copying. All text is escaped.
 * Colours come from classes in bdtx.css (the Content-Security-Policy allows no inline style).
 */
public final class Charts {

  static final int WIDTH = 360;
  private static final int PAD = 8;
  private static final int ROW = 40;
  private static final int MAX_LABEL = 44;

  private Charts() {
  }

  /** One horizontal bar: its label, its value in percent (null: nothing to show), and whether it reaches the target. */
  public record Bar(String label, BigDecimal percent, String value, boolean reaches) {
  }

  /**
   * Horizontal bars of percentages (0–100) with the target's mark across each bar, one
   * row per bar: its label above it, its value at the right; the target's name on a line of its own at the top.
   */
  public static String bars(String id, String title, String desc, List<Bar> bars, int targetPercent, String targetLabel) {
    int top = 20;
    int height = top + bars.size() * ROW + 6;
    double span = WIDTH - 2.0 * PAD;
    var svg = open(id, title, desc, height, "chart-bars");
    double tx = PAD + span * targetPercent / 100.0;
    int y = top;
    for (Bar b : bars) {
      svg.append(text(PAD, y + 12, "start", "label", truncate(b.label())));
      svg.append(text(WIDTH - PAD, y + 12, "end", "value", b.value()));
      svg.append(rect(PAD, y + 17, span, 14, "track"));
      if (b.percent() != null) {
        double w = span * Math.min(100, Math.max(0, b.percent().doubleValue())) / 100.0;
        svg.append(rect(PAD, y + 17, w, 14, b.reaches() ? "bar-ok" : "bar-behind"));
      }
      y += ROW;
    }
    // The target line is drawn across each bar only, not through the labels and values above the bars: at 98% it
    // stands under the values' column, and one line from top to bottom crossed them on a phone (tour, session 13).
    for (int row = 0; row < bars.size(); row++) {
      int barTop = top + row * ROW + 17;
      svg.append(String.format(Locale.ROOT, "<line class=\"target\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>",
          tx, barTop, tx, barTop + 14));
    }
    svg.append(text(Math.min(tx, WIDTH - PAD), 12, "end", "target-label", targetLabel));
    return svg.append("</svg>").toString();
  }

  /** One step of a funnel: its label and count. */
  public record Step(String label, long count) {
  }

  /** The 15-day funnel: each step's bar as a share of the first step, with "count (share)" at its right. */
  public static String funnel(String id, String title, String desc, List<Step> steps) {
    int top = 6;
    int height = top + steps.size() * ROW + 4;
    double span = WIDTH - 2.0 * PAD;
    long first = steps.isEmpty() ? 0 : steps.get(0).count();
    var svg = open(id, title, desc, height, "chart-funnel");
    int y = top;
    for (Step s : steps) {
      String share = first == 0 ? "" : " (" + percent(s.count(), first) + ")";
      svg.append(text(PAD, y + 12, "start", "label", truncate(s.label())));
      svg.append(text(WIDTH - PAD, y + 12, "end", "value", count(s.count()) + share));
      svg.append(rect(PAD, y + 17, span, 14, "track"));
      if (first > 0) {
        svg.append(rect(PAD, y + 17, span * Math.min(s.count(), first) / first, 14, "bar-step"));
      }
      y += ROW;
    }
    return svg.append("</svg>").toString();
  }

  /** One column of a histogram: the label under it, its count, whether it passes. */
  public record Column(String label, long count, boolean passing) {
  }

  /** Vertical columns (the final grades' bins) with their counts above and the pass mark's line. */
  public static String histogram(String id, String title, String desc, List<Column> columns, int passIndex,
                                 String passLabel) {
    int height = 200;
    int left = PAD;
    int bottom = height - 24;
    int plot = bottom - 22;
    int n = Math.max(1, columns.size());
    double slot = (WIDTH - 2.0 * PAD) / n;
    long max = Math.max(1, columns.stream().mapToLong(Column::count).max().orElse(0));
    var svg = open(id, title, desc, height, "chart-histogram");
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      double h = plot * (double) c.count() / max;
      double x = left + i * slot + 3;
      svg.append(rect(x, bottom - h, slot - 6, h, c.passing() ? "bar-ok" : "bar-behind"));
      svg.append(text(x + (slot - 6) / 2, bottom - h - 4, "middle", "value", count(c.count())));
      svg.append(text(x + (slot - 6) / 2, bottom + 14, "middle", "label", c.label()));
    }
    svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
        left, bottom, WIDTH - PAD, bottom));
    if (passIndex > 0 && passIndex < columns.size()) {
      double px = left + passIndex * slot;
      svg.append(String.format(Locale.ROOT, "<line class=\"target\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>",
          px, 10, px, bottom));
      svg.append(text(px + 3, 12, "start", "target-label", passLabel));
    }
    return svg.append("</svg>").toString();
  }

  // ---------------------------------------------------------------- drawing

  private static StringBuilder open(String id, String title, String desc, int height, String kind) {
    var svg = new StringBuilder(2048);
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart ").append(kind).append("\" id=\"")
        .append(escape(id)).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" role=\"img\" aria-labelledby=\"")
        .append(escape(id)).append("-title ").append(escape(id)).append("-desc\">");
    svg.append("<title id=\"").append(escape(id)).append("-title\">").append(escape(title)).append("</title>");
    svg.append("<desc id=\"").append(escape(id)).append("-desc\">").append(escape(desc)).append("</desc>");
    return svg;
  }

  private static String rect(double x, double y, double w, double h, String cls) {
    return String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
        cls, x, y, Math.max(0, w), Math.max(0, h));
  }

  private static String text(double x, double y, String anchor, String cls, String s) {
    return String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
        cls, x, y, anchor, escape(s));
  }

  static String truncate(String s) {
    if (s == null) {
      return "";
    }
    return s.codePointCount(0, s.length()) <= MAX_LABEL ? s
        : s.substring(0, s.offsetByCodePoints(0, MAX_LABEL - 1)) + "…";
  }

  /** "98,5%" (one decimal, Vietnamese comma). */
  static String percent(long part, long whole) {
    return BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP)
        .toPlainString().replace('.', ',') + "%";
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n).replace(',', '.');
  }

  static String escape(String s) {
    if (s == null) {
      return "";
    }
    var b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c >= 0x20 || c == '\t') {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
