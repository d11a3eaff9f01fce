package vn.bdtx.regulation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.accounts.People;
import vn.bdtx.domain.completion.Regulation;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.security.Caller;

/**
 * The query service of the regulation's versions, and the one way to add a
 * version. Versions never change once stored, so each is kept in memory after
 * its first read; "current" is always read from the database (another node may
 * have added one).
 */
@Service
public class Regulations {

  /** A stored version with who made it, when and why (null who: the migration's version 1). */
  public record Version(Regulation regulation, String reason, String createdBy, Instant createdAt) {
  }

  private final DatabaseClient db;
  private final AuditLog audit;
  private final TransactionalOperator tx;
  private final Map<Integer, Regulation> kept = new ConcurrentHashMap<>();

  private final People people;

  Regulations(DatabaseClient db, AuditLog audit, TransactionalOperator tx, People people) {
    this.people = people;
    this.db = db;
    this.audit = audit;
    this.tx = tx;
  }

  private static final String COLUMNS = """
      r.number, r.pass_mark, r.quiz_pass_mark, r.video_percent, r.periods_per_module, r.modules_per_year,
      r.periods_per_year""";

  private static Regulation regulation(io.r2dbc.spi.Readable r) {
    return new Regulation(r.get("number", Integer.class), r.get("pass_mark", BigDecimal.class).setScale(1),
        r.get("quiz_pass_mark", BigDecimal.class).setScale(1), r.get("video_percent", Integer.class),
        r.get("periods_per_module", Integer.class), r.get("modules_per_year", Integer.class),
        r.get("periods_per_year", Integer.class));
  }

  /** The version new cohorts open with: the newest. */
  public Mono<Regulation> current() {
    return db.sql("SELECT " + COLUMNS + " FROM regulation_version r ORDER BY r.number DESC LIMIT 1")
        .map((r, m) -> regulation(r)).one()
        .doOnNext(reg -> kept.putIfAbsent(reg.version(), reg));
  }

  /** Version {@code number}; a cohort's column always names one that exists. */
  public Mono<Regulation> version(int number) {
    Regulation known = kept.get(number);
    if (known != null) {
      return Mono.just(known);
    }
    return db.sql("SELECT " + COLUMNS + " FROM regulation_version r WHERE r.number = :n").bind("n", number)
        .map((r, m) -> regulation(r)).one()
        .doOnNext(reg -> kept.putIfAbsent(reg.version(), reg));
  }

  /** Several versions at once, by number (the cohorts of a page). */
  public Mono<Map<Integer, Regulation>> versions(Collection<Integer> numbers) {
    return Flux.fromIterable(new java.util.TreeSet<>(numbers)).concatMap(this::version)
        .collectMap(Regulation::version, r -> r);
  }

  /** The version in force at {@code at}: the newest made at or before it (version 1 before any other). */
  public Mono<Regulation> at(Instant at) {
    return db.sql("SELECT " + COLUMNS + " FROM regulation_version r WHERE r.created_at <= :at OR r.number = 1"
            + " ORDER BY r.number DESC LIMIT 1")
        .bind("at", at).map((r, m) -> regulation(r)).one();
  }

  /** Every version, newest first, with who made it and why. */
  public Flux<Version> history() {
    record Row(Regulation regulation, String reason, Long createdBy, Instant createdAt) {
    }
    // The authors' names from accounts, their owner (DESIGN §5): one query for the whole history.
    return db.sql("SELECT " + COLUMNS + ", r.reason, r.created_at, r.created_by FROM regulation_version r ORDER BY r.number DESC")
        .map((r, m) -> new Row(regulation(r), r.get("reason", String.class), r.get("created_by", Long.class),
            r.get("created_at", Instant.class)))
        .all().collectList()
        .flatMapMany(rows -> people.byIds(rows.stream().map(Row::createdBy).filter(java.util.Objects::nonNull).distinct().toList())
            .collectMap(People.Facts::id, f -> java.util.Optional.ofNullable(f.fullName()))
            .flatMapIterable(names -> rows.stream().map(row -> new Version(row.regulation(), row.reason(),
                row.createdBy() == null ? null : names.getOrDefault(row.createdBy(), java.util.Optional.empty()).orElse(null),
                row.createdAt())).toList()));
  }

  /**
   * Stores {@code figures} as the next version, with the reason; the previous
   * ones stay as they are (the table refuses UPDATE and DELETE). Two admins
   * saving at once get two versions, numbered one after the other.
   */
  public Mono<Regulation> add(Caller by, Regulation figures, String reason, Instant now) {
    return db.sql("LOCK TABLE regulation_version IN SHARE ROW EXCLUSIVE MODE").then()
        .then(db.sql("""
                INSERT INTO regulation_version (number, pass_mark, quiz_pass_mark, video_percent, periods_per_module,
                                                modules_per_year, periods_per_year, reason, created_by, created_at)
                SELECT COALESCE(max(number), 0) + 1, :pass, :quiz, :video, :ppm, :mpy, :ppy, :reason, :by, :now
                FROM regulation_version RETURNING number""")
            .bind("pass", figures.passMark()).bind("quiz", figures.quizPassMark()).bind("video", figures.videoPercent())
            .bind("ppm", figures.periodsPerModule()).bind("mpy", figures.modulesPerYear())
            .bind("ppy", figures.periodsPerYear()).bind("reason", reason).bind("by", by.accountId()).bind("now", now)
            .map((r, m) -> r.get("number", Integer.class)).one())
        .flatMap(number -> audit.record(by, "REGULATION_VERSION_ADDED", "regulation_version", (long) number,
                Map.of("passMark", figures.passMark(), "quizPassMark", figures.quizPassMark(),
                    "videoPercent", figures.videoPercent(), "periodsPerModule", figures.periodsPerModule(),
                    "modulesPerYear", figures.modulesPerYear(), "periodsPerYear", figures.periodsPerYear(), "reason", reason))
            .thenReturn(figures.numbered(number)))
        .as(tx::transactional);
  }
}
