package vn.bdtx.domain.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.bdtx.domain.imports.Column.mandatory;
import static vn.bdtx.domain.imports.Column.optional;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The reading every import shares, on a small import of its own: a name (required) and a subject (optional). */
class ImportFormatTest {

  enum Col implements Column {
    NAME(mandatory("ho_va_ten", "ho ten")), SUBJECT(optional("mon_chinh", "mon day chinh"));

    private final Declared declared;

    Col(Declared declared) {
      this.declared = declared;
    }

    @Override
    public Declared declared() {
      return declared;
    }
  }

  enum Kind { EMPTY_FILE, TOO_MANY_ROWS, MISSING_COLUMN, DUPLICATE_COLUMN, REQUIRED, BAD_NAME }

  static final ImportFormat<Col, Kind> FORMAT = ImportFormat.of(Col.class, Kind.class);
  static final List<String> HEADER = List.of("STT", "Họ và tên", "Môn dạy chính");

  static List<String> row(String... cells) {
    return Arrays.asList(cells);
  }

  /** Reads the rows, naming each row's NAME cell as the rule saw it, and BAD_NAME for a name with a digit. */
  static Reading<Col, Kind> read(List<String> header, List<List<String>> rows, int maxRows, List<String> seen) {
    return FORMAT.read(header, rows.iterator(), maxRows, r -> {
      String name = r.requiredText(Col.NAME);
      if (name != null && name.matches(".*\\d.*")) {
        r.fail(Col.NAME, Kind.BAD_NAME);
      }
      seen.add(r.number() + ":" + name);
    });
  }

  @Test
  void eachDataRowReachesTheRuleWithItsSpreadsheetNumberAndBlankRowsAreSkipped() {
    var seen = new ArrayList<String>();
    var reading = read(HEADER, List.of(row("1", "  Nguye\u0302\u0303n   Hoa ", "Toán"), row("", " ", ""), row("2", "Lan", "")),
        100, seen);
    assertThat(reading.ok()).isTrue();
    assertThat(seen).containsExactly("2:Nguyễn Hoa", "4:Lan");
    assertThat(reading.rowsRead()).isEqualTo(2);
    assertThat(reading.ignored()).containsExactly(new Headers.Ignored("A", "STT"));
    assertThat(reading.columns()).containsExactlyInAnyOrder(Col.NAME, Col.SUBJECT);
  }

  @Test
  void aMissingRequiredColumnAndAColumnNamedTwiceAreReportedOnTheHeaderRowAndNoRowIsRead() {
    var seen = new ArrayList<String>();
    var reading = read(List.of("Môn dạy chính", "mon_chinh"), List.of(row("Toán", "Văn")), 100, seen);
    assertThat(reading.problems()).containsExactly(
        new RowProblem<>(1, Col.SUBJECT, new Headers.Named("B", "mon_chinh"), Kind.DUPLICATE_COLUMN, "mon_chinh", null, "A"),
        new RowProblem<>(1, Col.NAME, Kind.MISSING_COLUMN, ""));
    // Its message can name both columns: {2} the first one's letter, {3} this one's.
    assertThat(reading.problems().get(0).args()).containsExactly(null, "mon_chinh", "A", "B");
    assertThat(seen).isEmpty();
    assertThat(reading.rowsRead()).isZero();
  }

  @Test
  void anEmptyFileIsAProblemOnTheHeaderRowOrOnTheFirstDataRow() {
    assertThat(read(List.of(), List.of(), 100, new ArrayList<>()).problems())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("at")
        .containsExactly(new RowProblem<>(1, null, Kind.EMPTY_FILE, ""));
    assertThat(read(HEADER, List.of(row("", "", "")), 100, new ArrayList<>()).problems())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("at")
        .containsExactly(new RowProblem<>(2, null, Kind.EMPTY_FILE, ""));
  }

  @Test
  void aRequiredCellLeftEmptyAndTheRulesOwnProblemsAreAllReportedInFileOrder() {
    var reading = read(HEADER, List.of(row("1", "", "Toán"), row("2", "Hoa 2", ""), row("3", "Lan", "")), 100,
        new ArrayList<>());
    assertThat(reading.problems()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("at").containsExactly(new RowProblem<>(2, Col.NAME, Kind.REQUIRED, ""),
        new RowProblem<>(3, Col.NAME, Kind.BAD_NAME, "Hoa 2"));
  }

  @Test
  void aClashNamesTheRowItClashesWithAndItsMessageArgumentsAreThatRowAndTheValue() {
    var reading = FORMAT.read(HEADER, List.of(row("1", "Hoa", "")).iterator(), 10,
        r -> r.clash(Col.NAME, Kind.BAD_NAME, 7));
    var problem = reading.problems().get(0);
    assertThat(problem.otherRow()).isEqualTo(7);
    assertThat(problem.args()).containsExactly(7, "Hoa", null, "B");
  }

  @Test
  void aRowKnowsWhetherItsRuleFoundSomethingInOneColumnOrAnywhere() {
    var states = new ArrayList<String>();
    FORMAT.read(HEADER, List.of(row("1", "Hoa 2", "")).iterator(), 10, r -> {
      states.add(r.clean() + "/" + r.clean(Col.NAME));
      r.fail(Col.NAME, Kind.BAD_NAME);
      states.add(r.clean() + "/" + r.clean(Col.NAME) + "/" + r.clean(Col.SUBJECT));
    });
    assertThat(states).containsExactly("true/true", "false/false/true");
  }

  @Property
  void noMoreThanTheLimitOfDataRowsIsReadAndTheFirstRowTooManyIsNamed(
      @ForAll @IntRange(min = 0, max = 30) int dataRows, @ForAll @IntRange(min = 1, max = 20) int maxRows,
      @ForAll @IntRange(min = 0, max = 5) int blankEvery) {
    var rows = new ArrayList<List<String>>();
    var numbers = new ArrayList<Integer>();
    while (numbers.size() < dataRows) {
      if (blankEvery > 0 && rows.size() % (blankEvery + 1) == blankEvery) {
        rows.add(row("", "", ""));
      } else {
        rows.add(row("", "Hoa", ""));
        numbers.add(rows.size() + 1);
      }
    }
    var seen = new ArrayList<String>();
    var reading = read(HEADER, rows, maxRows, seen);
    assertThat(reading.rowsRead()).isEqualTo(Math.min(dataRows, maxRows));
    assertThat(seen).hasSize(Math.min(dataRows, maxRows));
    if (dataRows > maxRows) {
      assertThat(reading.problems()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("at").containsExactly(
          new RowProblem<>(numbers.get(maxRows), null, null, Kind.TOO_MANY_ROWS, "", null, String.valueOf(maxRows)));
    } else if (dataRows == 0) {
      assertThat(reading.problems()).extracting(RowProblem::kind).containsExactly(Kind.EMPTY_FILE);
    } else {
      assertThat(reading.ok()).isTrue();
    }
  }

  enum Incomplete { EMPTY_FILE, TOO_MANY_ROWS, MISSING_COLUMN, REQUIRED }

  @Test
  void anImportWhoseKindsLackOneOfTheKernelsIsRefusedWhenDeclared() {
    assertThatThrownBy(() -> ImportFormat.of(Col.class, Incomplete.class))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DUPLICATE_COLUMN");
  }
}
