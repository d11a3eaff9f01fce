package vn.bdtx.platform.spreadsheet;

import java.util.Iterator;
import java.util.List;

/**
 * A readable spreadsheet: its header row and the rows after it, each a list of cell
 * texts; the format (CSV or XLSX) and, for a CSV, the encoding it was read in
 * ("UTF-8", "Windows-1258", "VNI-Windows", "TCVN3 (ABC)"), null for XLSX.
 */
public record SpreadsheetRows(List<String> header, Iterator<List<String>> rows, String format, String encoding) {

  /** Whether the report should say which legacy encoding was read (anything but UTF-8). */
  public boolean legacyEncoding() {
    return encoding != null && !"UTF-8".equals(encoding);
  }

  /** The encoding the report names: a legacy one, else null (UTF-8 and XLSX go without saying). */
  public String shownEncoding() {
    return legacyEncoding() ? encoding : null;
  }
}
