package vn.bdtx.reporting;

import java.util.List;
import vn.bdtx.platform.spreadsheet.TableExport;

/**
 * A dashboard table exactly as the page shows it and as its XLSX/CSV export
 * writes it: the same columns (header and type) and the same values, so a
 * download never disagrees with the screen. Percentages are fractions (0.985),
 * gaps percentage points, dates {@link java.time.LocalDate}s.
 */
public record ReportTable(String id, List<TableExport.Column> columns, List<Line> lines) {

  /** One row: its cells in column order, where its first cell links to (or null), and a mark for its looks. */
  public record Line(String href, String mark, List<Object> cells) {
  }

  public ReportTable {
    columns = List.copyOf(columns);
    lines = List.copyOf(lines);
  }

  public boolean isEmpty() {
    return lines.isEmpty();
  }

  /** The rows as the export writes them. */
  public List<List<Object>> rows() {
    return lines.stream().map(Line::cells).toList();
  }
}
