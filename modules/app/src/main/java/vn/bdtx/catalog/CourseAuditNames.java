package vn.bdtx.catalog;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import vn.bdtx.platform.audit.AuditNames;

/** Courses in the audit log by their titles. */
@Component
class CourseAuditNames implements AuditNames {

  private final DatabaseClient db;

  CourseAuditNames(DatabaseClient db) {
    this.db = db;
  }

  @Override
  public Set<String> kinds() {
    return Set.of("course");
  }

  @Override
  public Mono<Map<Long, String>> find(String kind, Long[] ids, Locale locale) {
    return db.sql("SELECT id, title FROM course WHERE id = ANY(:ids)").bind("ids", ids)
        .map((r, m) -> Map.entry(r.get("id", Long.class), r.get("title", String.class))).all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }
}
