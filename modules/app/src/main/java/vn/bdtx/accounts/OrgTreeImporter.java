package vn.bdtx.accounts;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.domain.imports.Headers;
import vn.bdtx.domain.imports.RowProblem;
import vn.bdtx.domain.accounts.OrgImport;
import vn.bdtx.domain.accounts.OrgUnitKind;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.spreadsheet.ImportFiles;
import vn.bdtx.platform.spreadsheet.SpreadsheetProblem;

/**
 * Imports the organisation tree from a spreadsheet: validated as a whole first
 * (domain {@link OrgImport}), written parents first in one transaction, matched
 * by code so that importing again updates and never duplicates.
 */
@Service
class OrgTreeImporter {

  /** The outcome; {@code ignored} names the columns not read, {@code encoding} a legacy encoding the CSV was read in. */
  public record Report(int units, List<RowProblem<OrgImport.Column, OrgImport.Problem>> problems,
                       SpreadsheetProblem unreadable, boolean conflict, List<Headers.Ignored> ignored, String encoding) {
    public Report(int units, List<RowProblem<OrgImport.Column, OrgImport.Problem>> problems,
                  SpreadsheetProblem unreadable, boolean conflict) {
      this(units, problems, unreadable, conflict, List.of(), null);
    }

    public boolean ok() {
      return unreadable == null && problems.isEmpty() && !conflict;
    }

    Report read(List<Headers.Ignored> ignored, String encoding) {
      return new Report(units, problems, unreadable, conflict, ignored, encoding);
    }
  }

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final AuditLog audit;
  private final ImportFiles files;
  private final Outbox outbox;

  OrgTreeImporter(DatabaseClient db, Outbox outbox, TransactionalOperator tx, AuditLog audit, ImportFiles files) {
    this.outbox = outbox;
    this.db = db;
    this.tx = tx;
    this.audit = audit;
    this.files = files;
  }

  Mono<Report> importFile(Caller actor, Path file, String fileName) {
    return db.sql("SELECT code, kind FROM org_unit")
        .map((r, m) -> Map.entry(r.get("code", String.class).toLowerCase(), OrgUnitKind.valueOf(r.get("kind", String.class))))
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue)
        .flatMap(existing -> Mono.fromCallable(() -> read(file, existing)).subscribeOn(Schedulers.boundedElastic()))
        .flatMap(read -> {
          if (read.report() != null) {
            return Mono.just(read.report());
          }
          if (!read.validation().ok()) {
            return Mono.just(new Report(0, read.validation().problems(), null, false)
                .read(read.validation().ignored(), read.encoding()));
          }
          List<OrgImport.Unit> units = read.validation().units();
          return Flux.fromIterable(units).concatMap(this::upsert).then()
              .then(audit.record(actor, "ORG_TREE_IMPORTED", "import", null, Map.of("file", fileName, "units", units.size())))
              .as(tx::transactional)
              .thenReturn(new Report(units.size(), List.of(), null, false).read(read.validation().ignored(), read.encoding()))
              .onErrorResume(DataIntegrityViolationException.class, e -> Mono.just(new Report(0, List.of(), null, true)));
        });
  }

  private record Read(OrgImport.Validation validation, Report report, String encoding) {
  }

  private Read read(Path file, Map<String, OrgUnitKind> existing) {
    return files.read(file, rows -> new Read(OrgImport.validate(rows.header(), rows.rows(),
            code -> Optional.ofNullable(existing.get(code.toLowerCase())), files.maxRows()), null, rows.shownEncoding()),
        problem -> new Read(null, new Report(0, List.of(), problem, false), null));
  }

  private Mono<Void> upsert(OrgImport.Unit u) {
    var spec = db.sql("""
            INSERT INTO org_unit (kind, code, name, parent_id, cluster_id, levels, school_type)
            VALUES (:kind, :code, :name,
                    (SELECT id FROM org_unit WHERE lower(code) = lower(:parent)),
                    (SELECT id FROM org_unit WHERE lower(code) = lower(:cluster) AND kind = 'CLUSTER'),
                    :levels, :type)
            ON CONFLICT (lower(code)) DO UPDATE SET name = EXCLUDED.name, parent_id = EXCLUDED.parent_id,
              cluster_id = EXCLUDED.cluster_id, levels = EXCLUDED.levels, school_type = EXCLUDED.school_type,
              updated_at = now()
            RETURNING id""")
        .bind("kind", u.kind().name()).bind("code", u.code()).bind("name", u.name())
        .bind("parent", u.parentCode() == null ? "" : u.parentCode())
        .bind("cluster", u.clusterCode() == null ? "" : u.clusterCode())
        .bind("levels", OrgUnit.store(u.levels()));
    spec = u.schoolType() == null ? spec.bindNull("type", String.class) : spec.bind("type", u.schoolType());
    return spec.map((r, m) -> r.get("id", Long.class)).one().flatMap(id -> outbox.publish(Topics.ORG_UNIT, id));
  }
}
