package vn.bdtx.community.notices;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.PageNotices;

/**
 * A person's notices as the centre shows them, always the caller's own (another's id is simply not found), and the
 * kinds they turned e-mail off for. The unread count of every page's header is one indexed count
 * ({@code notification_unread}).
 */
@Service
class Centre implements PageNotices {

  /** One notice as listed: text by key and arguments, rendered in the reader's language. */
  record Shown(long id, String kind, String messageKey, List<String> args, String link, Instant createdAt, boolean unread) {
    public Object[] arguments() {
      return args.toArray();
    }
  }

  private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

  private final DatabaseClient db;
  private final vn.bdtx.community.Notifications notifications;

  Centre(DatabaseClient db, vn.bdtx.community.Notifications notifications) {
    this.db = db;
    this.notifications = notifications;
  }

  @Override
  public Mono<Long> unread(Caller caller) {
    return notifications.unread(caller.accountId());
  }

  /** The person's newest notices, before {@code beforeId} when paging (null: the newest). */
  Mono<List<Shown>> newest(long accountId, Long beforeId, int limit) {
    var spec = db.sql("""
            SELECT id, kind, message_key, args::text AS args, link, created_at, read_at IS NULL AS unread FROM notification
            WHERE account_id = :a %s ORDER BY id DESC LIMIT :n""".formatted(beforeId == null ? "" : "AND id < :before"))
        .bind("a", accountId).bind("n", limit);
    if (beforeId != null) {
      spec = spec.bind("before", beforeId);
    }
    return spec.map((r, m) -> shown(r)).all().collectList();
  }

  static Shown shown(io.r2dbc.spi.Readable r) {
    List<String> args = List.of(JSON.readValue(r.get("args", String.class), String[].class));
    return new Shown(r.get("id", Long.class), r.get("kind", String.class), r.get("message_key", String.class), args,
        r.get("link", String.class), r.get("created_at", Instant.class), Boolean.TRUE.equals(r.get("unread", Boolean.class)));
  }

  /** Marks the person's notice read and gives it; empty when it is not theirs. */
  Mono<Shown> open(long accountId, long id, Instant now) {
    return db.sql("""
            UPDATE notification SET read_at = COALESCE(read_at, :now) WHERE id = :id AND account_id = :a
            RETURNING id, kind, message_key, args::text AS args, link, created_at, FALSE AS unread""")
        .bind("now", now).bind("id", id).bind("a", accountId).map((r, m) -> shown(r)).one();
  }

  Mono<Long> readAll(long accountId, Instant now) {
    return db.sql("UPDATE notification SET read_at = :now WHERE account_id = :a AND read_at IS NULL")
        .bind("now", now).bind("a", accountId).fetch().rowsUpdated();
  }

  /** The e-mailed kinds this person turned off. */
  Mono<Set<String>> mailOff(long accountId) {
    return db.sql("SELECT kind FROM notice_mail_off WHERE account_id = :a").bind("a", accountId)
        .map((r, m) -> r.get(0, String.class)).all().collect(java.util.stream.Collectors.toSet());
  }

  /** Keeps e-mail on for exactly {@code on} among the e-mailed kinds. */
  Mono<Void> setMail(long accountId, Set<String> on) {
    var off = vn.bdtx.domain.community.NoticeMail.EMAILED.stream().filter(k -> !on.contains(k)).toArray(String[]::new);
    return db.sql("DELETE FROM notice_mail_off WHERE account_id = :a").bind("a", accountId).then()
        .then(off.length == 0 ? Mono.empty() : db.sql("""
                INSERT INTO notice_mail_off (account_id, kind) SELECT :a, k FROM unnest(CAST(:k AS varchar[])) AS k""")
            .bind("a", accountId).bind("k", off).then());
  }
}
