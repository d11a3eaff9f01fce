package vn.bdtx.accounts;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.domain.accounts.AccountChanges;
import vn.bdtx.domain.accounts.AccountImport;
import vn.bdtx.domain.accounts.ImportColumn;
import vn.bdtx.domain.accounts.ImportProblem;
import vn.bdtx.domain.accounts.ImportedAccount;
import vn.bdtx.domain.accounts.Position;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.imports.Headers;
import vn.bdtx.domain.imports.RowProblem;
import vn.bdtx.domain.accounts.Level;
import vn.bdtx.domain.accounts.OrgUnitKind;
import vn.bdtx.domain.text.Folding;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.spreadsheet.ImportFiles;
import vn.bdtx.platform.spreadsheet.SpreadsheetProblem;
import vn.bdtx.platform.storage.FileTypes;

/**
 * Imports the accounts schools send. Every row is validated first (domain
 * {@link AccountImport}); only a file without problems is written, all of it in
 * one transaction, so an error changes nothing. Re-importing matches accounts by
 * normalised e-mail: a row that says what the account holds is unchanged (nothing
 * written), a changed row is updated and its changes reported field by field, and a
 * row that would give the account another person's name is held until the IT team
 * confirms it for that same file (by its SHA-256). Nothing is duplicated. No password is set
 * here: credential sheets issue them ({@link CredentialSheets}).
 */
@Service
public class AccountImporter {

  static final int CHUNK = 2_000;

  /**
   * The outcome shown on the report page: counts, each updated row's changes, the rows
   * held back because they would give an account another person's name (written only
   * once confirmed), the columns not read, and the legacy encoding the CSV was read in.
   */
  public record Report(String format, String encoding, int rowsRead, int created, int updated, int unchanged,
                       List<RowProblem<ImportColumn, ImportProblem>> problems, SpreadsheetProblem unreadable,
                       List<Headers.Ignored> ignored,
                       List<Changed> changes, List<Flagged> flagged, String fileHash) {
    public boolean ok() {
      return unreadable == null && problems.isEmpty();
    }

    static Report unreadable(SpreadsheetProblem problem) {
      return new Report(null, null, 0, 0, 0, 0, List.of(), problem, List.of(), List.of(), List.of(), null);
    }
  }

  /** An updated row: what it changed on the account it matched by e-mail. */
  public record Changed(int row, String email, String fullName, List<AccountChanges.FieldChange> changes) {
  }

  /** A row whose name is another person's: not written until the IT team confirms it. */
  public record Flagged(int row, String email, String currentName, String newName,
                        List<AccountChanges.FieldChange> changes) {
  }

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final AuditLog audit;
  private final Clock clock;
  private final ImportFiles files;
  private final Outbox outbox;

  AccountImporter(DatabaseClient db, Outbox outbox, TransactionalOperator tx, AuditLog audit, Clock clock,
                  ImportFiles files) {
    this.outbox = outbox;
    this.db = db;
    this.tx = tx;
    this.audit = audit;
    this.clock = clock;
    this.files = files;
  }

  public Mono<Report> importFile(Caller actor, Path file, String fileName) {
    return importFile(actor, file, fileName, null, Set.of());
  }

  /**
   * @param confirmedHash   the SHA-256 of the file whose flagged rows the IT team confirmed, or null
   * @param confirmedEmails the e-mails of the flagged rows confirmed; honoured only for that same file
   */
  public Mono<Report> importFile(Caller actor, Path file, String fileName, String confirmedHash,
                                 Set<String> confirmedEmails) {
    return schools().flatMap(schools -> Mono.fromCallable(() -> read(file, schools))
            .subscribeOn(Schedulers.boundedElastic()))
        .flatMap(read -> {
          if (read.report() != null) {
            return Mono.just(read.report());
          }
          var v = read.validation();
          if (!v.ok()) {
            return Mono.just(new Report(read.format(), read.encoding(), v.rowsRead(), 0, 0, 0, v.problems(), null,
                v.ignoredColumns(), List.of(), List.of(), read.hash()));
          }
          Set<String> confirmed = read.hash().equals(confirmedHash) ? confirmedEmails : Set.of();
          return existing(v.accounts()).flatMap(existing -> {
            var plan = plan(v.accounts(), existing, confirmed, v.columns());
            return write(actor, plan, read.schoolIds(), fileName, read, v);
          });
        });
  }

