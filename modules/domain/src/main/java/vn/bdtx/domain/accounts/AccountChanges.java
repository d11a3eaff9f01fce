package vn.bdtx.domain.accounts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import vn.bdtx.domain.accounts.Level;
import vn.bdtx.domain.text.Folding;

/**
 * What a re-imported row changes on the account it matches by e-mail: each field's
 * old and new value, nothing when the row says what the account already holds (so
 * the report counts it as unchanged). A row that gives the account another person's
 * name is flagged for the IT team to confirm ({@link #namesAnotherPerson}).
 */
public final class AccountChanges {

  /** The account as stored: its fields and the roles it holds at its school. */
  public record Existing(String fullName, LocalDate dateOfBirth, String phone, String schoolCode, Level level,
                         Position position, String mainSubject, List<String> otherSubjects, Set<Role> rolesAtSchool) {
  }

  /**
   * One changed field. Values are as stored (codes for the level, position and roles,
   * which the page translates); null is empty.
   */
  public record FieldChange(ImportColumn column, List<String> before, List<String> after) {
  }

  private AccountChanges() {
  }

  /**
   * The row as it applies to the account: a field whose column the file does not have
   * keeps the account's value (a list without a "Ngày sinh" column erases no birth
   * date), while an empty cell in a column the file has clears it.
   */
  public static ImportedAccount keepingAbsentColumns(ImportedAccount row, Existing now, Set<ImportColumn> columns) {
    return new ImportedAccount(row.row(), row.fullName(), row.email(),
        columns.contains(ImportColumn.DATE_OF_BIRTH) ? row.dateOfBirth() : now.dateOfBirth(),
        columns.contains(ImportColumn.PHONE) ? row.phone() : now.phone(),
        row.schoolCode(), row.level(), row.position(),
        columns.contains(ImportColumn.MAIN_SUBJECT) ? row.mainSubject() : now.mainSubject(),
        columns.contains(ImportColumn.OTHER_SUBJECTS) ? row.otherSubjects() : now.otherSubjects(),
        row.roles());
  }

  /** The fields the row changes, in column order; empty when the row changes nothing. */
  public static List<FieldChange> of(ImportedAccount row, Existing now) {
    var changes = new ArrayList<FieldChange>();
    add(changes, ImportColumn.FULL_NAME, now.fullName(), row.fullName());
    add(changes, ImportColumn.DATE_OF_BIRTH, str(now.dateOfBirth()), str(row.dateOfBirth()));
    add(changes, ImportColumn.PHONE, now.phone(), row.phone());
    boolean sameSchool = now.schoolCode() != null && now.schoolCode().equalsIgnoreCase(row.schoolCode());
    if (!sameSchool) {
      changes.add(new FieldChange(ImportColumn.SCHOOL_CODE, listOf(now.schoolCode()), List.of(row.schoolCode())));
    }
    add(changes, ImportColumn.LEVEL, name(now.level()), name(row.level()));
    add(changes, ImportColumn.POSITION, name(now.position()), name(row.position()));
    add(changes, ImportColumn.MAIN_SUBJECT, now.mainSubject(), row.mainSubject());
    if (!now.otherSubjects().equals(row.otherSubjects())) {
      changes.add(new FieldChange(ImportColumn.OTHER_SUBJECTS, now.otherSubjects(), row.otherSubjects()));
    }
    // An import only adds roles at the row's school; one already held there is no change.
    Set<Role> held = sameSchool ? now.rolesAtSchool() : Set.of();
    if (!held.containsAll(row.roles())) {
      var after = new LinkedHashSet<Role>(held);
      after.addAll(row.roles());
      changes.add(new FieldChange(ImportColumn.ROLES, roles(held), roles(after)));
    }
    return List.copyOf(changes);
  }

  /**
   * Whether a new name is another person's rather than the same name corrected. A
   * correction keeps the family name (first word) and the given name (last word)
   * once case, diacritics and spacing are set aside: "Nguyen Thi Hoa" → "Nguyễn Thị
   * Hoa" and "Nguyễn Hoa" → "Nguyễn Thị Hoa" are corrections; "Nguyễn Thị Hoa" →
   * "Nguyễn Văn Minh" names another person. Sharing a word is not enough: about
   * four Vietnamese in ten are called Nguyễn.
   */
  public static boolean namesAnotherPerson(String before, String after) {
    List<String> b = words(before);
    List<String> a = words(after);
    if (b.isEmpty() || a.isEmpty()) {
      return !b.equals(a);
    }
    return !b.get(0).equals(a.get(0)) || !b.get(b.size() - 1).equals(a.get(a.size() - 1));
  }

  private static List<String> words(String name) {
    if (name == null) {
      return List.of();
    }
    return Arrays.stream(name.strip().split("\\s+")).map(Folding::key).filter(w -> !w.isEmpty()).toList();
  }

  private static void add(List<FieldChange> changes, ImportColumn column, String before, String after) {
    if (!Objects.equals(before, after)) {
      changes.add(new FieldChange(column, listOf(before), listOf(after)));
    }
  }

  private static List<String> listOf(String v) {
    return v == null ? List.of() : List.of(v);
  }

  private static String str(LocalDate d) {
    return d == null ? null : d.toString();
  }

  private static String name(Enum<?> e) {
    return e == null ? null : e.name();
  }

  private static List<String> roles(Set<Role> roles) {
    return roles.stream().sorted().map(Role::name).toList();
  }
}
