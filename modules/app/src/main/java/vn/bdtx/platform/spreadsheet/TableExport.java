package vn.bdtx.platform.spreadsheet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Writes a table (typed columns, a stream of rows) as XLSX or as CSV (UTF-8 with a
 * byte-order mark, so Excel opens Vietnamese text right), with bounded memory: rows
 * are consumed as they come; the XLSX keeps at most {@value #WINDOW} rows in memory
 * (SXSSF flushes the rest to a compressed temporary file, and the finished workbook
 * is streamed from disk and deleted), the CSV leaves in batches as it is written.
 *
 * <p>Cells are typed values, never formulas: numbers as numbers, dates as dates. Text
 * that a spreadsheet could take for a formula or a command (starting with = + - @,
 * the Unicode minus, a tab or a carriage return) is written with a leading apostrophe
 * (OWASP "CSV injection"), in both formats, so that neither the file nor a copy of
 * its cells pasted elsewhere ever runs anything.
 *
 * <pre>{@code
 * var columns = List.of(TableExport.text("Đơn vị"), TableExport.integer("Đăng ký"),
 *     TableExport.percent("Tỉ lệ hoàn thành"));
 * Flux<List<Object>> rows = ...;   // one List per row, values in column order
 * return TableExport.response(TableExport.Format.XLSX, "ket-qua", "Kết quả", columns, rows);
 * }</pre>
 */
public final class TableExport {

  /** Rows of an XLSX kept in memory before SXSSF flushes them to disk. */
  public static final int WINDOW = 200;

  private static final int CSV_BATCH = 256;
  private static final int READ_CHUNK = 64 * 1024;
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final ZoneId VIETNAM = vn.bdtx.platform.web.VietnameseFormats.ZONE;

  public static final MediaType XLSX_TYPE =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  public static final MediaType CSV_TYPE = MediaType.parseMediaType("text/csv;charset=UTF-8");

  /** The two file formats. */
  public enum Format {
    XLSX("xlsx", XLSX_TYPE), CSV("csv", CSV_TYPE);

    private final String extension;
    private final MediaType mediaType;

    Format(String extension, MediaType mediaType) {
      this.extension = extension;
      this.mediaType = mediaType;
    }

    public String extension() {
      return extension;
    }

    public MediaType mediaType() {
      return mediaType;
    }

    /** "xlsx" or "csv" (any case), else empty. */
    public static java.util.Optional<Format> of(String extension) {
      return Arrays.stream(values()).filter(f -> f.extension.equalsIgnoreCase(extension)).findFirst();
    }
  }

  /**
   * What a column holds, and so how its cells are written.
   * <ul>
   *   <li>TEXT: any value, written as text (neutralised);</li>
   *   <li>INTEGER: a whole number;</li>
   *   <li>DECIMAL: a number shown with one decimal (scores on the 10-point scale);</li>
   *   <li>PERCENT: a fraction (0.98 for 98%), shown as a percentage with one decimal;</li>
   *   <li>DATE: a {@link LocalDate}, shown dd/mm/yyyy (CSV: yyyy-mm-dd);</li>
   *   <li>DATETIME: an {@link Instant}, {@link OffsetDateTime}, {@link ZonedDateTime} or
   *       {@link LocalDateTime}, in Vietnam's time, dd/mm/yyyy hh:mm (CSV: yyyy-mm-dd hh:mm).</li>
   * </ul>
   * A null value is an empty cell, whatever the type.
   */
  public enum Type { TEXT, INTEGER, DECIMAL, PERCENT, DATE, DATETIME }

  /** A column: its header (shown as the first row) and its type. */
  public record Column(String header, Type type) {
  }

  public static Column text(String header) {
    return new Column(header, Type.TEXT);
  }

  public static Column integer(String header) {
    return new Column(header, Type.INTEGER);
  }

  public static Column decimal(String header) {
    return new Column(header, Type.DECIMAL);
  }

  public static Column percent(String header) {
    return new Column(header, Type.PERCENT);
  }

  public static Column date(String header) {
    return new Column(header, Type.DATE);
  }

  public static Column dateTime(String header) {
    return new Column(header, Type.DATETIME);
  }

  private TableExport() {
  }

  /**
   * A download answer: the file as it is written, named {@code fileBase.xlsx} or
   * {@code fileBase.csv} (UTF-8 file name allowed), never cached.
   */
  public static ResponseEntity<Flux<DataBuffer>> response(Format format, String fileBase, String sheetName,
                                                          List<Column> columns, Flux<? extends List<?>> rows) {
    return ResponseEntity.ok()
        .contentType(format.mediaType())
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(fileBase + "." + format.extension(), StandardCharsets.UTF_8).build().toString())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(write(format, sheetName, columns, rows));
  }

  /** The file's bytes in either format. */
  public static Flux<DataBuffer> write(Format format, String sheetName, List<Column> columns,
                                       Flux<? extends List<?>> rows) {
    return format == Format.XLSX ? xlsx(sheetName, columns, rows) : csv(columns, rows);
  }

  // ---------------------------------------------------------------- XLSX

  /**
   * The XLSX: one sheet, a bold header row (frozen), then the rows. The rows are
   * written on a worker thread (SXSSF writes its temporary file), and the finished
   * file is read back in chunks, then deleted, whether the download ends or is cancelled.
   */
  public static Flux<DataBuffer> xlsx(String sheetName, List<Column> columns, Flux<? extends List<?>> rows) {
    List<Column> cols = List.copyOf(columns);
    return Flux.using(() -> new XlsxSink(sheetName, cols),
        sink -> rows.publishOn(Schedulers.boundedElastic(), CSV_BATCH)
            .doOnNext(sink::add)
            .then(Mono.fromCallable(sink::finish).subscribeOn(Schedulers.boundedElastic()))
            .flatMapMany(path -> DataBufferUtils.read(path, DefaultDataBufferFactory.sharedInstance, READ_CHUNK)),
        XlsxSink::close);
  }

  /** Writes the whole table as XLSX to a stream (for callers that already hold an OutputStream). */
  public static void xlsx(String sheetName, List<Column> columns, Iterable<? extends List<?>> rows, OutputStream out) {
    try (var sink = new XlsxSink(sheetName, List.copyOf(columns))) {
      rows.forEach(sink::add);
      sink.writeTo(out);
    }
  }

  private static final class XlsxSink implements AutoCloseable {
    private final SXSSFWorkbook wb = new SXSSFWorkbook(WINDOW);
    private final SXSSFSheet sheet;
    private final List<Column> columns;
    private final Map<Type, CellStyle> styles = new EnumMap<>(Type.class);
    private int next;
    private Path file;

    XlsxSink(String sheetName, List<Column> columns) {
      this.columns = columns;
      wb.setCompressTempFiles(true);
      sheet = wb.createSheet(WorkbookUtil.createSafeSheetName(sheetName == null || sheetName.isBlank() ? "Bảng" : sheetName));
      var helper = wb.getCreationHelper();
      for (Type t : Type.values()) {
        CellStyle s = wb.createCellStyle();
        switch (t) {
          case INTEGER -> s.setDataFormat(helper.createDataFormat().getFormat("0"));
          case DECIMAL -> s.setDataFormat(helper.createDataFormat().getFormat("0.0"));
          case PERCENT -> s.setDataFormat(helper.createDataFormat().getFormat("0.0%"));
          case DATE -> s.setDataFormat(helper.createDataFormat().getFormat("dd/mm/yyyy"));
          case DATETIME -> s.setDataFormat(helper.createDataFormat().getFormat("dd/mm/yyyy hh:mm"));
          case TEXT -> {
          }
        }
        styles.put(t, s);
      }
      var bold = wb.createCellStyle();
      var font = wb.createFont();
      font.setBold(true);
      bold.setFont(font);
      bold.setWrapText(true);
      var header = sheet.createRow(next++);
      for (int c = 0; c < columns.size(); c++) {
        var cell = header.createCell(c);
        cell.setCellValue(columns.get(c).header());
        cell.setCellStyle(bold);
        int width = Math.max(10, Math.min(40, columns.get(c).header().length() + 2));
        sheet.setColumnWidth(c, (columns.get(c).type() == Type.TEXT ? Math.max(width, 24) : width) * 256);
      }
      sheet.createFreezePane(0, 1);
    }

    void add(List<?> values) {
      var row = sheet.createRow(next++);
      for (int c = 0; c < columns.size() && c < values.size(); c++) {
        Object v = values.get(c);
        if (v == null) {
          continue;
        }
        Type type = columns.get(c).type();
        var cell = row.createCell(c);
        switch (type) {
          case INTEGER, DECIMAL, PERCENT -> {
            if (v instanceof Number n) {
              cell.setCellValue(n.doubleValue());
              cell.setCellStyle(styles.get(type));
            } else {
              cell.setCellValue(neutralise(v.toString()));
            }
          }
          case DATE -> {
            if (v instanceof LocalDate d) {
              cell.setCellValue(d);
              cell.setCellStyle(styles.get(type));
            } else {
              cell.setCellValue(neutralise(v.toString()));
            }
          }
          case DATETIME -> {
            LocalDateTime t = localTime(v);
            if (t != null) {
              cell.setCellValue(t);
              cell.setCellStyle(styles.get(type));
            } else {
              cell.setCellValue(neutralise(v.toString()));
            }
          }
          case TEXT -> cell.setCellValue(neutralise(v instanceof Boolean b ? (b ? "Có" : "Không") : v.toString()));
        }
      }
    }

    Path finish() throws IOException {
      file = Files.createTempFile("bdtx-export-", ".xlsx");
      try (OutputStream out = Files.newOutputStream(file)) {
        wb.write(out);
      }
      wb.close();
      return file;
    }

    void writeTo(OutputStream out) {
      try {
        wb.write(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      try {
        wb.close();
      } catch (IOException ignored) {
        // temporary files are removed either way below
      }
      wb.dispose();
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // a temporary file left behind is removed by the OS
        }
      }
    }
  }

  // ---------------------------------------------------------------- CSV

  /** The CSV: a byte-order mark, the header line, then the rows, CRLF line ends (RFC 4180), comma-separated. */
  public static Flux<DataBuffer> csv(List<Column> columns, Flux<? extends List<?>> rows) {
    List<Column> cols = List.copyOf(columns);
    StringBuilder head = new StringBuilder();
    line(head, cols.stream().map(c -> (Object) c.header()).toList(), cols, true);
    byte[] first = concat(BOM, head.toString().getBytes(StandardCharsets.UTF_8));
    return Flux.concat(
        Mono.fromSupplier(() -> DefaultDataBufferFactory.sharedInstance.wrap(first)),
        rows.buffer(CSV_BATCH).map(batch -> {
          StringBuilder sb = new StringBuilder(batch.size() * 80);
          for (List<?> r : batch) {
            line(sb, r, cols, false);
          }
          return DefaultDataBufferFactory.sharedInstance.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
        }));
  }

  /** One CSV line (for tests and callers writing a CSV of their own). */
  public static String csvLine(List<Column> columns, List<?> values) {
    StringBuilder sb = new StringBuilder();
    line(sb, values, columns, false);
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<?> values, List<Column> columns, boolean header) {
    for (int c = 0; c < columns.size(); c++) {
      if (c > 0) {
        sb.append(',');
      }
      Object v = c < values.size() ? values.get(c) : null;
      if (v == null) {
        continue;
      }
      Type type = header ? Type.TEXT : columns.get(c).type();
      String s = switch (type) {
        case INTEGER -> v instanceof Number n ? integerText(n) : neutralise(v.toString());
        case DECIMAL -> v instanceof Number n ? plain(n) : neutralise(v.toString());
        case PERCENT -> v instanceof Number n ? plain(new BigDecimal(n.toString()).movePointRight(2)
            .setScale(1, java.math.RoundingMode.HALF_UP)) + "%" : neutralise(v.toString());
        case DATE -> v instanceof LocalDate d ? d.toString() : neutralise(v.toString());
        case DATETIME -> {
          LocalDateTime t = localTime(v);
          yield t != null ? t.toLocalDate() + " " + String.format("%02d:%02d", t.getHour(), t.getMinute())
              : neutralise(v.toString());
        }
        case TEXT -> neutralise(v instanceof Boolean b ? (b ? "Có" : "Không") : v.toString());
      };
      sb.append(quote(s));
    }
    sb.append("\r\n");
  }

  private static String integerText(Number n) {
    return n instanceof BigDecimal b ? b.toBigInteger().toString() : Long.toString(n.longValue());
  }

  private static String plain(Number n) {
    if (n instanceof BigDecimal b) {
      return b.stripTrailingZeros().toPlainString();
    }
    if (n instanceof Double || n instanceof Float) {
      return BigDecimal.valueOf(n.doubleValue()).stripTrailingZeros().toPlainString();
    }
    return n.toString();
  }

  private static String quote(String s) {
    boolean needs = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
        || s.indexOf(';') >= 0;
    return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }

  // ---------------------------------------------------------------- shared

  /**
   * Text a spreadsheet could take for a formula (= + - @, the Unicode minus U+2212,
   * the full-width forms, a tab or a carriage return first) gets a leading apostrophe.
   */
  public static String neutralise(String s) {
    if (s == null || s.isEmpty()) {
      return s;
    }
    char c = s.charAt(0);
    boolean risky = c == '=' || c == '+' || c == '-' || c == '@' || c == '\u2212' || c == '\t' || c == '\r'
        || c == '\uFF1D' || c == '\uFF0B' || c == '\uFF0D' || c == '\uFF20' || c == '\n';
    return risky ? "'" + s : s;
  }

  private static LocalDateTime localTime(Object v) {
    if (v instanceof Instant i) {
      return LocalDateTime.ofInstant(i, VIETNAM);
    }
    if (v instanceof OffsetDateTime o) {
      return o.atZoneSameInstant(VIETNAM).toLocalDateTime();
    }
    if (v instanceof ZonedDateTime z) {
      return z.withZoneSameInstant(VIETNAM).toLocalDateTime();
    }
    if (v instanceof LocalDateTime l) {
      return l;
    }
    return null;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  /** A row from values (nulls allowed), for callers building rows inline. */
  public static List<Object> row(Object... values) {
    List<Object> r = new ArrayList<>(values.length);
    r.addAll(Arrays.asList(values));
    return r;
  }
}
