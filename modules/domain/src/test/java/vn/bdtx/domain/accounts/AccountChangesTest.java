package vn.bdtx.domain.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.bdtx.domain.accounts.Level;

class AccountChangesTest {

  static final AccountChanges.Existing HOA = new AccountChanges.Existing("Nguyễn Thị Hoa", LocalDate.of(1985, 9, 5),
      "0912345678", "TH-TAN-PHU", Level.PRIMARY, Position.TEACHER, "Toán", List.of("Tiếng Việt"), Set.of(Role.LEARNER));

  static ImportedAccount row(String name, String phone, String main, Set<Role> roles) {
    return new ImportedAccount(2, name, "hoa@x.edu.vn", LocalDate.of(1985, 9, 5), phone, "th-tan-phu", Level.PRIMARY,
        Position.TEACHER, main, List.of("Tiếng Việt"), roles);
  }

  @Test
  void aRowThatSaysWhatTheAccountHoldsChangesNothing() {
    assertThat(AccountChanges.of(row("Nguyễn Thị Hoa", "0912345678", "Toán", Set.of(Role.LEARNER)), HOA)).isEmpty();
  }

  @Test
  void eachChangedFieldIsListedWithItsOldAndNewValue() {
    var changes = AccountChanges.of(row("Nguyễn Thị Hoa", null, "Ngữ văn", Set.of(Role.LEARNER, Role.CORE_TEACHER)), HOA);
    assertThat(changes).containsExactly(
        new AccountChanges.FieldChange(ImportColumn.PHONE, List.of("0912345678"), List.of()),
        new AccountChanges.FieldChange(ImportColumn.MAIN_SUBJECT, List.of("Toán"), List.of("Ngữ văn")),
        new AccountChanges.FieldChange(ImportColumn.ROLES, List.of("LEARNER"), List.of("LEARNER", "CORE_TEACHER")));
  }

  @Test
  void aColumnTheFileDoesNotHaveKeepsTheAccountsValueAndAnEmptyCellClearsIt() {
    var row = new ImportedAccount(2, "Nguyễn Thị Hoa", "hoa@x.edu.vn", null, null, "TH-TAN-PHU", Level.PRIMARY,
        Position.TEACHER, null, List.of(), Set.of(Role.LEARNER));
    var kept = AccountChanges.keepingAbsentColumns(row, HOA, Set.of(ImportColumn.FULL_NAME, ImportColumn.EMAIL,
        ImportColumn.SCHOOL_CODE, ImportColumn.LEVEL, ImportColumn.POSITION, ImportColumn.PHONE));
    assertThat(AccountChanges.of(kept, HOA)).containsExactly(
        new AccountChanges.FieldChange(ImportColumn.PHONE, List.of("0912345678"), List.of()));
  }

  @ParameterizedTest
  @CsvSource({"Nguyễn Thị Hoa,Nguyen Thi Hoa", "Nguyễn Thị Hoa,NGUYỄN  THỊ HOA", "Nguyễn Hoa,Nguyễn Thị Hoa",
      "Nguyễn Thị Hoa,Nguyễn Thị Thu Hoa", "Lê Thị Hà,Lê Thị Thu Hà"})
  void aCorrectedNameIsTheSamePerson(String before, String after) {
    assertThat(AccountChanges.namesAnotherPerson(before, after)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"Nguyễn Thị Hoa,Nguyễn Văn Minh", "Nguyễn Thị Hoa,Trần Thị Hoa", "Nguyễn Thị Hoa,Lê Văn Tám",
      "Nguyễn Thị Hoa,Hoa"})
  void aNameWithAnotherFamilyOrGivenNameIsAnotherPerson(String before, String after) {
    assertThat(AccountChanges.namesAnotherPerson(before, after)).isTrue();
  }
}
