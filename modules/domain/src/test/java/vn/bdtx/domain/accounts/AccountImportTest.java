package vn.bdtx.domain.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.bdtx.domain.accounts.AccountImport.School;
import vn.bdtx.domain.imports.RowProblem;
import vn.bdtx.domain.accounts.Level;

class AccountImportTest {

  static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
  static final List<String> HEADER = List.of("Họ và tên", "Email", "Ngày sinh", "Điện thoại", "Mã trường",
      "Cấp học", "Chức vụ", "Môn chính", "Môn khác", "Vai trò");
  static final AccountImport.Schools SCHOOLS = code -> Optional.ofNullable(Map.of(
      "th-an-loc", new School("TH-AN-LOC", true, Set.of(Level.PRIMARY)),
      "thcs-dong-xoai", new School("THCS-DONG-XOAI", true, Set.of(Level.LOWER_SECONDARY)),
      "th-cu", new School("TH-CU", false, Set.of(Level.PRIMARY))).get(code.toLowerCase()));

  static List<String> row(String... cells) {
    return Arrays.asList(cells);
  }

  static List<String> good(String email) {
    return row("Nguyễn Thị Hoa", email, "05/09/1985", "0912 345 678", "TH-AN-LOC", "TH", "GV", "Toán", "Tiếng Việt; Đạo đức", "");
  }

  static AccountImport.Validation validate(List<String> header, List<List<String>> rows) {
    return AccountImport.validate(header, rows.iterator(), SCHOOLS, TODAY, 60_000);
  }

  @Test
  void aGoodRowBecomesANormalisedAccount() {
    var v = validate(HEADER, List.of(good("  Hoa.Nguyen@Example.EDU.vn ")));
    assertThat(v.ok()).isTrue();
    var a = v.accounts().get(0);
    assertThat(a.row()).isEqualTo(2);
    assertThat(a.email()).isEqualTo("hoa.nguyen@example.edu.vn");
    assertThat(a.dateOfBirth()).isEqualTo(LocalDate.of(1985, 9, 5));
    assertThat(a.phone()).isEqualTo("0912345678");
    assertThat(a.schoolCode()).isEqualTo("TH-AN-LOC");
    assertThat(a.level()).isEqualTo(Level.PRIMARY);
    assertThat(a.position()).isEqualTo(Position.TEACHER);
    assertThat(a.otherSubjects()).containsExactly("Tiếng Việt", "Đạo đức");
    assertThat(a.roles()).containsExactly(Role.LEARNER);
  }

  @Test
  void nguyenTypedWithCombiningMarksIsStoredAsTheSameNameInNfc() {
    String decomposed = "Nguye\u0302\u0303n Va\u0306n An";
    var v = validate(HEADER, List.of(row(decomposed, "an@x.vn", "", "", "TH-AN-LOC", "TH", "GV", "", "", "")));
    assertThat(v.accounts().get(0).fullName()).isEqualTo("Nguyễn Văn An");
  }

  @Test
  void headersAreMatchedWithoutCaseDiacriticsOrSpacing() {
    var header = List.of("HO_VA_TEN", "email", "ma truong", "CAP HOC", "chuc vu");
    var v = validate(header, List.of(row("Lê Văn Tám", "tam@x.vn", "th-an-loc", "Tiểu học", "Giáo viên")));
    assertThat(v.ok()).isTrue();
  }