  private record Read(String format, String encoding, String hash, AccountImport.Validation validation,
                      Map<String, Long> schoolIds, Report report) {
  }

  private Read read(Path file, Schools schools) {
    return files.read(file, rows -> {
      var validation = AccountImport.validate(rows.header(), rows.rows(), schools::find, LocalDate.now(clock),
          files.maxRows());
      Map<String, Long> ids = new HashMap<>();
      schools.byCode().values().forEach(s -> ids.put(s.school().code(), s.id()));
      return new Read(rows.format(), rows.shownEncoding(), FileTypes.sha256(file), validation, ids, null);
    }, problem -> new Read(null, null, null, null, null, Report.unreadable(problem)));
  }

  private record SchoolRow(long id, String name, AccountImport.School school) {
  }

  /**
   * The schools by code, and by name as schools write it ("Trường TH Tân Phú" or "TH Tân
   * Phú", any case or diacritics); a name two schools share finds neither.
   */
  private record Schools(Map<String, SchoolRow> byCode, Map<String, List<SchoolRow>> byName) {
    Optional<AccountImport.School> find(String codeOrName) {
      SchoolRow row = byCode.get(codeOrName.strip().toLowerCase(Locale.ROOT));
      if (row == null) {
        List<SchoolRow> named = byName.getOrDefault(nameKey(codeOrName), List.of());
        row = named.size() == 1 ? named.get(0) : null;
      }
      return Optional.ofNullable(row).map(SchoolRow::school);
    }

    static String nameKey(String name) {
      String key = Folding.key(name);
      return key.startsWith("truong") ? key.substring("truong".length()) : key;
    }
  }

  private Mono<Schools> schools() {
    return db.sql("SELECT id, code, name, active, levels FROM org_unit WHERE kind = :kind")
        .bind("kind", OrgUnitKind.SCHOOL.name())
        .map((row, meta) -> new SchoolRow(row.get("id", Long.class), row.get("name", String.class),
            new AccountImport.School(row.get("code", String.class), Boolean.TRUE.equals(row.get("active", Boolean.class)),
                OrgUnit.levelsOf(row.get("levels", String.class)))))
        .all()
        .collectList()
        .map(rows -> {
          Map<String, SchoolRow> byCode = new HashMap<>();
          Map<String, List<SchoolRow>> byName = new HashMap<>();
          for (SchoolRow r : rows) {
            byCode.put(r.school().code().toLowerCase(Locale.ROOT), r);
            byName.computeIfAbsent(Schools.nameKey(r.name()), k -> new ArrayList<>()).add(r);
          }
          return new Schools(byCode, byName);
        });
  }

  /** The accounts the file's e-mails already name, as stored, with their roles at their school. */
  private Mono<Map<String, AccountChanges.Existing>> existing(List<ImportedAccount> accounts) {
    String[] emails = accounts.stream().map(ImportedAccount::email).toArray(String[]::new);
    return db.sql("""
            SELECT lower(a.email) AS email, a.full_name, a.date_of_birth, a.phone, o.code AS school_code, a.level,
                   a.position, a.main_subject, a.other_subjects,
                   (SELECT string_agg(g.role, ',') FROM role_grant g WHERE g.account_id = a.id
                      AND g.scope_type = 'SCHOOL' AND g.scope_id = a.school_id) AS roles
            FROM account a LEFT JOIN org_unit o ON o.id = a.school_id
            WHERE lower(a.email) = ANY(CAST(:emails AS text[]))""")
        .bind("emails", emails)
        .map((row, meta) -> Map.entry(row.get("email", String.class), new AccountChanges.Existing(
            row.get("full_name", String.class), row.get("date_of_birth", LocalDate.class), row.get("phone", String.class),
            row.get("school_code", String.class), enumOf(Level.class, row.get("level", String.class)),
            enumOf(Position.class, row.get("position", String.class)), row.get("main_subject", String.class),
            subjects(row.get("other_subjects", String.class)), roles(row.get("roles", String.class)))))
        .all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
    return name == null ? null : Enum.valueOf(type, name);
  }

