package vn.bdtx.cohorts;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import vn.bdtx.accounts.People;
import vn.bdtx.platform.audit.AuditNames;

/**
 * Classes, runs, groups and enrollments in the audit log: a class or a run by its name, an enrollment by the
 * learner and the class ("Nguyễn Thị Lan — Lớp Toán 1"), a group by its class and core teacher. The people's
 * names come from accounts in one more query for the whole page.
 */
@Component
class CohortAuditNames implements AuditNames {

  private final DatabaseClient db;
  private final People people;

  CohortAuditNames(DatabaseClient db, People people) {
    this.db = db;
    this.people = people;
  }

  @Override
  public Set<String> kinds() {
    return Set.of("cohort", "module_run", "run", "enrollment", "group");
  }

  /** A row named by its class (or run) and, when it names one, a person. */
  private record Row(long id, String place, Long personId) {
  }

  @Override
  public Mono<Map<Long, String>> find(String kind, Long[] ids, Locale locale) {
    String sql = switch (kind) {
      case "cohort" -> "SELECT id, name AS place, NULL::bigint AS person FROM cohort WHERE id = ANY(:ids)";
      case "module_run", "run" -> "SELECT id, name AS place, NULL::bigint AS person FROM module_run WHERE id = ANY(:ids)";
      case "enrollment" -> """
          SELECT e.id, c.name AS place, e.account_id AS person
          FROM enrollment e JOIN cohort c ON c.id = e.cohort_id WHERE e.id = ANY(:ids)""";
      case "group" -> """
          SELECT g.id, c.name AS place, g.core_teacher_id AS person
          FROM cohort_group g JOIN cohort c ON c.id = g.cohort_id WHERE g.id = ANY(:ids)""";
      default -> throw new IllegalArgumentException(kind);
    };
    return db.sql(sql).bind("ids", ids)
        .map((r, m) -> new Row(r.get("id", Long.class), r.get("place", String.class), r.get("person", Long.class))).all()
        .collectList()
        .flatMap(rows -> people.names(rows.stream().map(Row::personId).toList())
            .map(names -> rows.stream().collect(Collectors.toMap(Row::id, row -> {
              String person = row.personId() == null ? null : names.get(row.personId());
              return String.join(" — ", person == null ? List.of(row.place()) : List.of(person, row.place()));
            }))));
  }
}
