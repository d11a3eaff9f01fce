package vn.bdtx.community.peersupport;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;
import vn.bdtx.accounts.People;
import vn.bdtx.assignments.Submissions;
import vn.bdtx.cohorts.Runs;
import vn.bdtx.community.Notifications;
import vn.bdtx.domain.accounts.Position;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.community.PeerSupportApprover;
import vn.bdtx.domain.community.PeerSupportDecision;
import vn.bdtx.domain.community.PeerSupportDue;
import vn.bdtx.domain.community.PeerSupportKind;
import vn.bdtx.domain.accounts.Level;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.storage.Bucket;
import vn.bdtx.platform.storage.FileTypes;
import vn.bdtx.platform.storage.ObjectStore;

/**
 * Plans and reports: handing a version in (file to the store under a content-addressed key, then one transaction
 * under a per-author lock writes the version; the form's key makes a retry find the version it made), deciding on
 * one (a guarded update: only the latest, undecided version, by the approver it names), and the reads each page
 * needs, every one of them scoped to the caller.
 */
@Service
public class PeerSupport {

  /** The file types a plan or report may be: PDF, Word, Excel (seed 001: a signed plan or report). */
  static final Set<String> ACCEPTED = Set.of("application/pdf", FileTypes.DOCX, FileTypes.XLSX);

  public enum State { SUBMITTED, APPROVED, RETURNED }

  /** One version as stored. */
  public record Version(long id, long authorId, long runId, PeerSupportKind kind, int version, UUID uploadKey,
                        Instant submittedAt, boolean late, String fileName, String contentType, long size, String objectKey,
                        List<Long> colleagueIds, List<Long> clusterIds, PeerSupportApprover.Authority approver,
                        Long approverUnitId, Long schoolId, Long districtId, State state, Long decidedBy, Instant decidedAt,
                        String comment) {
    public boolean pdf() {
      return "application/pdf".equals(contentType);
    }

    public String fileKind() {
      return FileTypes.kind(contentType);
    }
  }

  /** Why a version was not taken. */
  public enum Refusal { NO_FILE, EMPTY, TYPE_NOT_ACCEPTED, TOO_LARGE, PENDING, APPROVED, NO_POSITION, NO_UNIT, BAD_COLLEAGUE,
    BAD_CLUSTER }

  public sealed interface Outcome {
    record Stored(Version version, boolean again) implements Outcome {
    }

    record Refused(Refusal refusal) implements Outcome {
    }
  }

  /** The author's facts the rule needs, read through accounts' People. */
  public record Author(long id, String fullName, Long schoolId, Long districtId, Long provinceId, Position position,
                       Level level, PeerSupportApprover.Unit unit) {
  }

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final ObjectStore store;
  private final People people;
  private final Runs runs;
  private final Notifications notifications;
  private final long maxSize;

  PeerSupport(DatabaseClient db, TransactionalOperator tx, ObjectStore store, People people, Runs runs,
              Notifications notifications, @Value("${bdtx.peer-support.max-file-size:20MB}") DataSize maxSize) {
    this.db = db;
    this.tx = tx;
    this.store = store;
    this.people = people;
    this.runs = runs;
    this.notifications = notifications;
    this.maxSize = maxSize.toBytes();
  }

  public long maxSize() {
    return maxSize;
  }

  // ---- the author -------------------------------------------------------------------------------------------

