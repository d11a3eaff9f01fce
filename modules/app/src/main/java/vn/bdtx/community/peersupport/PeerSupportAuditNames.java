package vn.bdtx.community.peersupport;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import vn.bdtx.accounts.People;
import vn.bdtx.platform.audit.AuditNames;

/**
 * A peer-support plan or report in the audit log, by its author, what it is and which time it was handed in
 * ("Trần Văn Bình — Kế hoạch hỗ trợ đồng nghiệp, lần nộp 2"); the authors' names come from accounts in one more
 * query for the whole page.
 */
@Component
class PeerSupportAuditNames implements AuditNames {

  private final DatabaseClient db;
  private final People people;
  private final MessageSource messages;

  PeerSupportAuditNames(DatabaseClient db, People people, MessageSource messages) {
    this.db = db;
    this.people = people;
    this.messages = messages;
  }

  @Override
  public Set<String> kinds() {
    return Set.of("peer_support_version");
  }

  private record Row(long id, long authorId, String kind, int version) {
  }

  @Override
  public Mono<Map<Long, String>> find(String kind, Long[] ids, Locale locale) {
    return db.sql("SELECT id, author_id, kind, version FROM peer_support_version WHERE id = ANY(:ids)")
        .bind("ids", ids)
        .map((r, m) -> new Row(r.get("id", Long.class), r.get("author_id", Long.class), r.get("kind", String.class),
            r.get("version", Integer.class))).all()
        .collectList()
        .flatMap(rows -> people.names(rows.stream().map(Row::authorId).toList())
            .map(names -> rows.stream().collect(Collectors.toMap(Row::id, row -> {
              String what = messages.getMessage("platform.audit.name.peerSupport", new Object[] {
                  messages.getMessage("community.peersupport.kind." + row.kind(), null, row.kind(), locale), String.valueOf(row.version())},
                  locale);
              String author = names.get(row.authorId());
              return author == null ? what : author + " — " + what;
            }))));
  }
}
