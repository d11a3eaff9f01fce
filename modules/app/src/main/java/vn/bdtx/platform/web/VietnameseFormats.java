package vn.bdtx.platform.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * The one place pages take their date, time and score formats from: the
 * expression object {@code #vn} in every template. Dates "dd/MM/yyyy", times
 * "HH:mm dd/MM/yyyy" in Vietnam time (Asia/Ho_Chi_Minh), scores, marks and points
 * with one decimal and the decimal comma ("2,5", "10,0").
 */
@Component
public class VietnameseFormats extends AbstractDialect implements IExpressionObjectDialect {

  public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  public static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");
  public static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss dd/MM/yyyy");
  public static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  public static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm");

  public VietnameseFormats() {
    super("bdtx-formats");
  }

  /** The helper itself, for Java code that prints the same formats. */
  public static final Formats FORMATS = new Formats();

  public static final class Formats {
    private Formats() {
    }

    /** "dd/MM/yyyy"; empty for null. */
    public String day(Object t) {
      return t == null ? "" : DAY.format(zoned(t));
    }

    /** "HH:mm dd/MM/yyyy" in Vietnam time; empty for null. */
    public String time(Object t) {
      return t == null ? "" : TIME.format(zoned(t));
    }

    /** "HH:mm:ss dd/MM/yyyy" in Vietnam time (audit lines); empty for null. */
    public String seconds(Object t) {
      return t == null ? "" : SECONDS.format(zoned(t));
    }

    /** "HH:mm:ss" in Vietnam time; empty for null. */
    public String clock(Object t) {
      return t == null ? "" : CLOCK.format(zoned(t));
    }

    /** "HH:mm" in Vietnam time, for "trước 23:59 ngày dd/MM/yyyy" with {@link #day}; empty for null. */
    public String minutes(Object t) {
      return t == null ? "" : MINUTES.format(zoned(t));
    }

    /** A score with exactly one decimal ("8,0", "7,5"), as quiz scores are shown. */
    public String score(Object n) {
      if (n == null) {
        return "";
      }
      BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
      DecimalFormat f = new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.forLanguageTag("vi-VN")));
      f.setRoundingMode(RoundingMode.HALF_UP);
      return f.format(d);
    }

    /** A percentage to one decimal from a percent value (98.5 → "98,5%"), as reports show rates; "—" for null. */
    public String percent(Object pct) {
      if (pct == null) {
        return "—";
      }
      if (pct instanceof java.util.Optional<?> o) {
        return percent(o.orElse(null));
      }
      BigDecimal d = pct instanceof BigDecimal b ? b : new BigDecimal(pct.toString());
      DecimalFormat f = new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.forLanguageTag("vi-VN")));
      f.setRoundingMode(RoundingMode.HALF_UP);
      return f.format(d) + "%";
    }

    /** A count with thousands grouped as in Vietnamese (12345 → "12.345"). */
    public String count(Object n) {
      if (n == null) {
        return "";
      }
      DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.forLanguageTag("vi-VN")));
      return f.format(n instanceof Number num ? num : new BigDecimal(n.toString()));
    }

    private static TemporalAccessor zoned(Object t) {
      if (t instanceof Instant i) {
        return i.atZone(ZONE);
      }
      if (t instanceof OffsetDateTime o) {
        return o.atZoneSameInstant(ZONE);
      }
      if (t instanceof ZonedDateTime z) {
        return z.withZoneSameInstant(ZONE);
      }
      if (t instanceof LocalDate || t instanceof LocalDateTime) {
        return (TemporalAccessor) t;
      }
      throw new IllegalArgumentException("not a date or time: " + t.getClass().getName());
    }
  }

  @Override
  public IExpressionObjectFactory getExpressionObjectFactory() {
    return new IExpressionObjectFactory() {
      @Override
      public Set<String> getAllExpressionObjectNames() {
        return Set.of("vn");
      }

      @Override
      public Object buildObject(IExpressionContext context, String expressionObjectName) {
        return FORMATS;
      }

      @Override
      public boolean isCacheable(String expressionObjectName) {
        return true;
      }
    };
  }
}
