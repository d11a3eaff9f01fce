package vn.bdtx.domain.accounts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.bdtx.domain.accounts.Level;
import vn.bdtx.domain.text.Dates;
import vn.bdtx.domain.text.Folding;
import vn.bdtx.domain.imports.Headers;
import vn.bdtx.domain.imports.ImportFormat;
import vn.bdtx.domain.imports.ImportRow;
import vn.bdtx.domain.imports.Reading;
import vn.bdtx.domain.imports.RowProblem;
import vn.bdtx.domain.text.PersonText;

/**
 * Validates every row of an account import before anything is written (seed 001
 * steps 1–2: the schools send lists, the department creates the accounts). The
 * result is either the normalised accounts or every problem found; the caller
 * writes only when there are no problems, so a file with errors changes nothing.
 */
public final class AccountImport {

  /** Roles an import may grant; the others are granted one person at a time. */
  public static final Set<Role> IMPORTABLE_ROLES =
      EnumSet.of(Role.LEARNER, Role.CORE_TEACHER, Role.LECTURER, Role.ASSISTANT, Role.PRINCIPAL);
  static final LocalDate EARLIEST_BIRTH = LocalDate.of(1940, 1, 1);
  static final int MAX_TEXT = 200;

  /** What the import needs to know about a school, looked up by its code (any case). */
  public interface Schools {
    Optional<School> byCode(String code);
  }

  public record School(String code, boolean active, Set<Level> levels) {
  }

  /** How an account file is read: its columns, and its problems (the kernel's included). */
  public static final ImportFormat<ImportColumn, ImportProblem> FORMAT =
      ImportFormat.of(ImportColumn.class, ImportProblem.class);

  /** The outcome: the accounts when {@link #problems} is empty; otherwise write nothing. */
  public record Validation(List<ImportedAccount> accounts, List<RowProblem<ImportColumn, ImportProblem>> problems,
                           int rowsRead, List<Headers.Ignored> ignoredColumns, Set<ImportColumn> columns) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private AccountImport() {
  }

  /** A date of birth is plausible for a teacher: from 1940 until 18 years before {@code today}. */
  public static boolean plausibleBirthDate(LocalDate birth, LocalDate today) {
    return !birth.isBefore(EARLIEST_BIRTH) && !birth.isAfter(today.minusYears(18));
  }

  /**
   * @param header  the first row's cells
   * @param rows    the following rows, in file order (blank rows are skipped)
   * @param today   the import date, for the plausible range of birth dates
   * @param maxRows the most data rows one file may hold
   */
  public static Validation validate(List<String> header, Iterator<List<String>> rows, Schools schools,
                                    LocalDate today, int maxRows) {
    var accounts = new ArrayList<ImportedAccount>();
    Map<String, Integer> emailRows = new HashMap<>();
    Map<String, Optional<School>> schoolCache = new HashMap<>();
    Reading<ImportColumn, ImportProblem> reading = FORMAT.read(header, rows, maxRows,
        row -> new RowReader(row).read(schools, schoolCache, today, emailRows).ifPresent(accounts::add));
    return new Validation(reading.ok() ? List.copyOf(accounts) : List.of(), reading.problems(), reading.rowsRead(),
        reading.ignored(), reading.columns());
  }

  /** Reads one row, adding a problem for every bad cell. */
  private static final class RowReader {
    private final ImportRow<ImportColumn, ImportProblem> row;

    RowReader(ImportRow<ImportColumn, ImportProblem> row) {
      this.row = row;
    }