  private static List<String> subjects(String stored) {
    return stored == null || stored.isBlank() ? List.of()
        : Arrays.stream(stored.split(";")).map(String::strip).filter(x -> !x.isEmpty()).toList();
  }

  private static Set<Role> roles(String stored) {
    return stored == null ? Set.of() : Arrays.stream(stored.split(",")).map(Role::valueOf).collect(Collectors.toSet());
  }

  /** What to write: new rows, changed rows (with their changes), unchanged rows, and rows held for confirmation. */
  private record Plan(List<ImportedAccount> toWrite, int unchanged, List<Changed> changes, List<Flagged> flagged) {
  }

  private static Plan plan(List<ImportedAccount> accounts, Map<String, AccountChanges.Existing> existing,
                           Set<String> confirmed, Set<ImportColumn> columns) {
    var toWrite = new ArrayList<ImportedAccount>();
    var changes = new ArrayList<Changed>();
    var flagged = new ArrayList<Flagged>();
    int unchanged = 0;
    for (ImportedAccount row : accounts) {
      AccountChanges.Existing now = existing.get(row.email());
      if (now == null) {
        toWrite.add(row);
        continue;
      }
      ImportedAccount a = AccountChanges.keepingAbsentColumns(row, now, columns);
      var fieldChanges = AccountChanges.of(a, now);
      if (fieldChanges.isEmpty()) {
        unchanged++;
      } else if (AccountChanges.namesAnotherPerson(now.fullName(), a.fullName()) && !confirmed.contains(a.email())) {
        flagged.add(new Flagged(a.row(), a.email(), now.fullName(), a.fullName(), fieldChanges));
      } else {
        toWrite.add(a);
        changes.add(new Changed(a.row(), a.email(), a.fullName(), fieldChanges));
      }
    }
    return new Plan(toWrite, unchanged, changes, flagged);
  }

  private Mono<Report> write(Caller actor, Plan plan, Map<String, Long> schoolIds, String fileName, Read read,
                             AccountImport.Validation v) {
    List<ImportedAccount> accounts = plan.toWrite();
    String format = read.format();
    int rowsRead = v.rowsRead();
    List<List<ImportedAccount>> chunks = new ArrayList<>();
    for (int i = 0; i < accounts.size(); i += CHUNK) {
      chunks.add(accounts.subList(i, Math.min(accounts.size(), i + CHUNK)));
    }
    return Flux.fromIterable(chunks)
        .concatMap(chunk -> upsert(chunk, schoolIds).flatMap(result -> grant(chunk, result, schoolIds).thenReturn(result)))
        .reduce(new int[2], (acc, r) -> {
          acc[0] += r.created();
          acc[1] += r.updated();
          return acc;
        })
        .flatMap(counts -> audit.record(actor, "ACCOUNTS_IMPORTED", "import", null, Map.of(
                "file", fileName, "format", format, "rows", rowsRead, "created", counts[0], "updated", counts[1],
                "unchanged", plan.unchanged(), "held", plan.flagged().size()))
            .thenReturn(new Report(format, read.encoding(), rowsRead, counts[0], counts[1], plan.unchanged(), List.of(),
                null, v.ignoredColumns(), plan.changes(), plan.flagged(), read.hash())))
        .as(tx::transactional);
  }

  private record Upserted(int created, int updated, Map<String, Long> idsByEmail) {
  }

