package vn.bdtx.platform.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;

class TableExportTest {

  private static final List<TableExport.Column> COLUMNS = List.of(
      TableExport.text("Đơn vị"), TableExport.integer("Đăng ký"), TableExport.decimal("Điểm"),
      TableExport.percent("Tỉ lệ"), TableExport.date("Ngày"), TableExport.dateTime("Cấp lúc"));

  private static byte[] bytes(Flux<org.springframework.core.io.buffer.DataBuffer> flux) {
    var out = new ByteArrayOutputStream();
    flux.doOnNext(b -> {
      byte[] a = new byte[b.readableByteCount()];
      b.read(a);
      out.writeBytes(a);
      DataBufferUtils.release(b);
    }).blockLast(Duration.ofSeconds(60));
    return out.toByteArray();
  }

  @Test
  void writesNumbersAsNumbersAndDatesAsDatesNeverAFormula() throws Exception {
    var rows = Flux.just(
        TableExport.row("=HYPERLINK(\"http://x\")", 12, new BigDecimal("7.5"), 0.985,
            LocalDate.of(2025, 3, 3), Instant.parse("2025-03-17T03:30:00Z")),
        TableExport.row("Trường Tiểu học Số 1", 3L, null, null, null, null));
    try (var wb = new XSSFWorkbook(new ByteArrayInputStream(bytes(TableExport.xlsx("Kết quả", COLUMNS, rows))))) {
      var sheet = wb.getSheetAt(0);
      assertThat(sheet.getSheetName()).isEqualTo("Kết quả");
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Đơn vị");
      var r = sheet.getRow(1);
      assertThat(r.getCell(0).getCellType()).isEqualTo(CellType.STRING);
      assertThat(r.getCell(0).getStringCellValue()).isEqualTo("'=HYPERLINK(\"http://x\")");
      assertThat(r.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(r.getCell(1).getNumericCellValue()).isEqualTo(12.0);
      assertThat(r.getCell(2).getNumericCellValue()).isEqualTo(7.5);
      assertThat(r.getCell(3).getNumericCellValue()).isEqualTo(0.985);
      assertThat(r.getCell(3).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
      assertThat(r.getCell(4).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2025, 3, 3));
      assertThat(r.getCell(5).getLocalDateTimeCellValue().getHour()).isEqualTo(10);
      assertThat(sheet.getRow(2).getCell(2)).isNull();
      for (var row : sheet) {
        for (var cell : row) {
          assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
        }
      }
    }
  }

  @Test
  void neutralisesEveryCharacterThatStartsAFormulaOrACommand() {
    for (String s : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\u22121", "\tx", "\rx", "\uFF1D1")) {
      assertThat(TableExport.neutralise(s)).startsWith("'");
    }
    assertThat(TableExport.neutralise("Nguyễn Văn A")).isEqualTo("Nguyễn Văn A");
    assertThat(TableExport.neutralise("")).isEmpty();
  }

  @Test
  void csvStartsWithABomAndQuotesWhatNeedsIt() {
    var rows = Flux.just(TableExport.row("Trường \"A\", xã B", 5, 4.5, 0.5, LocalDate.of(2025, 3, 3), null),
        TableExport.row("-2", null, null, null, null, null));
    byte[] b = bytes(TableExport.csv(COLUMNS, rows));
    assertThat(b[0]).isEqualTo((byte) 0xEF);
    assertThat(b[1]).isEqualTo((byte) 0xBB);
    assertThat(b[2]).isEqualTo((byte) 0xBF);
    String text = new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
    assertThat(text).isEqualTo("Đơn vị,Đăng ký,Điểm,Tỉ lệ,Ngày,Cấp lúc\r\n"
        + "\"Trường \"\"A\"\", xã B\",5,4.5,50%,2025-03-03,\r\n"
        + "'-2,,,,,\r\n");
  }

  @Test
  void aLargeTableStreamsThroughWithoutHoldingItsRows() throws Exception {
    var rows = Flux.fromStream(IntStream.range(0, 20_000).boxed())
        .map(i -> TableExport.row("Giáo viên " + i, i, 5.5, 0.9, LocalDate.of(2025, 1, 1), null));
    try (var wb = new XSSFWorkbook(new ByteArrayInputStream(bytes(TableExport.xlsx("Lớn", COLUMNS, rows))))) {
      assertThat(wb.getSheetAt(0).getLastRowNum()).isEqualTo(20_000);
      assertThat(wb.getSheetAt(0).getRow(20_000).getCell(1).getNumericCellValue()).isEqualTo(19_999.0);
    }
  }
}