  /** The author's position, level and unit, placed in their district office and department. */
  public Mono<Author> author(long accountId) {
    return people.listed(List.of(accountId)).flatMap(list -> Mono.justOrEmpty(list.stream().findFirst()))
        .flatMap(p -> (p.schoolId() == null ? Mono.just(List.<People.Placed>of()) : people.placed(List.of(p.schoolId())))
            .map(units -> {
              PeerSupportApprover.Unit unit = units.isEmpty() ? null : switch (units.get(0).kind()) {
                case "SCHOOL" -> units.get(0).districtId() != null ? PeerSupportApprover.Unit.SCHOOL_UNDER_DISTRICT
                    : PeerSupportApprover.Unit.SCHOOL_UNDER_DEPARTMENT;
                case "DISTRICT_OFFICE" -> PeerSupportApprover.Unit.DISTRICT_OFFICE;
                case "DEPARTMENT" -> PeerSupportApprover.Unit.DEPARTMENT;
                default -> null;
              };
              return new Author(p.id(), p.fullName(), p.schoolId(), p.districtId(), p.provinceId(),
                  p.position() == null ? null : Position.parse(p.position()).orElse(null),
                  p.level() == null ? null : Level.parse(p.level()).orElse(null), unit);
            }));
  }

  /** The due dates of a run: the ones set on its form, else the defaults from its classes. */
  public Mono<PeerSupportDue> due(long runId) {
    return runs.cohorts(runId).map(cohorts -> PeerSupportDue.defaults(
            cohorts.stream().map(Runs.CohortRow::start).min(LocalDate::compareTo).orElse(null),
            cohorts.stream().map(c -> c.schedule().lastDay()).max(LocalDate::compareTo).orElse(null)))
        .flatMap(defaults -> db.sql("SELECT plan_due, report_due FROM peer_support_due WHERE run_id = :r").bind("r", runId)
            .map((r, m) -> new PeerSupportDue(
                Optional.ofNullable(r.get("plan_due", LocalDate.class)).orElse(defaults.plan()),
                Optional.ofNullable(r.get("report_due", LocalDate.class)).orElse(defaults.report())))
            .one().defaultIfEmpty(defaults));
  }

  /** Sets a run's due dates (null: back to the default). */
  public Mono<Void> setDue(Caller by, long runId, LocalDate plan, LocalDate report, Instant now) {
    var spec = db.sql("""
            INSERT INTO peer_support_due (run_id, plan_due, report_due, updated_by, updated_at) VALUES (:r, :p, :q, :by, :now)
            ON CONFLICT (run_id) DO UPDATE SET plan_due = EXCLUDED.plan_due, report_due = EXCLUDED.report_due,
              updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at""")
        .bind("r", runId).bind("by", by.accountId()).bind("now", now);
    spec = plan == null ? spec.bindNull("p", LocalDate.class) : spec.bind("p", plan);
    spec = report == null ? spec.bindNull("q", LocalDate.class) : spec.bind("q", report);
    return spec.then();
  }

  /** The people an author may name as the colleagues they support: those of their school and of the clusters offered. */
  public Mono<List<People.Facts>> colleagueChoices(Author author, Collection<Long> clusters) {
    return people.schoolsInClusters(clusters).map(People.Unit::id).collectList()
        .flatMap(schools -> {
          var all = new java.util.LinkedHashSet<>(schools);
          if (author.schoolId() != null) {
            all.add(author.schoolId());
          }
          return people.inSchools(all).filter(f -> f.id() != author.id()).collectList();
        });
  }

  /** The clusters an author may name: those of the groups they lead in the run, and their own school's. */
  public Mono<Map<Long, String>> clusterChoices(long authorId, long runId) {
    return runs.coreTeachers(runId).zipWith(people.byIds(List.of(authorId)).next().map(f -> Optional.ofNullable(f.clusterId()))
            .defaultIfEmpty(Optional.empty()))
        .flatMap(t -> {
          var ids = new java.util.TreeSet<>(t.getT1().getOrDefault(authorId, Set.of()));
          t.getT2().ifPresent(ids::add);
          return people.unitNames(ids).map(names -> {
            var ordered = new java.util.LinkedHashMap<Long, String>();
            ids.forEach(id -> ordered.put(id, names.getOrDefault(id, "")));
            return ordered;
          });
        });
  }

