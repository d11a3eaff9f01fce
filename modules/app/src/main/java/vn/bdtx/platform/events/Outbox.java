package vn.bdtx.platform.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Changes announced by their owners for the contexts that react to them. An
 * owner publishes inside its own reactive transaction (the statement runs on the
 * transaction's connection when the call is part of a chain under
 * {@code TransactionalOperator}), so the announcement commits or rolls back with
 * the change: a crash between commit and handling loses nothing. A consumer
 * claims its rows with {@link #claim} in the transaction of its own writes: the
 * rows are deleted as they are claimed, locked rows are skipped, so two nodes
 * never handle one row, and a consumer whose transaction rolls back finds its
 * rows again next time.
 */
@Service
public class Outbox {

  /** One announced change: what kind of thing (topic) and which one (subject id). */
  public record Event(String topic, long subjectId) {
  }

  private final DatabaseClient db;
  private final ObjectProvider<OutboxConsumer> consumers;
  private final MeterRegistry meters;
  private final Map<String, Counter> published = new ConcurrentHashMap<>();
  private final Map<String, Counter> handled = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();
  /** Topic → subscribed consumers' names, read once the consumers exist (they may depend on publishers). */
  private volatile Map<String, String[]> subscribers;

  Outbox(DatabaseClient db, ObjectProvider<OutboxConsumer> consumers, MeterRegistry meters) {
    this.db = db;
    this.consumers = consumers;
    this.meters = meters;
  }

  private Map<String, String[]> subscribers() {
    var s = subscribers;
    if (s == null) {
      Map<String, List<String>> byTopic = new java.util.HashMap<>();
      consumers.orderedStream().forEach(c -> c.topics().forEach(t ->
          byTopic.computeIfAbsent(t, k -> new java.util.ArrayList<>()).add(c.name())));
      Map<String, String[]> built = new java.util.HashMap<>();
      byTopic.forEach((t, names) -> built.put(t, names.stream().distinct().toArray(String[]::new)));
      s = Map.copyOf(built);
      subscribers = s;
    }
    return s;
  }

  /** Announces that {@code subjectId} changed, for every consumer of {@code topic}; nothing when none subscribes. */
  public Mono<Void> publish(String topic, long subjectId) {
    return publish(topic, List.of(subjectId));
  }

  /** Announces many changed subjects of one topic in one statement. */
  public Mono<Void> publish(String topic, Collection<Long> subjectIds) {
    String[] names = subscribers().get(topic);
    if (names == null || subjectIds.isEmpty()) {
      return Mono.empty();
    }
    Long[] ids = subjectIds.stream().distinct().toArray(Long[]::new);
    return Mono.defer(() -> db.sql("""
            INSERT INTO outbox_event (consumer, topic, subject_id)
            SELECT c, :topic, s FROM unnest(CAST(:consumers AS varchar[])) AS c CROSS JOIN unnest(CAST(:ids AS bigint[])) AS s""")
        .bind("topic", topic).bind("consumers", names).bind("ids", ids)
        .fetch().rowsUpdated()
        .doOnNext(n -> counter(published, "bdtx_outbox_published", "topic", topic).increment(n))
        .then());
  }

  /**
   * Takes up to {@code limit} of the consumer's oldest rows, deleting them: run it in the transaction of the
   * consumer's writes, so that a rollback gives them back. Rows another transaction holds are skipped.
   */
  public Mono<List<Event>> claim(String consumer, int limit) {
    return db.sql("""
            DELETE FROM outbox_event WHERE id IN (
              SELECT id FROM outbox_event WHERE consumer = :c ORDER BY id LIMIT :n FOR UPDATE SKIP LOCKED)
            RETURNING topic, subject_id""")
        .bind("c", consumer).bind("n", limit)
        .map((r, m) -> new Event(r.get("topic", String.class), r.get("subject_id", Long.class)))
        .all().collectList();
  }

  /**
   * Gives a claimed event back to its consumer at the end of its queue (in the claiming transaction): for one
   * that fails on its own, so that it does not hold up the events behind it.
   */
  public Mono<Void> putBack(String consumer, Event event) {
    return db.sql("INSERT INTO outbox_event (consumer, topic, subject_id) VALUES (:c, :t, :s)")
        .bind("c", consumer).bind("t", event.topic()).bind("s", event.subjectId()).then();
  }

  /** Counts events a consumer has handled (after its transaction committed), for the metrics. */
  public void handled(String consumer, int events) {
    counter(handled, "bdtx_outbox_handled", "consumer", consumer).increment(events);
  }

  /** How many rows wait for the consumer; also kept as the gauge {@code bdtx_outbox_pending}. */
  public Mono<Long> pending(String consumer) {
    return db.sql("SELECT count(*) FROM outbox_event WHERE consumer = :c").bind("c", consumer)
        .map((r, m) -> r.get(0, Long.class)).one()
        .doOnNext(n -> pending.computeIfAbsent(consumer, c -> {
          var value = new AtomicLong();
          Gauge.builder("bdtx_outbox_pending", value, AtomicLong::get).tag("consumer", c)
              .description("Outbox rows waiting for their consumer").register(meters);
          return value;
        }).set(n));
  }

  private Counter counter(Map<String, Counter> counters, String name, String tag, String value) {
    return counters.computeIfAbsent(value, v -> Counter.builder(name).tag(tag, v).register(meters));
  }
}
