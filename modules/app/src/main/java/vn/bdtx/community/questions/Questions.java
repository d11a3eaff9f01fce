package vn.bdtx.community.questions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.accounts.People;
import vn.bdtx.assignments.Submissions;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.community.Notifications;
import vn.bdtx.domain.community.AnswerTime;
import vn.bdtx.domain.community.EscalationTarget;
import vn.bdtx.domain.community.QuestionRules;
import vn.bdtx.domain.community.QuestionState;
import vn.bdtx.domain.community.SearchText;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.storage.Bucket;
import vn.bdtx.platform.storage.FileTypes;
import vn.bdtx.platform.storage.ObjectStore;

/**
 * The questions of every class and the FAQ of every module: the one writer of tables question and faq_entry.
 * Every change is one guarded statement (the state it expects is in its WHERE), so a double click or two
 * people answering at once change it once; an answer's notice is written in the same transaction.
 */
@Service
public class Questions {

  /** File types a question may carry: photos of a screen or a page, a PDF or a Word document. */
  static final Set<String> FILE_TYPES = Set.of("image/jpeg", "image/png", "image/webp", "application/pdf", FileTypes.DOCX);

  /** What asking gave: the question (again: the same form was sent before), or why nothing was stored. */
  sealed interface Asked {
    record Stored(long id, boolean again) implements Asked {
    }

    record Refused(String reason) implements Asked {
    }
  }

  private final DatabaseClient db;
  private final ObjectStore store;
  private final Notifications notifications;
  private final People people;
  private final Cohorts cohorts;
  private final TransactionalOperator tx;
  final AnswerTime answerTime;
  final long maxFile;

  Questions(DatabaseClient db, ObjectStore store, Notifications notifications, People people, Cohorts cohorts,
            TransactionalOperator tx,
            @Value("${bdtx.questions.first-answer:PT24H}") Duration firstAnswer,
            @Value("${bdtx.questions.after-escalation:PT48H}") Duration afterEscalation,
            @Value("${bdtx.questions.max-file:5MB}") org.springframework.util.unit.DataSize maxFile) {
    this.db = db;
    this.store = store;
    this.notifications = notifications;
    this.people = people;
    this.cohorts = cohorts;
    this.tx = tx;
    this.answerTime = new AnswerTime(firstAnswer, afterEscalation);
    this.maxFile = maxFile.toBytes();
  }

  /**
   * The learner asks in their class. The form's one-time {@code key} makes a retry the same question: the
   * second insert finds the first and answers with it. The file (checked by its bytes) is stored under its
   * SHA-256 before the row, so a retry stores the same object again and loses nothing.
   */
  Mono<Asked> ask(Cohorts.Enrollment e, UUID key, String body, Submissions.Received file, Instant now) {
    Optional<QuestionRules.Refusal> text = QuestionRules.text(body);
    if (text.isPresent()) {
      return Mono.just(new Asked.Refused("community.questions.refusal." + text.get()));
    }
    if (file != null && !FILE_TYPES.contains(file.contentType())) {
      return Mono.just(new Asked.Refused("community.questions.file.type"));
    }
    if (file != null && file.size() > maxFile) {
      return Mono.just(new Asked.Refused("community.questions.file.size"));
    }
    String objectKey = file == null ? null : "questions/" + e.cohortId() + "/" + file.sha256();
    Mono<Void> put = file == null ? Mono.empty() : store.put(Bucket.SUBMISSIONS, objectKey, file.path(), file.contentType());
    return put.then(Mono.zip(cohorts.groupOf(e.id()).map(Optional::of).defaultIfEmpty(Optional.empty()), districtOf(e.accountId())))
        .flatMap(t -> {
          var spec = db.sql("""
                  INSERT INTO question (cohort_id, group_id, asker_id, district_id, form_key, body, file_name, file_type,
                                        file_size, file_key, asked_at)
                  VALUES (:c, :g, :a, :d, :k, :b, :fn, :ft, :fs, :fk, :now)
                  ON CONFLICT (asker_id, form_key) DO NOTHING RETURNING id""")
              .bind("c", e.cohortId()).bind("a", e.accountId()).bind("k", key).bind("b", body.strip()).bind("now", now);
          spec = bindOrNull(spec, "g", t.getT1().orElse(null), Long.class);
          spec = bindOrNull(spec, "d", t.getT2().orElse(null), Long.class);
          spec = bindOrNull(spec, "fn", file == null ? null : file.name(), String.class);
          spec = bindOrNull(spec, "ft", file == null ? null : file.contentType(), String.class);
          spec = bindOrNull(spec, "fs", file == null ? null : file.size(), Long.class);
          spec = bindOrNull(spec, "fk", objectKey, String.class);
          return spec.map((r, m) -> r.get("id", Long.class)).one().<Asked>map(id -> new Asked.Stored(id, false))
              .switchIfEmpty(db.sql("SELECT id FROM question WHERE asker_id = :a AND form_key = :k")
                  .bind("a", e.accountId()).bind("k", key).map((r, m) -> (Asked) new Asked.Stored(r.get("id", Long.class), true))
                  .one());
        });
  }

