package vn.bdtx.domain.accounts;

import java.text.Normalizer;
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
import vn.bdtx.domain.accounts.ImportProblem.Problem;
import vn.bdtx.domain.org.Level;
import vn.bdtx.domain.text.Dates;
import vn.bdtx.domain.text.Folding;
import vn.bdtx.domain.text.Headers;
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

  /** The outcome: the accounts when {@link #problems} is empty; otherwise write nothing. */
  public record Validation(List<ImportedAccount> accounts, List<ImportProblem> problems, int rowsRead,
                           List<Headers.Ignored> ignoredColumns, Set<ImportColumn> columns) {
    public Validation(List<ImportedAccount> accounts, List<ImportProblem> problems, int rowsRead) {
      this(accounts, problems, rowsRead, List.of(), Set.of());
    }

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
    var problems = new ArrayList<ImportProblem>();
    if (header == null || header.stream().allMatch(c -> c == null || c.isBlank())) {
      return new Validation(List.of(), List.of(ImportProblem.at(1, null, Problem.EMPTY_FILE, "")), 0);
    }
    var match = Headers.match(header, ImportColumn.class, ImportColumn::headers);
    Map<ImportColumn, Integer> index = match.index();
    match.duplicates().forEach(d -> problems.add(ImportProblem.at(1, d.column(), Problem.DUPLICATE_COLUMN, d.header())));
    for (ImportColumn c : ImportColumn.values()) {
      if (c.required() && !index.containsKey(c)) {
        problems.add(ImportProblem.at(1, c, Problem.MISSING_COLUMN, ""));
      }
    }
    if (!problems.isEmpty()) {
      return new Validation(List.of(), List.copyOf(problems), 0, match.ignored(), Set.copyOf(index.keySet()));
    }

    var accounts = new ArrayList<ImportedAccount>();
    Map<String, Integer> emailRows = new HashMap<>();
    Map<String, Optional<School>> schoolCache = new HashMap<>();
    int rowNumber = 1;
    int dataRows = 0;
    while (rows.hasNext()) {
      List<String> cells = rows.next();
      rowNumber++;
      if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
        continue;
      }
      if (++dataRows > maxRows) {
        problems.add(ImportProblem.at(rowNumber, null, Problem.TOO_MANY_ROWS, String.valueOf(maxRows)));
        break;
      }
      var row = new RowReader(rowNumber, cells, index, problems);
      Optional<ImportedAccount> account = row.read(schools, schoolCache, today, emailRows);
      account.ifPresent(accounts::add);
    }
    if (dataRows == 0 && problems.isEmpty()) {
      problems.add(ImportProblem.at(2, null, Problem.EMPTY_FILE, ""));
    }
    return new Validation(problems.isEmpty() ? List.copyOf(accounts) : List.of(), List.copyOf(problems), dataRows,
        match.ignored(), Set.copyOf(index.keySet()));
  }

  /** Reads one row, adding a problem for every bad cell. */
  private static final class RowReader {
    private final int row;
    private final List<String> cells;
    private final Map<ImportColumn, Integer> index;
    private final List<ImportProblem> problems;
    private final int problemsBefore;

    RowReader(int row, List<String> cells, Map<ImportColumn, Integer> index, List<ImportProblem> problems) {
      this.row = row;
      this.cells = cells;
      this.index = index;
      this.problems = problems;
      this.problemsBefore = problems.size();
    }

    Optional<ImportedAccount> read(Schools schools, Map<String, Optional<School>> schoolCache, LocalDate today,
                                   Map<String, Integer> emailRows) {
      String name = required(ImportColumn.FULL_NAME);
      String fullName = name == null ? null : PersonText.name(name).orElseGet(() -> fail(ImportColumn.FULL_NAME, Problem.BAD_NAME, name));
      if (fullName != null && fullName.length() > MAX_TEXT) {
        fullName = fail(ImportColumn.FULL_NAME, Problem.TOO_LONG, name);
      }

      String rawEmail = required(ImportColumn.EMAIL);
      String email = rawEmail == null ? null : PersonText.email(rawEmail).orElseGet(() -> fail(ImportColumn.EMAIL, Problem.BAD_EMAIL, rawEmail));
      if (email != null) {
        Integer first = emailRows.putIfAbsent(email, row);
        if (first != null) {
          problems.add(new ImportProblem(row, ImportColumn.EMAIL, Problem.DUPLICATE_IN_FILE, rawEmail, first));
        }
      }

      LocalDate birth = date(optional(ImportColumn.DATE_OF_BIRTH), today);
      String rawPhone = optional(ImportColumn.PHONE);
      String phone = rawPhone == null ? null : PersonText.phone(rawPhone).orElseGet(() -> fail(ImportColumn.PHONE, Problem.BAD_PHONE, rawPhone));

      String code = required(ImportColumn.SCHOOL_CODE);
      School school = null;
      if (code != null) {
        school = schoolCache.computeIfAbsent(Folding.key(code), k -> schools.byCode(code.strip())).orElse(null);
        if (school == null) {
          fail(ImportColumn.SCHOOL_CODE, Problem.UNKNOWN_SCHOOL, code);
        } else if (!school.active()) {
          fail(ImportColumn.SCHOOL_CODE, Problem.SCHOOL_INACTIVE, code);
        }
      }

      String rawLevel = required(ImportColumn.LEVEL);
      Level level = rawLevel == null ? null : Level.parse(rawLevel).orElseGet(() -> fail(ImportColumn.LEVEL, Problem.BAD_LEVEL, rawLevel));
      if (level != null && school != null && !school.levels().isEmpty() && !school.levels().contains(level)) {
        fail(ImportColumn.LEVEL, Problem.LEVEL_NOT_AT_SCHOOL, rawLevel);
      }

      String rawPosition = required(ImportColumn.POSITION);
      Position position = rawPosition == null ? null
          : Position.parse(rawPosition).orElseGet(() -> fail(ImportColumn.POSITION, Problem.BAD_POSITION, rawPosition));

      String mainSubject = text(ImportColumn.MAIN_SUBJECT);
      String others = text(ImportColumn.OTHER_SUBJECTS);
      List<String> otherSubjects = others == null ? List.of()
          : Arrays.stream(others.split("[,;]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
      Set<Role> roles = roles(optional(ImportColumn.ROLES));

      if (problems.size() > problemsBefore) {
        return Optional.empty();
      }
      return Optional.of(new ImportedAccount(row, fullName, email, birth, phone, school.code(), level, position,
          mainSubject, otherSubjects, roles));
    }

    private String cell(ImportColumn column) {
      Integer i = index.get(column);
      if (i == null || i >= cells.size() || cells.get(i) == null) {
        return null;
      }
      String v = cells.get(i).strip();
      return v.isEmpty() ? null : v;
    }

    private String required(ImportColumn column) {
      String v = cell(column);
      if (v == null) {
        fail(column, Problem.REQUIRED, "");
      }
      return v;
    }

    private String optional(ImportColumn column) {
      return cell(column);
    }

    private String text(ImportColumn column) {
      String v = cell(column);
      if (v == null) {
        return null;
      }
      String nfc = Normalizer.normalize(v, Normalizer.Form.NFC).replaceAll("\\s+", " ");
      if (nfc.length() > MAX_TEXT) {
        return fail(column, Problem.TOO_LONG, v.substring(0, 40) + "…");
      }
      if (nfc.codePoints().anyMatch(cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT)) {
        return fail(column, Problem.BAD_TEXT, v);
      }
      return nfc;
    }

    private LocalDate date(String raw, LocalDate today) {
      if (raw == null) {
        return null;
      }
      Optional<LocalDate> d = Dates.parse(raw);
      if (d.isEmpty()) {
        return fail(ImportColumn.DATE_OF_BIRTH, Problem.BAD_DATE, raw);
      }
      if (!plausibleBirthDate(d.get(), today)) {
        return fail(ImportColumn.DATE_OF_BIRTH, Problem.DATE_OUT_OF_RANGE, raw);
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
          fail(ImportColumn.ROLES, Problem.BAD_ROLE, part.strip());
        } else if (!IMPORTABLE_ROLES.contains(role.get())) {
          fail(ImportColumn.ROLES, Problem.ROLE_NOT_IMPORTABLE, part.strip());
        } else {
          roles.add(role.get());
        }
      }
      return roles.isEmpty() ? Set.of(Role.LEARNER) : Set.copyOf(roles);
    }

    private <T> T fail(ImportColumn column, Problem problem, String value) {
      problems.add(ImportProblem.at(row, column, problem, value));
      return null;
    }
  }
}