  /** Every version the author handed in for a run, newest first. */
  public Mono<List<Version>> versions(long authorId, long runId) {
    return db.sql(SELECT + "WHERE v.author_id = :a AND v.run_id = :r ORDER BY v.kind, v.version DESC")
        .bind("a", authorId).bind("r", runId).map((r, m) -> version(r)).all().collectList();
  }

  /** The author's latest version of each kind, for every run they handed something in for. */
  public Mono<List<Version>> latestOf(long authorId) {
    return db.sql(SELECT + """
            WHERE v.author_id = :a AND v.version = (SELECT max(x.version) FROM peer_support_version x
              WHERE x.author_id = v.author_id AND x.run_id = v.run_id AND x.kind = v.kind)""")
        .bind("a", authorId).map((r, m) -> version(r)).all().collectList();
  }

  /**
   * Hands a version in: checks the file and the choices, names the approver, stores the file and writes the version.
   * The same {@code key} again answers with the version it made.
   */
  public Mono<Outcome> submit(Author author, long runId, PeerSupportKind kind, UUID key, Submissions.Received file,
                              List<Long> colleagues, List<Long> clusters, Instant now) {
    return byKey(author.id(), key).<Outcome>map(v -> new Outcome.Stored(v, true))
        .switchIfEmpty(Mono.defer(() -> {
          Optional<Refusal> fileProblem = fileProblem(file);
          if (fileProblem.isPresent()) {
            return Mono.just(new Outcome.Refused(fileProblem.get()));
          }
          var decision = PeerSupportApprover.of(author.position(), author.level(), author.unit());
          if (decision instanceof PeerSupportApprover.Decision.Unknown u) {
            return Mono.just(new Outcome.Refused(Refusal.valueOf(u.reason().name())));
          }
          var authority = ((PeerSupportApprover.Decision.Approver) decision).authority();
          Long approverUnit = switch (authority) {
            case PRINCIPAL -> author.schoolId();
            case DISTRICT_OFFICE -> author.districtId();
            case DEPARTMENT -> author.provinceId();
          };
          return clusterChoices(author.id(), runId).flatMap(clusterChoices -> {
            if (!clusterChoices.keySet().containsAll(clusters)) {
              return Mono.just(new Outcome.Refused(Refusal.BAD_CLUSTER));
            }
            return colleagueChoices(author, clusterChoices.keySet()).flatMap(choices -> {
              var allowed = choices.stream().map(People.Facts::id).collect(java.util.stream.Collectors.toSet());
              if (!allowed.containsAll(colleagues)) {
                return Mono.just(new Outcome.Refused(Refusal.BAD_COLLEAGUE));
              }
              return due(runId).flatMap(due -> store.put(Bucket.SUBMISSIONS, objectKey(author.id(), file.sha256()),
                      file.path(), file.contentType())
                  .then(write(author, runId, kind, key, file, colleagues, clusters, authority, approverUnit,
                      due.late(kind, now), now)));
            });
          });
        }));
  }

  Optional<Refusal> fileProblem(Submissions.Received file) {
    if (file == null) {
      return Optional.of(Refusal.NO_FILE);
    }
    if (file.size() == 0) {
      return Optional.of(Refusal.EMPTY);
    }
    if (!ACCEPTED.contains(file.contentType())) {
      return Optional.of(Refusal.TYPE_NOT_ACCEPTED);
    }
    return file.size() > maxSize ? Optional.of(Refusal.TOO_LARGE) : Optional.empty();
  }

  static String objectKey(long authorId, String sha256) {
    return "peer-support/" + authorId + "/" + sha256;
  }

