package vn.bdtx.accounts;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import vn.bdtx.platform.audit.AuditNames;

/** People, units and change requests in the audit log: a person by name, a unit by its name, a request by who sent it. */
@Component
class AccountAuditNames implements AuditNames {

  private final DatabaseClient db;

  AccountAuditNames(DatabaseClient db) {
    this.db = db;
  }

  @Override
  public Set<String> kinds() {
    return Set.of("account", "org_unit", "change_request");
  }

  @Override
  public Mono<Map<Long, String>> find(String kind, Long[] ids, Locale locale) {
    String sql = switch (kind) {
      case "account" -> "SELECT id, COALESCE(NULLIF(full_name, ''), username) AS name FROM account WHERE id = ANY(:ids)";
      case "org_unit" -> "SELECT id, name FROM org_unit WHERE id = ANY(:ids)";
      case "change_request" -> """
          SELECT r.id, COALESCE(NULLIF(a.full_name, ''), a.username) AS name
          FROM change_request r JOIN account a ON a.id = r.account_id WHERE r.id = ANY(:ids)""";
      default -> throw new IllegalArgumentException(kind);
    };
    return db.sql(sql).bind("ids", ids)
        .map((r, m) -> Map.entry(r.get("id", Long.class), r.get("name", String.class))).all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }
}
