package vn.bdtx.catalog;

import java.util.Collection;
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
  public Mono<Map<Long, String>> names(String kind, Collection<Long> ids) {
    Long[] distinct = AuditNames.distinct(ids);
    if (distinct.length == 0) {
      return Mono.just(Map.of());
    }
    return db.sql("SELECT id, title FROM course WHERE id = ANY(:ids)").bind("ids", distinct)
        .map((r, m) -> Map.entry(r.get("id", Long.class), r.get("title", String.class))).all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }
}
