package vn.bdtx.community;

import java.time.Instant;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.community.NoticeMail;

/**
 * The one writer of the notification centre's rows. A notice is text by message
 * key and arguments (rendered in the reader's language when shown), a kind
 * (which decides whether it may also be e-mailed), an optional link inside the
 * app, and the occasion it is for ({@code dedupKey}, e.g. "answer:42"): the same
 * person never gets the same occasion twice, whichever node or retry writes it.
 * Runs in the caller's transaction when called inside one. A notice of a kind
 * that is e-mailed (domain {@link NoticeMail}) is written waiting for its e-mail,
 * which community.notices.NoticeMails sends after the commit.
 */
@Service
public class Notifications {

  /** What a notice is about; each kind can be e-mailed or not, by the person's choice. */
  public enum Kind {
    ANSWER, QUESTION, ANNOUNCEMENT, REMINDER, GRADE, RETURNED, CERTIFICATE, MEETING, PEER_SUPPORT
  }

  /** A notice to one person. {@code args} are the message's arguments, shown escaped. */
  public record Notice(long accountId, Kind kind, String messageKey, List<String> args, String link, String dedupKey) {
    public Notice {
      args = List.copyOf(args);
    }
  }

  private final DatabaseClient db;

  Notifications(DatabaseClient db) {
    this.db = db;
  }

  /** Adds the notice unless this person already has one for the occasion; true when it was added. */
  public Mono<Boolean> notify(Notice n, Instant now) {
    return notifyAll(List.of(n.accountId()), n.kind(), n.messageKey(), n.args(), n.link(), n.dedupKey(), now).map(c -> c > 0);
  }

  /**
   * The same notice to many people in one statement (an announcement's batch), each at most once for the
   * occasion; returns how many were added.
   */
  public Mono<Long> notifyAll(List<Long> accountIds, Kind kind, String messageKey, List<String> args, String link,
                              String dedupKey, Instant now) {
    if (accountIds.isEmpty()) {
      return Mono.just(0L);
    }
    boolean mailed = NoticeMail.emailedByDefault(kind.name());
    var spec = db.sql("""
            INSERT INTO notification (account_id, kind, message_key, args, link, dedup_key, created_at, mail_state, mail_next_at)
            SELECT a, :k, :m, CAST(:args AS jsonb), :link, :d, :now, :mail, :now FROM unnest(CAST(:ids AS bigint[])) AS a
            ON CONFLICT (account_id, dedup_key) DO NOTHING""")
        .bind("ids", accountIds.stream().distinct().toArray(Long[]::new)).bind("k", kind.name()).bind("m", messageKey)
        .bind("args", json(args)).bind("d", dedupKey).bind("now", now);
    spec = link == null ? spec.bindNull("link", String.class) : spec.bind("link", link);
    spec = mailed ? spec.bind("mail", "PENDING") : spec.bindNull("mail", String.class);
    return spec.fetch().rowsUpdated();
  }

  /** How many notices the person has not read yet. */
  public Mono<Long> unread(long accountId) {
    return db.sql("SELECT count(*) FROM notification WHERE account_id = :a AND read_at IS NULL")
        .bind("a", accountId).map((r, m) -> r.get(0, Long.class)).one();
  }

  private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

  static String json(List<String> args) {
    return JSON.writeValueAsString(args);
  }
}