  private Mono<Outcome> write(Author author, long runId, PeerSupportKind kind, UUID key, Submissions.Received file,
                              List<Long> colleagues, List<Long> clusters, PeerSupportApprover.Authority authority,
                              Long approverUnit, boolean late, Instant now) {
    Mono<Outcome> work = db.sql("SELECT pg_advisory_xact_lock(hashtext('peer-support'), CAST(:a AS int))")
        .bind("a", (int) author.id()).map((r, m) -> 1).all()
        .then(byKey(author.id(), key).<Outcome>map(v -> new Outcome.Stored(v, true)))
        .switchIfEmpty(Mono.defer(() -> latestState(author.id(), runId, kind).map(Optional::of).defaultIfEmpty(Optional.empty())
            .flatMap(latest -> {
              if (latest.isPresent() && latest.get() != State.RETURNED) {
                return Mono.just(new Outcome.Refused(latest.get() == State.APPROVED ? Refusal.APPROVED : Refusal.PENDING));
              }
              var spec = db.sql("""
                      INSERT INTO peer_support_version (author_id, run_id, kind, version, upload_key, submitted_at, late,
                        file_name, content_type, size, sha256, object_key, colleague_ids, cluster_ids, approver,
                        approver_unit_id, school_id, district_id)
                      SELECT :a, :r, :k, COALESCE(max(version), 0) + 1, :key, :now, :late, :fn, :ct, :sz, :sha, :ok,
                        :col, :clu, :ap, :apu, :school, :district
                      FROM peer_support_version WHERE author_id = :a AND run_id = :r AND kind = :k
                      RETURNING id""")
                  .bind("a", author.id()).bind("r", runId).bind("k", kind.name()).bind("key", key).bind("now", now)
                  .bind("late", late).bind("fn", file.name()).bind("ct", file.contentType()).bind("sz", file.size())
                  .bind("sha", file.sha256()).bind("ok", objectKey(author.id(), file.sha256()))
                  .bind("col", colleagues.toArray(Long[]::new)).bind("clu", clusters.toArray(Long[]::new))
                  .bind("ap", authority.name());
              spec = bindNullable(spec, "apu", approverUnit);
              spec = bindNullable(spec, "school", author.schoolId());
              spec = bindNullable(spec, "district", author.districtId());
              return spec.map((r, m) -> r.get(0, Long.class)).one()
                  .flatMap(id -> byId(id)).map(v -> (Outcome) new Outcome.Stored(v, false));
            })))
        .as(tx::transactional);
    // Two requests with the same key at once on two nodes: the loser's insert hits the unique key.
    return work.onErrorResume(org.springframework.dao.DataIntegrityViolationException.class,
        x -> byKey(author.id(), key).<Outcome>map(v -> new Outcome.Stored(v, true)).switchIfEmpty(Mono.error(x)));
  }

