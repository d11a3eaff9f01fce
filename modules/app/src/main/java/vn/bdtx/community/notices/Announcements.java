package vn.bdtx.community.notices;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import vn.bdtx.accounts.People;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.community.Audience;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;

/**
 * Announcements: posting one is one row and one outbox event in one transaction, so the request returns at once
 * however many people it is for; {@link NoticeSources} writes the recipients' notices afterwards. Recipients come
 * from the owners' public services: a class's or a run's people from cohorts, a unit's people from accounts.
 */
@Service
class Announcements {

  record Announcement(long id, long senderId, String senderName, Audience audience, String audienceName, String title,
                      String body, Instant createdAt, Integer recipients, Instant deliveredAt) {
    public String audienceType() {
      return audience.type().name();
    }

    Announcement namedBy(Map<Long, String> names) {
      return new Announcement(id, senderId, names.get(senderId), audience, audienceName, title, body, createdAt, recipients,
          deliveredAt);
    }
  }

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final Outbox outbox;
  private final Cohorts cohorts;
  private final People people;

  Announcements(DatabaseClient db, TransactionalOperator tx, Outbox outbox, Cohorts cohorts, People people) {
    this.db = db;
    this.tx = tx;
    this.outbox = outbox;
    this.cohorts = cohorts;
    this.people = people;
  }

  /** Posts it (scope already checked); the id. */
  Mono<Long> post(long senderId, Audience to, String audienceName, String title, String body, Instant now) {
    var spec = db.sql("""
            INSERT INTO announcement (sender_id, audience_type, audience_id, audience_name, title, body, created_at)
            VALUES (:s, :t, :a, :n, :title, :body, :now) RETURNING id""")
        .bind("s", senderId).bind("t", to.type().name()).bind("n", audienceName).bind("title", title).bind("body", body)
        .bind("now", now);
    spec = to.id() == null ? spec.bindNull("a", Long.class) : spec.bind("a", to.id());
    return spec.map((r, m) -> r.get(0, Long.class)).one()
        .flatMap(id -> outbox.publish(Topics.ANNOUNCEMENT, id).thenReturn(id))
        .as(tx::transactional);
  }

  private static final String SELECT = """
      SELECT n.id, n.sender_id, n.audience_type, n.audience_id, n.audience_name, n.title, n.body, n.created_at,
             n.recipients, n.delivered_at
      FROM announcement n""";

  private static Announcement announcement(io.r2dbc.spi.Readable r) {
    return new Announcement(r.get("id", Long.class), r.get("sender_id", Long.class), null,
        new Audience(Audience.Type.valueOf(r.get("audience_type", String.class)), r.get("audience_id", Long.class)),
        r.get("audience_name", String.class), r.get("title", String.class), r.get("body", String.class),
        r.get("created_at", Instant.class), r.get("recipients", Integer.class), r.get("delivered_at", Instant.class));
  }

  /** The senders' names, from accounts (People), zipped into the rows. */
  private Mono<List<Announcement>> named(Mono<List<Announcement>> rows) {
    return rows.flatMap(list -> people.names(list.stream().map(Announcement::senderId).toList())
        .map(names -> list.stream().map(a -> a.namedBy(names)).toList()));
  }

  private Mono<Announcement> namedOne(Mono<Announcement> row) {
    return named(row.map(List::of)).flatMap(list -> Mono.justOrEmpty(list.stream().findFirst()));
  }

  Mono<Announcement> find(long id) {
    return namedOne(db.sql(SELECT + " WHERE n.id = :id").bind("id", id).map((r, m) -> announcement(r)).one());
  }

  /** The announcement if the person sent it or received it; empty otherwise. */
  Mono<Announcement> visibleTo(long accountId, long id) {
    return namedOne(db.sql(SELECT + " " + """
             WHERE n.id = :id AND (n.sender_id = :a OR EXISTS (
               SELECT 1 FROM notification x WHERE x.account_id = :a AND x.dedup_key = 'announcement:' || n.id))""")
        .bind("id", id).bind("a", accountId).map((r, m) -> announcement(r)).one());
  }

  Mono<List<Announcement>> sentBy(long accountId) {
    return named(db.sql(SELECT + " WHERE n.sender_id = :a ORDER BY n.id DESC LIMIT 100").bind("a", accountId)
        .map((r, m) -> announcement(r)).all().collectList());
  }

  Mono<List<Announcement>> receivedBy(long accountId) {
    return named(db.sql(SELECT + " " + """
             JOIN notification x ON x.account_id = :a AND x.dedup_key = 'announcement:' || n.id
             ORDER BY n.id DESC LIMIT 100""").bind("a", accountId)
        .map((r, m) -> announcement(r)).all().collectList());
  }

  /** Everyone the announcement is for, read from the owners' services. */
  Mono<List<Long>> recipients(Announcement a) {
    Long id = a.audience().id();
    return switch (a.audience().type()) {
      case CLASS -> cohorts.learnersOfCohort(id);
      case RUN -> cohorts.peopleOfRun(id);
      case SCHOOL, DISTRICT -> people.enabledUnder(id);
      case PROVINCE -> people.enabledUnder(null);
    };
  }

  Mono<Void> delivered(long id, int recipients, Instant now) {
    return db.sql("UPDATE announcement SET recipients = :n, delivered_at = COALESCE(delivered_at, :now) WHERE id = :id")
        .bind("n", recipients).bind("now", now).bind("id", id).then();
  }
}