  @Test
  void aMissingRequiredColumnIsReportedOnTheHeaderRowAndNothingElseIsRead() {
    var v = validate(List.of("Họ và tên", "Email", "Cấp học", "Chức vụ"), List.of(good("a@x.vn")));
    assertThat(v.problems()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("at").containsExactly(new RowProblem<>(1, ImportColumn.SCHOOL_CODE, ImportProblem.MISSING_COLUMN, "", null));
    assertThat(v.accounts()).isEmpty();
  }

  @ParameterizedTest(name = "{0} = \"{1}\" → {2}")
  @CsvSource(delimiter = '|', value = {
      "FULL_NAME|=HYPERLINK(\"http://x\",\"y\")|BAD_NAME",
      "FULL_NAME|<img src=x onerror=alert(1)>|BAD_NAME",
      "FULL_NAME|Nguyễn\u202EVăn|BAD_NAME",
      "FULL_NAME||REQUIRED",
      "EMAIL|hoa.example.vn|BAD_EMAIL",
      "EMAIL|hoa@@x.vn|BAD_EMAIL",
      "DATE_OF_BIRTH|31/02/1985|BAD_DATE",
      "DATE_OF_BIRTH|1985/13/01|BAD_DATE",
      "DATE_OF_BIRTH|01/01/2015|DATE_OUT_OF_RANGE",
      "DATE_OF_BIRTH|01/01/1900|DATE_OUT_OF_RANGE",
      "PHONE|12345|BAD_PHONE",
      "SCHOOL_CODE|KHONG-CO|UNKNOWN_SCHOOL",
      "SCHOOL_CODE|TH-CU|SCHOOL_INACTIVE",
      "LEVEL|Đại học|BAD_LEVEL",
      "LEVEL|THCS|LEVEL_NOT_AT_SCHOOL",
      "POSITION|Hiệu phó|BAD_POSITION",
      "ROLES|siêu nhân|BAD_ROLE",
      "ROLES|IT_ADMIN|ROLE_NOT_IMPORTABLE",
      "MAIN_SUBJECT|To\u0007án|BAD_TEXT"})
  void aBadCellIsReportedWithRowColumnAndValue(ImportColumn column, String value, ImportProblem problem) {
    List<String> cells = new ArrayList<>(good("hoa@x.vn"));
    cells.set(HEADER.indexOf(headerOf(column)), value == null ? "" : value);
    var v = validate(HEADER, List.of(good("first@x.vn"), cells));
    assertThat(v.ok()).isFalse();
    assertThat(v.accounts()).as("nothing to write when any row is wrong").isEmpty();
    assertThat(v.problems()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("at").containsExactly(new RowProblem<>(3, column, null, problem, value == null ? "" : value, null,
        column == ImportColumn.ROLES ? value : null));
  }

  @Test
  void anEmailRepeatedInTheFileNamesTheRowItRepeats() {
    var v = validate(HEADER, List.of(good("hoa@x.vn"), good("lan@x.vn"), good("HOA@x.vn")));
    assertThat(v.problems()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("at").containsExactly(new RowProblem<>(4, ImportColumn.EMAIL, ImportProblem.DUPLICATE_IN_FILE, "HOA@x.vn", 2));
  }

  @Test
  void everyProblemInEveryRowIsReportedNotOnlyTheFirst() {
    var v = validate(HEADER, List.of(
        row("", "bad", "31/02/1985", "", "TH-AN-LOC", "TH", "GV", "", "", ""),
        row("Trần Văn B", "b@x.vn", "", "", "NOPE", "TH", "GV", "", "", "")));
    assertThat(v.problems()).extracting(RowProblem::row, RowProblem::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple(2, ImportProblem.REQUIRED),
        org.assertj.core.groups.Tuple.tuple(2, ImportProblem.BAD_EMAIL),
        org.assertj.core.groups.Tuple.tuple(2, ImportProblem.BAD_DATE),
        org.assertj.core.groups.Tuple.tuple(3, ImportProblem.UNKNOWN_SCHOOL));
  }

  @Test
  void blankRowsAreSkippedButKeepTheirRowNumbers() {
    var v = validate(HEADER, List.of(row("", "", ""), good("hoa@x.vn")));
    assertThat(v.accounts()).extracting(ImportedAccount::row).containsExactly(3);
  }

  @Test
  void anEmptyFileIsAProblemNotASuccess() {
    assertThat(validate(List.of(), List.of()).problems()).extracting(RowProblem::kind).containsExactly(ImportProblem.EMPTY_FILE);
    assertThat(validate(HEADER, List.of()).problems()).extracting(RowProblem::kind).containsExactly(ImportProblem.EMPTY_FILE);
  }

  @Test
  void aFileLongerThanTheLimitIsRefused() {
    var rows = new ArrayList<List<String>>();
    for (int i = 0; i < 4; i++) {
      rows.add(good("p" + i + "@x.vn"));
    }
    var v = AccountImport.validate(HEADER, rows.iterator(), SCHOOLS, TODAY, 3);
    assertThat(v.problems()).extracting(RowProblem::kind).containsExactly(ImportProblem.TOO_MANY_ROWS);
  }

  @Test
  void rolesAreReadInVietnameseOrCodeNames() {
    List<String> cells = new ArrayList<>(good("cc@x.vn"));
    cells.set(9, "Học viên; cốt cán");
    assertThat(validate(HEADER, List.<List<String>>of(cells)).accounts().get(0).roles())
        .containsExactlyInAnyOrder(Role.LEARNER, Role.CORE_TEACHER);
  }

  private static String headerOf(ImportColumn column) {
    return HEADER.get(List.of(ImportColumn.FULL_NAME, ImportColumn.EMAIL, ImportColumn.DATE_OF_BIRTH, ImportColumn.PHONE,
        ImportColumn.SCHOOL_CODE, ImportColumn.LEVEL, ImportColumn.POSITION, ImportColumn.MAIN_SUBJECT,
        ImportColumn.OTHER_SUBJECTS, ImportColumn.ROLES).indexOf(column));
  }
}
