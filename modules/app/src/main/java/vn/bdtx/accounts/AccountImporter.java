package vn.bdtx.accounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.domain.accounts.AccountImport;
import vn.bdtx.domain.accounts.ImportProblem;
import vn.bdtx.domain.accounts.ImportedAccount;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.org.OrgUnitKind;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.spreadsheet.SpreadsheetProblem;
import vn.bdtx.platform.spreadsheet.Spreadsheets;

/**
 * Imports the accounts schools send. Every row is validated first (domain
 * {@link AccountImport}); only a file without problems is written, all of it in
 * one transaction, so an error changes nothing. Re-importing matches accounts by
 * normalised e-mail and updates them: nothing is duplicated. No password is set
 * here: credential sheets issue them ({@link CredentialSheets}).
 */
@Service
public class AccountImporter {

  static final int CHUNK = 2_000;

  /** The outcome shown on the report page. */
  public record Report(String format, int rowsRead, int created, int updated, List<ImportProblem> problems,
                       SpreadsheetProblem unreadable) {
    public boolean ok() {
      return unreadable == null && problems.isEmpty();
    }
  }

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final AuditLog audit;
  private final Clock clock;
  private final int maxRows;
  private final org.springframework.util.unit.DataSize maxFileSize;

  AccountImporter(DatabaseClient db, TransactionalOperator tx, AuditLog audit, Clock clock,
                  @Value("${bdtx.import.max-rows}") int maxRows,
                  @Value("${bdtx.import.max-file-size}") org.springframework.util.unit.DataSize maxFileSize) {
    this.maxFileSize = maxFileSize;
    this.db = db;
    this.tx = tx;
    this.audit = audit;
    this.clock = clock;
    this.maxRows = maxRows;
  }

  public Mono<Report> importFile(Caller actor, Path file, String fileName) {
    return schools().flatMap(schools -> Mono.fromCallable(() -> read(file, schools))
            .subscribeOn(Schedulers.boundedElastic()))
        .flatMap(read -> {
          if (read.report() != null) {
            return Mono.just(read.report());
          }
          var v = read.validation();
          if (!v.ok()) {
            return Mono.just(new Report(read.format(), v.rowsRead(), 0, 0, v.problems(), null));
          }
          return write(actor, v.accounts(), read.schoolIds(), fileName, read.format(), v.rowsRead());
        });
  }

  private record Read(String format, AccountImport.Validation validation, Map<String, Long> schoolIds, Report report) {
  }

  private Read read(Path file, Map<String, SchoolRow> schools) {
    try {
      var opened = Spreadsheets.open(file, maxFileSize);
      if (opened instanceof Spreadsheets.Opened.Unreadable u) {
        return new Read(null, null, null, new Report(null, 0, 0, 0, List.of(), u.problem()));
      }
      var rows = ((Spreadsheets.Opened.Readable) opened).rows();
      AccountImport.Schools directory = code -> Optional.ofNullable(schools.get(code.toLowerCase()))
          .map(SchoolRow::school);
      var validation = AccountImport.validate(rows.header(), rows.rows(), directory, LocalDate.now(clock), maxRows);
      Map<String, Long> ids = new HashMap<>();
      schools.values().forEach(s -> ids.put(s.school().code(), s.id()));
      return new Read(rows.format(), validation, ids, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record SchoolRow(long id, AccountImport.School school) {
  }

  private Mono<Map<String, SchoolRow>> schools() {
    return db.sql("SELECT id, code, active, levels FROM org_unit WHERE kind = :kind")
        .bind("kind", OrgUnitKind.SCHOOL.name())
        .map((row, meta) -> new SchoolRow(row.get("id", Long.class), new AccountImport.School(
            row.get("code", String.class), Boolean.TRUE.equals(row.get("active", Boolean.class)),
            OrgUnit.levelsOf(row.get("levels", String.class)))))
        .all()
        .collectMap(s -> s.school().code().toLowerCase());
  }

  private Mono<Report> write(Caller actor, List<ImportedAccount> accounts, Map<String, Long> schoolIds,
                             String fileName, String format, int rowsRead) {
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
                "file", fileName, "format", format, "rows", rowsRead, "created", counts[0], "updated", counts[1]))
            .thenReturn(new Report(format, rowsRead, counts[0], counts[1], List.of(), null)))
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
        });
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
