package vn.bdtx.platform.spreadsheet;

import java.util.Iterator;
import java.util.List;

/** A readable spreadsheet: its header row and the rows after it, each a list of cell texts. */
public record SpreadsheetRows(List<String> header, Iterator<List<String>> rows, String format) {
}
