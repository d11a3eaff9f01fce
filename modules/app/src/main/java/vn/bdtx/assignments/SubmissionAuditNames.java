package vn.bdtx.assignments;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import vn.bdtx.platform.audit.AuditNames;
import vn.bdtx.platform.web.VietnameseFormats;

/**
 * A final-assignment submission in the audit log, by the time it was handed in and when ("lần nộp 2, lúc 08:00:00
 * 07/03/2026"): the event's target already names the learner and the class, so the submission needs only which one.
 */
@Component
class SubmissionAuditNames implements AuditNames {

  private final DatabaseClient db;
  private final MessageSource messages;

  SubmissionAuditNames(DatabaseClient db, MessageSource messages) {
    this.db = db;
    this.messages = messages;
  }

  @Override
  public Set<String> kinds() {
    return Set.of("submission");
  }

  @Override
  public Mono<Map<Long, String>> find(String kind, Long[] ids, Locale locale) {
    return db.sql("SELECT id, version, submitted_at FROM submission WHERE id = ANY(:ids)").bind("ids", ids)
        .map((r, m) -> Map.entry(r.get("id", Long.class), messages.getMessage("platform.audit.name.submission",
            new Object[] {String.valueOf(r.get("version", Integer.class)),
                VietnameseFormats.FORMATS.seconds(r.get("submitted_at", Instant.class))},
            locale)))
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }
}
