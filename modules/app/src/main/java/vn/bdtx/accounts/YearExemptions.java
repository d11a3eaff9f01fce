package vn.bdtx.accounts;

import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.accounts.ExemptionKind;
import vn.bdtx.domain.accounts.SchoolYear;

/** Whether a person is exempt or has reduced duties in a school year, for other contexts to read. */
@Service
public class YearExemptions {

  private final DatabaseClient db;

  YearExemptions(DatabaseClient db) {
    this.db = db;
  }

  public Mono<Optional<ExemptionKind>> of(long accountId, SchoolYear year) {
    return db.sql("SELECT kind FROM exemption WHERE account_id = :a AND school_year = :y")
        .bind("a", accountId).bind("y", year.toString())
        .map((r, m) -> Optional.of(ExemptionKind.valueOf(r.get(0, String.class)))).one()
        .defaultIfEmpty(Optional.empty());
  }

  /** The exemptions of these people, by person and school year ("2025-2026" → EXEMPT or REDUCED). */
  public Mono<java.util.Map<Long, java.util.Map<String, ExemptionKind>>> of(java.util.Collection<Long> accountIds) {
    if (accountIds.isEmpty()) {
      return Mono.just(java.util.Map.of());
    }
    return db.sql("SELECT account_id, school_year, kind FROM exemption WHERE account_id = ANY(:a)")
        .bind("a", accountIds.toArray(Long[]::new))
        .map((r, m) -> new Object[] {r.get("account_id", Long.class), r.get("school_year", String.class),
            ExemptionKind.valueOf(r.get("kind", String.class))})
        .all()
        .collect(java.util.HashMap::new, (map, r) -> map.computeIfAbsent((Long) r[0], k -> new java.util.HashMap<>())
            .put((String) r[1], (ExemptionKind) r[2]));
  }
}