  private static <T> DatabaseClient.GenericExecuteSpec bindOrNull(DatabaseClient.GenericExecuteSpec spec, String name, T value,
                                                                  Class<T> type) {
    return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
  }

  /** The asker's district office when they ask: its officers answer what is escalated as regulation. */
  private Mono<Optional<Long>> districtOf(long accountId) {
    return people.byIds(List.of(accountId)).next().flatMap(p -> p.schoolId() == null ? Mono.<List<People.Placed>>empty()
            : people.placed(List.of(p.schoolId())))
        .map(list -> list.isEmpty() ? Optional.<Long>empty() : Optional.ofNullable(list.get(0).districtId()))
        .defaultIfEmpty(Optional.empty());
  }

  Mono<Question> find(long id) {
    return db.sql("SELECT " + Question.COLUMNS + " FROM question q WHERE q.id = :id").bind("id", id)
        .map((r, m) -> Question.of(r)).one();
  }

  /** The asker's questions in the class, newest first. */
  Mono<List<Question>> ofAsker(long cohortId, long askerId) {
    return db.sql("SELECT " + Question.COLUMNS + " FROM question q WHERE q.cohort_id = :c AND q.asker_id = :a ORDER BY q.id DESC")
        .bind("c", cohortId).bind("a", askerId).map((r, m) -> Question.of(r)).all().collectList();
  }

  /** The class's answered questions (for its learners to read), newest answer first. */
  Mono<List<Question>> answeredInClass(long cohortId, long exceptAsker) {
    return db.sql("SELECT " + Question.COLUMNS + """
             FROM question q WHERE q.cohort_id = :c AND q.state = 'ANSWERED' AND q.asker_id <> :a
            ORDER BY q.answered_at DESC LIMIT 100""")
        .bind("c", cohortId).bind("a", exceptAsker).map((r, m) -> Question.of(r)).all().collectList();
  }

  /** The class's questions a member of its staff sees: all of them, or those of their groups. Open ones first. */
  Mono<List<Question>> forStaff(long cohortId, boolean whole, Set<Long> groups) {
    return db.sql("SELECT " + Question.COLUMNS + """
             FROM question q WHERE q.cohort_id = :c AND (:whole OR q.group_id = ANY(:g))
            ORDER BY (q.state IN ('WAITING', 'ESCALATED')) DESC, q.asked_at LIMIT 500""")
        .bind("c", cohortId).bind("whole", whole).bind("g", groups.toArray(Long[]::new))
        .map((r, m) -> Question.of(r)).all().collectList();
  }

  /** A line of a queue: the question, how long it has waited, when its answer is due and whether that passed. */
  public record Waiting(Question question, String cohortName, Duration age, Instant due, boolean overdue) {
    public long hours() {
      return age.toHours();
    }
  }

