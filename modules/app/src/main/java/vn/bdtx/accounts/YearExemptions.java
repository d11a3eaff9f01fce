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
}