    Optional<ImportedAccount> read(Schools schools, Map<String, Optional<School>> schoolCache, LocalDate today,
                                   Map<String, Integer> emailRows) {
      String name = row.required(ImportColumn.FULL_NAME);
      String fullName = name == null ? null : PersonText.name(name).orElseGet(() -> fail(ImportColumn.FULL_NAME, ImportProblem.BAD_NAME));
      if (fullName != null && fullName.length() > MAX_TEXT) {
        fullName = fail(ImportColumn.FULL_NAME, ImportProblem.TOO_LONG);
      }

      String rawEmail = row.required(ImportColumn.EMAIL);
      String email = rawEmail == null ? null : PersonText.email(rawEmail).orElseGet(() -> fail(ImportColumn.EMAIL, ImportProblem.BAD_EMAIL));
      if (email != null) {
        Integer first = emailRows.putIfAbsent(email, row.number());
        if (first != null) {
          row.clash(ImportColumn.EMAIL, ImportProblem.DUPLICATE_IN_FILE, first);
        }
      }

      LocalDate birth = date(row.cell(ImportColumn.DATE_OF_BIRTH), today);
      String rawPhone = row.cell(ImportColumn.PHONE);
      String phone = rawPhone == null ? null : PersonText.phone(rawPhone).orElseGet(() -> fail(ImportColumn.PHONE, ImportProblem.BAD_PHONE));

      String code = row.required(ImportColumn.SCHOOL_CODE);
      School school = null;
      if (code != null) {
        school = schoolCache.computeIfAbsent(Folding.key(code), k -> schools.byCode(code.strip())).orElse(null);
        if (school == null) {
          fail(ImportColumn.SCHOOL_CODE, ImportProblem.UNKNOWN_SCHOOL);
        } else if (!school.active()) {
          fail(ImportColumn.SCHOOL_CODE, ImportProblem.SCHOOL_INACTIVE);
        }
      }

      String rawLevel = row.required(ImportColumn.LEVEL);
      Level level = rawLevel == null ? null : Level.parse(rawLevel).orElseGet(() -> fail(ImportColumn.LEVEL, ImportProblem.BAD_LEVEL));
      if (level != null && school != null && !school.levels().isEmpty() && !school.levels().contains(level)) {
        fail(ImportColumn.LEVEL, ImportProblem.LEVEL_NOT_AT_SCHOOL);
      }

      String rawPosition = row.required(ImportColumn.POSITION);
      Position position = rawPosition == null ? null
          : Position.parse(rawPosition).orElseGet(() -> fail(ImportColumn.POSITION, ImportProblem.BAD_POSITION));

      String mainSubject = text(ImportColumn.MAIN_SUBJECT);
      String others = text(ImportColumn.OTHER_SUBJECTS);
      List<String> otherSubjects = others == null ? List.of()
          : Arrays.stream(others.split("[,;]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
      Set<Role> roles = roles(row.cell(ImportColumn.ROLES));

      if (!row.clean()) {
        return Optional.empty();
      }
      return Optional.of(new ImportedAccount(row.number(), fullName, email, birth, phone, school.code(), level, position,
          mainSubject, otherSubjects, roles));
    }

    private String text(ImportColumn column) {
      String v = row.cell(column);
      if (v == null) {
        return null;
      }
      String nfc = ImportRow.normalised(v);
      if (nfc.length() > MAX_TEXT) {
        return fail(column, ImportProblem.TOO_LONG);
      }
      if (nfc.codePoints().anyMatch(cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT)) {
        return fail(column, ImportProblem.BAD_TEXT);
      }
      return nfc;
    }

    private LocalDate date(String raw, LocalDate today) {
      if (raw == null) {
        return null;
      }
      Optional<LocalDate> d = Dates.parse(raw);
      if (d.isEmpty()) {
        return fail(ImportColumn.DATE_OF_BIRTH, ImportProblem.BAD_DATE);
      }
      if (!plausibleBirthDate(d.get(), today)) {
        return fail(ImportColumn.DATE_OF_BIRTH, ImportProblem.DATE_OUT_OF_RANGE);
      }
      return d.get();
    }

    private Set<Role> roles(String raw) {
      if (raw == null) {
        return Set.of(Role.LEARNER);
      }
      var roles = new LinkedHashSet<Role>();
      for (String part : raw.split("[,;]")) {
        if (part.isBlank()) {
          continue;
        }
        Optional<Role> role = RoleNames.parse(part);
        if (role.isEmpty()) {
          failNaming(ImportColumn.ROLES, ImportProblem.BAD_ROLE, part.strip());
        } else if (!IMPORTABLE_ROLES.contains(role.get())) {
          failNaming(ImportColumn.ROLES, ImportProblem.ROLE_NOT_IMPORTABLE, part.strip());
        } else {
          roles.add(role.get());
        }
      }
      return roles.isEmpty() ? Set.of(Role.LEARNER) : Set.copyOf(roles);
    }

    private <T> T fail(ImportColumn column, ImportProblem problem) {
      return row.fail(column, problem);
    }

    private <T> T failNaming(ImportColumn column, ImportProblem problem, String detail) {
      return row.failNaming(column, problem, detail);
    }
  }
}
