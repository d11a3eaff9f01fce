package vn.bdtx.domain.imports;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;

/**
 * One data row as an import's rule reads it: its cells by column, and the problems it records on the reading's list,
 * so that every problem of every row is reported, not only the first.
 */
public final class ImportRow<C extends Enum<C> & Column, K extends Enum<K>> {

  private final ImportFormat<C, K> format;
  private final int number;
  private final List<String> cells;
  private final Map<C, Integer> index;
  private final Map<C, Headers.Named> named;
  private final List<RowProblem<C, K>> problems;
  private final int problemsBefore;

  /** A value longer than this is shown by its beginning ({@link #SHOWN} characters and "…"). */
  static final int LONGEST_SHOWN = 60;
  static final int SHOWN = 40;

  ImportRow(ImportFormat<C, K> format, int number, List<String> cells, Map<C, Integer> index,
            Map<C, Headers.Named> named, List<RowProblem<C, K>> problems) {
    this.format = format;
    this.number = number;
    this.cells = cells;
    this.index = index;
    this.named = named;
    this.problems = problems;
    this.problemsBefore = problems.size();
  }

  /** The spreadsheet row number (the header is row 1). */
  public int number() {
    return number;
  }

  /** The cell without its surrounding spaces; null when the file has no such column or the cell is blank. */
  public String cell(C column) {
    Integer i = index.get(column);
    if (i == null || i >= cells.size() || cells.get(i) == null || cells.get(i).isBlank()) {
      return null;
    }
    return cells.get(i).strip();
  }

  /** The cell as text people typed: NFC, every run of spaces one space; null when blank. */
  public String text(C column) {
    String v = cell(column);
    return v == null ? null : normalised(v);
  }

  /** The cell, or null with a REQUIRED problem when it is blank. */
  public String required(C column) {
    return requireNonBlank(column, cell(column));
  }

  /** The cell as {@link #text}, or null with a REQUIRED problem when it is blank. */
  public String requiredText(C column) {
    return requireNonBlank(column, text(column));
  }

  /**
   * Records a problem in this row's cell of {@code column}, shown with the cell's value as the file has it, and
   * returns null, so a rule can write {@code x = parse(v).orElseGet(() -> fail(…))}.
   */
  public <T> T fail(C column, K kind) {
    return failNaming(column, kind, null);
  }

  /**
   * As {@link #fail(Enum, Enum)}, with a detail the message names besides the cell's value: the part of a cell of
   * many values that is wrong, or what the cell's value lacks (a module not completed …).
   */
  public <T> T failNaming(C column, K kind, String detail) {
    problems.add(problem(column, kind, null, detail));
    return null;
  }

  /** Records a clash of this row's cell with an earlier row of the file (a repeat, a disagreement), naming that row. */
  public void clash(C column, K kind, int otherRow) {
    clash(column, kind, otherRow, null);
  }

  /** As {@link #clash(Enum, Enum, int)}, with a detail the message names besides the cell's value. */
  public void clash(C column, K kind, int otherRow, String detail) {
    problems.add(problem(column, kind, otherRow, detail));
  }

  private RowProblem<C, K> problem(C column, K kind, Integer otherRow, String detail) {
    return new RowProblem<>(number, column, named.get(column), kind, shown(cell(column)), otherRow, detail);
  }

  /** A cell's value as a report shows it: empty for a blank cell, its beginning when it is long. */
  static String shown(String value) {
    if (value == null) {
      return "";
    }
    if (value.codePointCount(0, value.length()) <= LONGEST_SHOWN) {
      return value;
    }
    return value.substring(0, value.offsetByCodePoints(0, SHOWN)) + "…";
  }

  /** Whether no problem was recorded on this row so far. */
  public boolean clean() {
    return problems.size() == problemsBefore;
  }

  /** Whether no problem was recorded in this column of this row so far. */
  public boolean clean(C column) {
    return problems.subList(problemsBefore, problems.size()).stream().noneMatch(p -> p.column() == column);
  }

  /** NFC, with every run of white space one space: how names and other typed text are kept. */
  public static String normalised(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFC).replaceAll("\\s+", " ");
  }

  private String requireNonBlank(C column, String v) {
    if (v == null) {
      fail(column, format.kind(ImportFormat.FileProblem.REQUIRED));
    }
    return v;
  }
}