  private static DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec, String name, Long v) {
    return v == null ? spec.bindNull(name, Long.class) : spec.bind(name, v);
  }

  private Mono<State> latestState(long authorId, long runId, PeerSupportKind kind) {
    return db.sql("""
            SELECT state FROM peer_support_version WHERE author_id = :a AND run_id = :r AND kind = :k
            ORDER BY version DESC LIMIT 1""")
        .bind("a", authorId).bind("r", runId).bind("k", kind.name()).map((r, m) -> State.valueOf(r.get(0, String.class))).one();
  }

  Mono<Version> byKey(long authorId, UUID key) {
    return db.sql(SELECT + "WHERE v.author_id = :a AND v.upload_key = :k").bind("a", authorId).bind("k", key)
        .map((r, m) -> version(r)).one();
  }

  Mono<Version> byId(long id) {
    return db.sql(SELECT + "WHERE v.id = :id").bind("id", id).map((r, m) -> version(r)).one();
  }

  // ---- the approver -----------------------------------------------------------------------------------------

  /** Whether the caller approves this version: the principal of its school, an officer of its district, the department. */
  static boolean approves(Caller caller, Version v) {
    return caller.grants().stream().anyMatch(g -> switch (v.approver()) {
      case PRINCIPAL -> g.role() == Role.PRINCIPAL && g.scopeType() == ScopeType.SCHOOL
          && java.util.Objects.equals(g.scopeId(), v.approverUnitId());
      case DISTRICT_OFFICE -> g.role() == Role.DISTRICT_OFFICER && g.scopeType() == ScopeType.DISTRICT
          && java.util.Objects.equals(g.scopeId(), v.approverUnitId());
      case DEPARTMENT -> g.role() == Role.SUPERVISOR;
    });
  }

  /** The caller may oversee this version: the department (supervisors, IT team) everything, an officer their district. */
  static boolean oversees(Caller caller, Version v) {
    return caller.grants().stream().anyMatch(g -> g.role() == Role.SUPERVISOR || g.role() == Role.IT_ADMIN
        || g.role() == Role.DISTRICT_OFFICER && g.scopeType() == ScopeType.DISTRICT
        && java.util.Objects.equals(g.scopeId(), v.districtId()));
  }

  /** A version the caller approves; empty (404) for anyone else. */
  public Mono<Version> forApprover(Caller caller, long id) {
    return byId(id).filter(v -> approves(caller, v));
  }

  /** A version the caller may open: its author, its approver or who oversees it; empty (404) for anyone else. */
  public Mono<Version> forReader(Caller caller, long id) {
    return byId(id).filter(v -> v.authorId() == caller.accountId() || approves(caller, v) || oversees(caller, v));
  }

  /** The versions waiting for the caller's decision (latest of their kind, undecided), oldest first. */
  public Mono<List<Version>> queue(Caller caller) {
    Long[] schools = scopes(caller, Role.PRINCIPAL, ScopeType.SCHOOL);
    Long[] districts = scopes(caller, Role.DISTRICT_OFFICER, ScopeType.DISTRICT);
    boolean department = caller.hasRole(Role.SUPERVISOR);
    return db.sql(SELECT + """
            WHERE v.state = 'SUBMITTED' AND (
              (v.approver = 'PRINCIPAL' AND v.approver_unit_id = ANY(:s))
              OR (v.approver = 'DISTRICT_OFFICE' AND v.approver_unit_id = ANY(:d))
              OR (v.approver = 'DEPARTMENT' AND :dep))
            ORDER BY v.submitted_at, v.id""")
        .bind("s", schools).bind("d", districts).bind("dep", department).map((r, m) -> version(r)).all().collectList();
  }

  /** Whether the caller holds any approving role. */
  static boolean anyApprover(Caller caller) {
    return scopes(caller, Role.PRINCIPAL, ScopeType.SCHOOL).length > 0
        || scopes(caller, Role.DISTRICT_OFFICER, ScopeType.DISTRICT).length > 0 || caller.hasRole(Role.SUPERVISOR);
  }

  static Long[] scopes(Caller caller, Role role, ScopeType type) {
    return caller.grants().stream().filter(g -> g.role() == role && g.scopeType() == type && g.scopeId() != null)
        .map(Caller.Grant::scopeId).distinct().toArray(Long[]::new);
  }

  /**
   * The approver's decision on a version they approve. A guarded update (still undecided and the latest of its kind),
   * then the author's notice in the same transaction. Empty when the caller is not its approver.
   */
  public Mono<Optional<PeerSupportDecision.Refusal>> decide(Caller caller, long id, PeerSupportDecision.Verdict verdict,
                                                             String comment, Instant now) {
    return forApprover(caller, id).flatMap(v -> isLatest(v).flatMap(latest -> {
      var refusal = PeerSupportDecision.check(verdict, comment, v.state() != State.SUBMITTED, latest);
      if (refusal.isPresent()) {
        return Mono.just(refusal);
      }
      String text = comment == null ? null : comment.strip();
      var spec = db.sql("""
              UPDATE peer_support_version SET state = :st, decided_by = :by, decided_at = :now, comment = :c
              WHERE id = :id AND state = 'SUBMITTED'
                AND version = (SELECT max(x.version) FROM peer_support_version x
                  WHERE x.author_id = :a AND x.run_id = :r AND x.kind = :k)""")
          .bind("st", verdict.name()).bind("by", caller.accountId()).bind("now", now).bind("id", id)
          .bind("a", v.authorId()).bind("r", v.runId()).bind("k", v.kind().name());
      spec = text == null || text.isEmpty() ? spec.bindNull("c", String.class) : spec.bind("c", text);
      return spec.fetch().rowsUpdated().flatMap(n -> n == 0
              ? Mono.just(Optional.of(PeerSupportDecision.Refusal.ALREADY_DECIDED))
              : runs.names(List.of(v.runId())).flatMap(names -> notifications.notify(new Notifications.Notice(v.authorId(),
                      Notifications.Kind.PEER_SUPPORT, "community.notice.peersupport." + v.kind().name() + "." + verdict.name(),
                      List.of(names.getOrDefault(v.runId(), ""), String.valueOf(v.version())),
                      "/peer-support/runs/" + v.runId(), "peer:" + v.id() + ":" + v.version() + ":" + verdict.name()), now))
                  .thenReturn(Optional.<PeerSupportDecision.Refusal>empty()))
          .as(tx::transactional);
    }));
  }

  private Mono<Boolean> isLatest(Version v) {
    return db.sql("SELECT max(version) FROM peer_support_version WHERE author_id = :a AND run_id = :r AND kind = :k")
        .bind("a", v.authorId()).bind("r", v.runId()).bind("k", v.kind().name())
        .map((r, m) -> r.get(0, Integer.class)).one().map(max -> max == v.version());
  }

  // ---- oversight --------------------------------------------------------------------------------------------

  /** The latest version of each author and kind for a run. */
  public Mono<List<Version>> latestForRun(long runId) {
    return db.sql(SELECT + """
            WHERE v.run_id = :r AND v.version = (SELECT max(x.version) FROM peer_support_version x
              WHERE x.author_id = v.author_id AND x.run_id = v.run_id AND x.kind = v.kind)""")
        .bind("r", runId).map((r, m) -> version(r)).all().collectList();
  }

  // ---- rows -------------------------------------------------------------------------------------------------

  private static final String SELECT = """
      SELECT v.id, v.author_id, v.run_id, v.kind, v.version, v.upload_key, v.submitted_at, v.late, v.file_name,
             v.content_type, v.size, v.object_key, v.colleague_ids, v.cluster_ids, v.approver, v.approver_unit_id,
             v.school_id, v.district_id, v.state, v.decided_by, v.decided_at, v.comment
      FROM peer_support_version v
      """;

  private static Version version(io.r2dbc.spi.Readable r) {
    return new Version(r.get("id", Long.class), r.get("author_id", Long.class), r.get("run_id", Long.class),
        PeerSupportKind.valueOf(r.get("kind", String.class)), r.get("version", Integer.class), r.get("upload_key", UUID.class),
        r.get("submitted_at", Instant.class), Boolean.TRUE.equals(r.get("late", Boolean.class)),
        r.get("file_name", String.class), r.get("content_type", String.class), r.get("size", Long.class),
        r.get("object_key", String.class), ids(r.get("colleague_ids", Long[].class)), ids(r.get("cluster_ids", Long[].class)),
        PeerSupportApprover.Authority.valueOf(r.get("approver", String.class)), r.get("approver_unit_id", Long.class),
        r.get("school_id", Long.class), r.get("district_id", Long.class), State.valueOf(r.get("state", String.class)),
        r.get("decided_by", Long.class), r.get("decided_at", Instant.class), r.get("comment", String.class));
  }

  private static List<Long> ids(Long[] a) {
    return a == null ? List.of() : Arrays.asList(a);
  }

  /** The stored file's bytes. */
  public Mono<byte[]> read(Version v) {
    return store.read(Bucket.SUBMISSIONS, v.objectKey());
  }
}
