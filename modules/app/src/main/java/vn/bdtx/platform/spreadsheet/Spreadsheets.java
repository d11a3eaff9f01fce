package vn.bdtx.platform.spreadsheet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import vn.bdtx.domain.text.EncodingDetection;

/**
 * Opens an uploaded file as rows of text, judging its type by its content, never
 * by its name. CSV: a byte-order mark (UTF-8 or UTF-16) is honoured; without one
 * the text is UTF-8 if it is valid UTF-8, else Windows-1258, VNI or TCVN3 as
 * {@link EncodingDetection} tells them apart (read to NFC, the encoding named in the
 * result), else refused with the first line that is not UTF-8; the delimiter (, ; or
 * tab) is taken from the header line. XLSX: read as a SAX stream (memory stays flat),
 * dates written as yyyy-MM-dd whatever their display format, zip bombs refused, and a
 * cell holding a formula refused by its row and column with the formula shown.
 */
public final class Spreadsheets {

  /** The result: the rows, or why the file cannot be read. */
  public sealed interface Opened {
    record Readable(SpreadsheetRows rows) implements Opened {
    }

    record Unreadable(SpreadsheetProblem problem) implements Opened {
    }
  }

  static {
    // An XLSX whose parts expand more than 100 times, or beyond 100 MB, is refused (zip bomb).
    ZipSecureFile.setMinInflateRatio(0.01);
    ZipSecureFile.setMaxEntrySize(100L * 1024 * 1024);
  }

  private Spreadsheets() {
  }

  /** Opens the file unless it is larger than {@code max} (then TOO_LARGE, with the limit as the detail). */
  public static Opened open(Path file, org.springframework.util.unit.DataSize max) throws IOException {
    if (Files.size(file) > max.toBytes()) {
      String limit = max.toMegabytes() >= 1 ? max.toMegabytes() + " MB" : max.toKilobytes() + " KB";
      return unreadable(SpreadsheetProblem.Kind.TOO_LARGE, 0, limit);
    }
    return open(file);
  }