  private Mono<Upserted> upsert(List<ImportedAccount> chunk, Map<String, Long> schoolIds) {
    int n = chunk.size();
    String[] emails = new String[n];
    String[] names = new String[n];
    String[] births = new String[n];
    String[] phones = new String[n];
    Long[] schools = new Long[n];
    String[] levels = new String[n];
    String[] positions = new String[n];
    String[] mains = new String[n];
    String[] others = new String[n];
    for (int i = 0; i < n; i++) {
      ImportedAccount a = chunk.get(i);
      emails[i] = a.email();
      names[i] = a.fullName();
      births[i] = a.dateOfBirth() == null ? null : a.dateOfBirth().toString();
      phones[i] = a.phone();
      schools[i] = schoolIds.get(a.schoolCode());
      levels[i] = a.level().name();
      positions[i] = a.position().name();
      mains[i] = a.mainSubject();
      others[i] = String.join("; ", a.otherSubjects());
    }
    return db.sql("""
            INSERT INTO account (username, email, full_name, date_of_birth, phone, school_id, level, position,
                                 main_subject, other_subjects, must_change_password)
            SELECT u.email, u.email, u.full_name, CAST(u.birth AS date), u.phone, u.school_id, u.level, u.position,
                   u.main_subject, u.other_subjects, TRUE
            FROM unnest(CAST(:emails AS text[]), CAST(:names AS text[]), CAST(:births AS text[]), CAST(:phones AS text[]),
                        CAST(:schools AS bigint[]), CAST(:levels AS text[]), CAST(:positions AS text[]),
                        CAST(:mains AS text[]), CAST(:others AS text[]))
                 AS u(email, full_name, birth, phone, school_id, level, position, main_subject, other_subjects)
            ON CONFLICT (email) DO UPDATE SET full_name = EXCLUDED.full_name, date_of_birth = EXCLUDED.date_of_birth,
              phone = EXCLUDED.phone, school_id = EXCLUDED.school_id, level = EXCLUDED.level,
              position = EXCLUDED.position, main_subject = EXCLUDED.main_subject,
              other_subjects = EXCLUDED.other_subjects, updated_at = now()
            RETURNING id, email, (xmax = 0) AS inserted""")
        .bind("emails", emails).bind("names", names).bind("births", births).bind("phones", phones)
        .bind("schools", schools).bind("levels", levels).bind("positions", positions)
        .bind("mains", mains).bind("others", others)
        .map((row, meta) -> new Object[] {row.get("id", Long.class), row.get("email", String.class),
            Boolean.TRUE.equals(row.get("inserted", Boolean.class))})
        .all()
        .collectList()
        .map(rows -> {
          Map<String, Long> ids = new HashMap<>();
          int created = 0;
          for (Object[] r : rows) {
            ids.put((String) r[1], (Long) r[0]);
            if ((Boolean) r[2]) {
              created++;
            }
          }
          return new Upserted(created, rows.size() - created, ids);
        })
        .flatMap(u -> outbox.publish(Topics.ACCOUNT, u.idsByEmail().values()).thenReturn(u));
  }

  /** Adds the rows' roles at their school; roles are never removed by an import (revoke them on the roles page). */
  private Mono<Void> grant(List<ImportedAccount> chunk, Upserted upserted, Map<String, Long> schoolIds) {
    var accountIds = new ArrayList<Long>();
    var roles = new ArrayList<String>();
    var scopes = new ArrayList<Long>();
    for (ImportedAccount a : chunk) {
      for (Role r : a.roles()) {
        accountIds.add(upserted.idsByEmail().get(a.email()));
        roles.add(r.name());
        scopes.add(schoolIds.get(a.schoolCode()));
      }
    }
    return db.sql("""
            INSERT INTO role_grant (account_id, role, scope_type, scope_id)
            SELECT g.account_id, g.role, 'SCHOOL', g.scope_id
            FROM unnest(CAST(:ids AS bigint[]), CAST(:roles AS text[]), CAST(:scopes AS bigint[])) AS g(account_id, role, scope_id)
            ON CONFLICT DO NOTHING""")
        .bind("ids", accountIds.toArray(Long[]::new))
        .bind("roles", roles.toArray(String[]::new))
        .bind("scopes", scopes.toArray(Long[]::new))
        .then();
  }
}
