package vn.bdtx.accounts;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.accounts.ExemptionKind;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.SchoolYear;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.text.PersonText;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;
import vn.bdtx.platform.security.Caller;

/**
 * Exemptions and reductions (seed 000), set by the IT admin for anyone or by a
 * principal for the people of their own school, with a reason and a school year;
 * audited. Someone else's school is not found, not forbidden (no probing by id).
 */
@Service
class Exemptions {

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final AuditLog audit;
  private final Clock clock;

  private final Outbox outbox;

  Exemptions(DatabaseClient db, Outbox outbox, TransactionalOperator tx, AuditLog audit, Clock clock) {
    this.outbox = outbox;
    this.db = db;
    this.tx = tx;
    this.audit = audit;
    this.clock = clock;
  }

  record Current(String schoolYear, ExemptionKind kind, String reason) {
  }

  /** The form's fields. */
  public static class Form {
    private String schoolYear = "";
    private String kind = "";
    private String reason = "";

    public String getSchoolYear() { return schoolYear; }
    public void setSchoolYear(String v) { this.schoolYear = v == null ? "" : v; }
    public String getKind() { return kind; }
    public void setKind(String v) { this.kind = v == null ? "" : v.strip(); }
    public String getReason() { return reason; }
    public void setReason(String v) { this.reason = v == null ? "" : v; }
  }

  SchoolYear currentYear() {
    return SchoolYear.of(LocalDate.now(clock));
  }

  Mono<List<Current>> of(long accountId) {
    return db.sql("SELECT school_year, kind, reason FROM exemption WHERE account_id = :a ORDER BY school_year DESC")
        .bind("a", accountId)
        .map((r, m) -> new Current(r.get("school_year", String.class), ExemptionKind.valueOf(r.get("kind", String.class)),
            r.get("reason", String.class)))
        .all().collectList();
  }

  /** Whether the actor may set exemptions for this account: empty when the account is out of their reach. */
  Mono<Long> inReach(Caller actor, long accountId) {
    if (actor.hasRole(Role.IT_ADMIN)) {
      return db.sql("SELECT id FROM account WHERE id = :a").bind("a", accountId).map((r, m) -> r.get("id", Long.class)).one();
    }
    List<Long> schools = principalSchools(actor);
    if (schools.isEmpty()) {
      return Mono.empty();
    }
    return db.sql("SELECT id FROM account WHERE id = :a AND school_id = ANY(:s)")
        .bind("a", accountId).bind("s", schools.toArray(Long[]::new))
        .map((r, m) -> r.get("id", Long.class)).one();
  }

  /** Sets (or replaces) the year's exemption; problems by field, nothing written then. Empty when out of reach. */
  Mono<Map<String, String>> set(Caller actor, long accountId, Form form) {
    return inReach(actor, accountId).flatMap(id -> {
      Map<String, String> problems = new LinkedHashMap<>();
      Optional<SchoolYear> year = SchoolYear.parse(form.getSchoolYear());
      if (year.isEmpty()) {
        problems.put("schoolYear", "accounts.exemption.problem.BAD_YEAR");
      }
      Optional<ExemptionKind> kind = java.util.Arrays.stream(ExemptionKind.values())
          .filter(k -> k.name().equals(form.getKind())).findFirst();
      if (kind.isEmpty()) {
        problems.put("kind", "accounts.exemption.problem.BAD_KIND");
      }
      String reason = PersonText.reason(form.getReason()).orElse(null);
      if (reason == null) {
        problems.put("reason", "accounts.exemption.problem.BAD_REASON");
      }
      if (!problems.isEmpty()) {
        return Mono.just(problems);
      }
      return db.sql("""
              INSERT INTO exemption (account_id, school_year, kind, reason, set_by) VALUES (:a, :y, :k, :r, :by)
              ON CONFLICT (account_id, school_year) DO UPDATE SET kind = EXCLUDED.kind, reason = EXCLUDED.reason,
                set_by = EXCLUDED.set_by, set_at = now()""")
          .bind("a", accountId).bind("y", year.get().toString()).bind("k", kind.get().name()).bind("r", reason)
          .bind("by", actor.accountId())
          .then()
          .then(outbox.publish(Topics.EXEMPTION, accountId))
          .then(audit.record(actor, "EXEMPTION_SET", "account", accountId, Map.of(
              "schoolYear", year.get().toString(), "kind", kind.get().name(), "reason", reason)))
          .as(tx::transactional)
          .thenReturn(Map.<String, String>of());
    });
  }

  Mono<Boolean> clear(Caller actor, long accountId, String schoolYear) {
    return inReach(actor, accountId).flatMap(id -> db.sql("DELETE FROM exemption WHERE account_id = :a AND school_year = :y")
        .bind("a", accountId).bind("y", schoolYear == null ? "" : schoolYear).fetch().rowsUpdated()
        .flatMap(n -> n == 0 ? Mono.just(false)
            : outbox.publish(Topics.EXEMPTION, accountId)
                .then(audit.record(actor, "EXEMPTION_CLEARED", "account", accountId, Map.of("schoolYear", schoolYear)))
                .thenReturn(true))
        .as(tx::transactional));
  }

  /** The schools a caller is principal of. */
  private static List<Long> principalSchools(Caller caller) {
    return caller.grants().stream()
        .filter(g -> g.role() == Role.PRINCIPAL && g.scopeType() == ScopeType.SCHOOL && g.scopeId() != null)
        .map(Caller.Grant::scopeId).toList();
  }

  record SchoolMember(long id, String fullName, String username, String exemption) {
  }

  /** The principal's school(s): each person with this year's exemption, if any. */
  Mono<List<SchoolMember>> schoolOf(Caller principal) {
    List<Long> schools = principalSchools(principal);
    return db.sql("""
            SELECT a.id, a.full_name, a.username, e.kind FROM account a
            LEFT JOIN exemption e ON e.account_id = a.id AND e.school_year = :y
            WHERE a.school_id = ANY(:s) ORDER BY a.full_name""")
        .bind("y", currentYear().toString()).bind("s", schools.toArray(Long[]::new))
        .map((r, m) -> new SchoolMember(r.get("id", Long.class), r.get("full_name", String.class),
            r.get("username", String.class), r.get("kind", String.class)))
        .all().collectList();
  }
}