  public static Opened open(Path file) throws IOException {
    byte[] head = new byte[8];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      return xlsx(file);
    }
    if (n >= 4 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && (head[2] & 0xFF) == 0x11 && (head[3] & 0xFF) == 0xE0) {
      return unreadable(SpreadsheetProblem.Kind.UNSUPPORTED_FORMAT, 0, "xls");
    }
    return csv(file, head, n);
  }

  // ---- CSV ----

  private static Opened csv(Path file, byte[] head, int n) throws IOException {
    Charset charset = StandardCharsets.UTF_8;
    int skip = 0;
    if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
      skip = 3;
    } else if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
      charset = StandardCharsets.UTF_16LE;
      skip = 2;
    } else if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
      charset = StandardCharsets.UTF_16BE;
      skip = 2;
    }
    if (skip == 0 && looksBinary(file, head, n)) {
      return unreadable(SpreadsheetProblem.Kind.UNSUPPORTED_FORMAT, 0, "binary");
    }
    int badLine = firstUndecodableLine(file, charset, skip);
    if (badLine > 0 && skip == 0) {
      // Not UTF-8: Windows-1258, VNI or TCVN3 as Vietnamese Windows and its old fonts write it, if it can be told.
      var detected = EncodingDetection.detect(Files.readAllBytes(file));
      if (detected instanceof EncodingDetection.Result.Detected d) {
        return parse(new BufferedReader(new StringReader(d.text())), d.encoding().label());
      }
    }
    if (badLine > 0) {
      return unreadable(charset == StandardCharsets.UTF_8 ? SpreadsheetProblem.Kind.NOT_UTF8
          : SpreadsheetProblem.Kind.UNREADABLE, badLine, charset.name());
    }
    return parse(new BufferedReader(reader(file, charset, skip)), charset == StandardCharsets.UTF_8 ? "UTF-8" : charset.name());
  }

  private static Opened parse(BufferedReader buffered, String encoding) throws IOException {
    buffered.mark(64 * 1024);
    String firstLine = buffered.readLine();
    buffered.reset();
    char delimiter = delimiterOf(firstLine == null ? "" : firstLine);
    var records = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get()
        .parse(buffered).iterator();
    List<String> header = records.hasNext() ? values(records.next()) : List.of();
    Iterator<List<String>> rows = new Iterator<>() {
      @Override
      public boolean hasNext() {
        boolean more = records.hasNext();
        if (!more) {
          close(buffered);
        }
        return more;
      }

      @Override
      public List<String> next() {
        return values(records.next());
      }
    };
    return new Opened.Readable(new SpreadsheetRows(header, rows, "CSV", encoding));
  }

  /** 0 when every byte decodes; else the 1-based line of the first that does not. */
  private static int firstUndecodableLine(Path file, Charset charset, int skip) throws IOException {
    CharsetDecoder decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(skip);
      ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
      CharBuffer chars = CharBuffer.allocate(64 * 1024);
      int line = 1;
      boolean eof = false;
      while (!eof) {
        int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (read < 0) {
          eof = true;
        } else {
          bytes.position(bytes.position() + read);
        }
        bytes.flip();
        var result = decoder.decode(bytes, chars, eof);
        chars.flip();
        for (int i = 0; i < chars.length(); i++) {
          if (chars.charAt(i) == '\n') {
            line++;
          }
        }
        chars.clear();
        if (result.isError()) {
          return line;
        }
        bytes.compact();
      }
      return decoder.flush(chars).isError() ? line : 0;
    } catch (CharacterCodingException e) {
      return 1;
    }
  }

  /**
   * A program, a PDF or an image renamed .csv: known signatures, or NUL bytes, which
   * no CSV in an 8-bit encoding or UTF-8 contains.
   */
  private static boolean looksBinary(Path file, byte[] head, int n) throws IOException {
    String magic = new String(head, 0, Math.min(n, 4), StandardCharsets.ISO_8859_1);
    if (magic.startsWith("MZ") || magic.startsWith("\u007FELF") || magic.startsWith("%PDF")
        || magic.startsWith("\u0089PNG") || magic.startsWith("\u00FF\u00D8\u00FF") || magic.startsWith("GIF8")) {
      return true;
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = in.readNBytes(8192);
      for (byte b : buf) {
        if (b == 0) {
          return true;
        }
      }
      return false;
    }
  }

  private static Reader reader(Path file, Charset charset, int skip) throws IOException {
    InputStream in = Files.newInputStream(file);
    in.skipNBytes(skip);
    return new InputStreamReader(in, charset);
  }

  static char delimiterOf(String headerLine) {
    int commas = 0;
    int semicolons = 0;
    int tabs = 0;
    boolean quoted = false;
    for (char c : headerLine.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        if (c == ',') {
          commas++;
        } else if (c == ';') {
          semicolons++;
        } else if (c == '\t') {
          tabs++;
        }
      }
    }
    if (tabs > commas && tabs > semicolons) {
      return '\t';
    }
    return semicolons > commas ? ';' : ',';
  }

  private static List<String> values(CSVRecord record) {
    var values = new ArrayList<String>(record.size());
    record.forEach(values::add);
    return values;
  }

  // ---- XLSX ----

  private static Opened xlsx(Path file) {
    try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
      var reader = new XSSFReader(pkg);
      var strings = new ReadOnlySharedStringsTable(pkg);
      var rows = new ArrayList<List<String>>();
      var handler = new FormulaWatch(reader.getStylesTable(), strings, new RowCollector(rows));
      XMLReader parser = org.apache.poi.util.XMLHelper.newXMLReader();
      parser.setContentHandler(handler);
      Iterator<InputStream> sheets = reader.getSheetsData();
      if (!sheets.hasNext()) {
        return new Opened.Readable(new SpreadsheetRows(List.of(), List.<List<String>>of().iterator(), "XLSX", null));
      }
      try (InputStream sheet = sheets.next()) {
        parser.parse(new InputSource(sheet));
      }
      if (handler.count > 0) {
        var ref = new CellReference(handler.firstRef);
        return new Opened.Unreadable(new SpreadsheetProblem(SpreadsheetProblem.Kind.FORMULA, ref.getRow() + 1,
            "=" + handler.firstFormula, CellReference.convertNumToColString(ref.getCol()), handler.count));
      }
      List<String> header = rows.isEmpty() ? List.of() : rows.get(0);
      Iterator<List<String>> data = rows.isEmpty() ? List.<List<String>>of().iterator() : rows.subList(1, rows.size()).iterator();
      return new Opened.Readable(new SpreadsheetRows(header, data, "XLSX", null));
    } catch (Exception e) {
      return unreadable(SpreadsheetProblem.Kind.UNREADABLE, 0, e.getClass().getSimpleName());
    }
  }

  /**
   * Reads the sheet as POI does, and notes every cell holding a formula (an {@code <f>}
   * element, shared formulas resolved to their first cell's text): the first one and how many.
   */
  private static final class FormulaWatch extends XSSFSheetXMLHandler {
    private static final String NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private final java.util.Map<String, String> shared = new java.util.HashMap<>();
    private String cell;
    private StringBuilder formula;
    private String sharedIndex;
    int count;
    String firstRef;
    String firstFormula;

    FormulaWatch(org.apache.poi.xssf.model.Styles styles, ReadOnlySharedStringsTable strings,
                 SheetContentsHandler rows) {
      super(styles, null, strings, rows, new IsoDates(), false);
    }

    @Override
    public void startElement(String uri, String localName, String qName, org.xml.sax.Attributes attributes)
        throws org.xml.sax.SAXException {
      if (NS.equals(uri) && "c".equals(localName)) {
        cell = attributes.getValue("r");
      } else if (NS.equals(uri) && "f".equals(localName)) {
        formula = new StringBuilder();
        sharedIndex = attributes.getValue("si");
      }
      super.startElement(uri, localName, qName, attributes);
    }

    @Override
    public void characters(char[] ch, int start, int length) throws org.xml.sax.SAXException {
      if (formula != null) {
        formula.append(ch, start, length);
      }
      super.characters(ch, start, length);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws org.xml.sax.SAXException {
      if (NS.equals(uri) && "f".equals(localName) && formula != null) {
        String text = formula.toString();
        if (sharedIndex != null) {
          if (text.isEmpty()) {
            text = shared.getOrDefault(sharedIndex, "");
          } else {
            shared.put(sharedIndex, text);
          }
        }
        if (count++ == 0) {
          firstRef = cell == null ? "A1" : cell;
          firstFormula = text;
        }
        formula = null;
      }
      super.endElement(uri, localName, qName);
    }
  }

  /** Collects each row's cells by column, leaving gaps for empty cells. */
  private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {
    private final List<List<String>> rows;
    private List<String> current;
    private int lastRow = -1;

    RowCollector(List<List<String>> rows) {
      this.rows = rows;
    }

    @Override
    public void startRow(int rowNum) {
      // Keep row numbers aligned with the spreadsheet: a skipped row becomes an empty one.
      while (++lastRow < rowNum) {
        rows.add(List.of());
      }
      current = new ArrayList<>();
    }

    @Override
    public void endRow(int rowNum) {
      rows.add(current);
    }

    @Override
    public void cell(String ref, String value, XSSFComment comment) {
      int col = new CellReference(ref).getCol();
      while (current.size() < col) {
        current.add("");
      }
      current.add(value == null ? "" : value);
    }
  }

  /** Formats date cells as yyyy-MM-dd, whatever format the school's spreadsheet displays them in. */
  private static final class IsoDates extends DataFormatter {
    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
      if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
        LocalDate date = DateUtil.getLocalDateTime(value, use1904).toLocalDate();
        return date.toString();
      }
      return super.formatRawCellContents(value, formatIndex, formatString, use1904);
    }
  }

  private static Opened unreadable(SpreadsheetProblem.Kind kind, int line, String detail) {
    return new Opened.Unreadable(new SpreadsheetProblem(kind, line, detail));
  }

  private static void close(Reader reader) {
    try {
      reader.close();
    } catch (IOException ignored) {
      // nothing more to read
    }
  }
}