  /**
   * The questions waiting for the caller: escalated to them (as the lecturer of the class, a specialist for
   * the asker's district or the whole province, the IT team), or, as a class's first line (assistant, core
   * teacher), still waiting in their classes and groups. A lecturer sees the rest of their classes' questions
   * on the class's questions page. Overdue first, then by due time.
   */
  Mono<List<Waiting>> queue(Caller caller, Seats seats, Instant now) {
    return seats.mine(caller).flatMap(rows -> {
      List<Long> lecturing = new ArrayList<>();
      List<Long> assisting = new ArrayList<>();
      List<Long> leading = new ArrayList<>();
      rows.forEach(r -> {
        switch (r.role()) {
          case "LECTURER" -> lecturing.add(r.cohort().id());
          case "ASSISTANT" -> assisting.add(r.cohort().id());
          default -> leading.add(r.cohort().id());
        }
      });
      Mono<List<Long>> groups = Flux.fromIterable(leading).concatMap(seats::groups)
          .flatMapIterable(gs -> gs).filter(g -> g.coreTeacherId() != null && g.coreTeacherId() == caller.accountId())
          .map(vn.bdtx.cohorts.CohortViews.Group::id).collectList();
      boolean regulationAll = caller.hasRole(vn.bdtx.domain.accounts.Role.SUPERVISOR) || caller.grants().stream()
          .anyMatch(g -> g.role() == vn.bdtx.domain.accounts.Role.DISTRICT_OFFICER && g.scopeId() == null
              && g.scopeType() == vn.bdtx.domain.accounts.ScopeType.PROVINCE);
      boolean it = caller.hasRole(vn.bdtx.domain.accounts.Role.IT_ADMIN);
      // The classes' names from cohorts, their owner (DESIGN §5), for the whole queue at once.
      return groups.flatMap(gs -> db.sql("SELECT " + Question.COLUMNS + " " + """
              FROM question q
              WHERE (q.state = 'ESCALATED' AND (
                       q.escalated_to = 'LECTURER' AND q.cohort_id = ANY(:lect)
                    OR q.escalated_to = 'REGULATION' AND (:reg OR q.district_id = ANY(:districts))
                    OR q.escalated_to = 'IT' AND :it))
                 OR (q.state = 'WAITING' AND (q.cohort_id = ANY(:assist) OR q.group_id = ANY(:groups)))
              LIMIT 1000""")
          .bind("lect", lecturing.toArray(Long[]::new)).bind("assist", assisting.toArray(Long[]::new))
          .bind("groups", gs.toArray(Long[]::new)).bind("reg", regulationAll).bind("it", it)
          .bind("districts", Seats.officerDistricts(caller).toArray(Long[]::new))
          .map((r, m) -> Question.of(r)).all().collectList())
          .flatMap(questions -> cohorts.cohortNames(questions.stream().map(Question::cohortId).distinct().toList())
              .map(names -> questions.stream().filter(q -> names.containsKey(q.cohortId()))
                  .map(q -> new Waiting(q, names.get(q.cohortId()), AnswerTime.age(q.askedAt(), q.escalatedAt(), now),
                      answerTime.due(q.askedAt(), q.escalatedAt()), answerTime.overdue(q.state(), q.askedAt(), q.escalatedAt(), now)))
                  .toList()))
          .map(list -> {
            var sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparing((Waiting w) -> !w.overdue()).thenComparing(Waiting::due));
            return List.copyOf(sorted);
          });
    });
  }

  /**
   * Tells whoever must act now: the group's core teacher of a new question, the class's lecturer of one escalated
   * to them (the specialists and the IT team, many people each, work from their queue). Once per occasion.
   */
  Mono<Void> tellStaff(long questionId, Seats seats, Instant now) {
    return find(questionId).flatMap(q -> {
      Mono<Long> who = q.state() == QuestionState.WAITING ? seats.coreTeacherOf(q.cohortId(), q.groupId())
          : q.state() == QuestionState.ESCALATED && q.escalatedTo() == EscalationTarget.LECTURER ? seats.lecturerOf(q.cohortId())
          : Mono.empty();
      String occasion = q.state() == QuestionState.WAITING ? "question:" + q.id() : "escalated:" + q.id() + ":" + q.escalatedAt();
      String key = q.state() == QuestionState.WAITING ? "community.notice.questions.asked" : "community.notice.questions.escalated";
      return who.flatMap(account -> notifications.notify(new Notifications.Notice(account, Notifications.Kind.QUESTION, key,
          List.of(), "/questions/" + q.id(), occasion), now));
    }).then();
  }

  /** Answers an open question; its asker, and the askers of questions merged into it, are told. */
  Mono<Boolean> answer(Question q, Caller by, String text, Instant now) {
    return db.sql("""
            UPDATE question SET state = 'ANSWERED', answer = :t, answered_by = :by, answered_at = :now
            WHERE id = :id AND state IN ('WAITING', 'ESCALATED') RETURNING id""")
        .bind("t", text.strip()).bind("by", by.accountId()).bind("now", now).bind("id", q.id())
        .map((r, m) -> r.get("id", Long.class)).one()
        .flatMap(id -> db.sql("SELECT id, asker_id FROM question WHERE id = :id OR merged_into = :id")
            .bind("id", id).map((r, m) -> Map.entry(r.get("id", Long.class), r.get("asker_id", Long.class))).all()
            .concatMap(a -> tellAnswered(a.getKey(), a.getValue(), now)).then(Mono.just(true)))
        .defaultIfEmpty(false)
        .as(tx::transactional);
  }

  private Mono<Boolean> tellAnswered(long questionId, long askerId, Instant now) {
    return notifications.notify(new Notifications.Notice(askerId, Notifications.Kind.ANSWER, "community.notice.questions.answered",
        List.of(), "/questions/" + questionId, "answer:" + questionId), now);
  }

  /** Sends an open question on to a target, with the note that says what is needed. */
  Mono<Boolean> escalate(Question q, Caller by, EscalationTarget to, String note, Instant now) {
    return db.sql("""
            UPDATE question SET state = 'ESCALATED', escalated_to = :to, escalation_note = :n, escalated_by = :by,
                                escalated_at = :now
            WHERE id = :id AND state IN ('WAITING', 'ESCALATED') RETURNING id""")
        .bind("to", to.name()).bind("n", note.strip()).bind("by", by.accountId()).bind("now", now).bind("id", q.id())
        .map((r, m) -> true).one().defaultIfEmpty(false);
  }

  /**
   * Marks an open question as a duplicate of another question of the class, or of an FAQ entry of the module.
   * The asker reads that answer; when it is there already they are told now, otherwise when it comes.
   */
  Mono<Boolean> merge(Question q, Question into, FaqEntry faq, Instant now) {
    var spec = db.sql("""
            UPDATE question SET state = 'MERGED', merged_into = :into, merged_faq = :faq
            WHERE id = :id AND state IN ('WAITING', 'ESCALATED') RETURNING id""").bind("id", q.id());
    spec = bindOrNull(spec, "into", into == null ? null : into.id(), Long.class);
    spec = bindOrNull(spec, "faq", faq == null ? null : faq.id(), Long.class);
    boolean answeredAlready = faq != null || into != null && into.state() == QuestionState.ANSWERED;
    return spec.map((r, m) -> true).one()
        .flatMap(ok -> answeredAlready ? tellAnswered(q.id(), q.askerId(), now).thenReturn(true) : Mono.just(true))
        .defaultIfEmpty(false)
        .as(tx::transactional);
  }

  /** Publishes an answered question to the module's FAQ, once (a second click finds the entry made by the first). */
  Mono<Long> publish(Question q, String moduleCode, Caller by, String questionText, String answerText, Instant now) {
    return db.sql("""
            INSERT INTO faq_entry (module_code, question_id, question_text, answer_text, search_text, published_by, published_at)
            VALUES (:m, :q, :qt, :at, :s, :by, :now) ON CONFLICT (question_id) DO NOTHING RETURNING id""")
        .bind("m", moduleCode).bind("q", q.id()).bind("qt", questionText.strip()).bind("at", answerText.strip())
        .bind("s", " " + SearchText.normalise(questionText + " " + answerText)).bind("by", by.accountId()).bind("now", now)
        .map((r, m) -> r.get("id", Long.class)).one()
        .switchIfEmpty(db.sql("SELECT id FROM faq_entry WHERE question_id = :q").bind("q", q.id())
            .map((r, m) -> r.get("id", Long.class)).one());
  }

  Mono<FaqEntry> faqOf(long questionId) {
    return db.sql("SELECT * FROM faq_entry WHERE question_id = :q").bind("q", questionId).map((r, m) -> FaqEntry.of(r)).one();
  }

  Mono<FaqEntry> faqEntry(long id) {
    return db.sql("SELECT * FROM faq_entry WHERE id = :id").bind("id", id).map((r, m) -> FaqEntry.of(r)).one();
  }

  /** The module's FAQ, newest first; with a query, the entries holding every word of it (diacritics and case ignored). */
  Mono<List<FaqEntry>> faq(String moduleCode, String query) {
    List<String> words = SearchText.words(query);
    var sql = new StringBuilder("SELECT * FROM faq_entry WHERE module_code = :m");
    for (int i = 0; i < words.size(); i++) {
      sql.append(" AND search_text LIKE :w").append(i);
    }
    sql.append(" ORDER BY id DESC LIMIT 200");
    var spec = db.sql(sql.toString()).bind("m", moduleCode);
    for (int i = 0; i < words.size(); i++) {
      spec = spec.bind("w" + i, "% " + words.get(i).replace("\\", "").replace("%", "").replace("_", "\\_") + "%");
    }
    return spec.map((r, m) -> FaqEntry.of(r)).all().collectList();
  }

  /** A short-lived link to the question's file: shown in the browser for images and PDF, downloaded otherwise. */
  Mono<String> url(Question q) {
    return store.presignedDownload(Bucket.SUBMISSIONS, q.fileKey(), Duration.ofMinutes(5), q.fileType(), q.fileName(),
        "private, no-store");
  }
}
