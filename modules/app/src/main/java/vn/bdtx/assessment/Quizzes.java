package vn.bdtx.assessment;

import io.r2dbc.postgresql.codec.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.assessment.AttemptClock;
import vn.bdtx.domain.assessment.AttemptResult;
import vn.bdtx.domain.assessment.Grading;
import vn.bdtx.domain.assessment.Paper;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.domain.catalog.Lecture;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.domain.cohorts.Activity;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;

/**
 * Lesson quiz attempts in PostgreSQL. Every answer is one upsert, guarded in the
 * statement itself (the attempt is the caller's, still open, before its closing
 * time, the question on its paper), so an answer is either saved for good or
 * refused with nothing changed. Submitting locks the attempt row and grades it
 * once: a double click or a retried request finds it finished and gets the same
 * result.
 */
@Service
public class Quizzes {

  // Papers stored before a field existed read it as its default (e.g. an item without "multiple" is single-answer).
  private static final JsonMapper JSON = JsonMapper.builder()
      .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

  /**
   * An attempt with the answers saved so far (question id → choice indexes into
   * the question's own choices) and the responses typed or matched (question id →
   * text; short answer, numerical, matching).
   */
  public record Attempt(long id, long enrollmentId, String lectureId, int number, Paper paper, Instant startedAt,
                        Instant closesAt, boolean finished, Instant finishedAt, BigDecimal score, String closedBy,
                        Map<String, Set<Integer>> answers, Map<String, String> responses) {

    public Optional<Instant> closing() {
      return Optional.ofNullable(closesAt);
    }

    /** Seconds left at {@code now}, or -1 when the attempt has no closing time. */
    public long secondsLeft(Instant now) {
      return closesAt == null ? -1 : Math.max(0, closesAt.getEpochSecond() - now.getEpochSecond());
    }
  }

  /** Why an attempt could not start. */
  public enum Refusal { NO_QUIZ, NOT_OPEN, NO_ATTEMPTS_LEFT }

  public sealed interface Started {
    record Ok(Attempt attempt) implements Started {
    }

    record Refused(Refusal reason) implements Started {
    }
  }

  /** What became of an answer. */
  public enum Saved {
    SAVED, CLOSED, NOT_FOUND,
    /** Choices the question does not have, or several on a single-answer question. */
    INVALID,
    /** Older than the answer already saved (another tab, a late retry): the newer one stays. */
    STALE
  }

  private final DatabaseClient db;
  private final TransactionalOperator tx;

  private final Outbox outbox;

  Quizzes(DatabaseClient db, Outbox outbox, TransactionalOperator tx) {
    this.outbox = outbox;
    this.db = db;
    this.tx = tx;
  }

  /**
   * Starts an attempt, or resumes the open one. Refused when the lecture has no
   * quiz, studying is not open (before the class starts or after the learner's
   * deadline), or no attempts are left. Two clicks at once start one attempt.
   */
  public Mono<Started> start(Cohorts.Enrollment e, CourseContent content, String lectureId, Instant now) {
    Optional<Lecture> lecture = content.lecture(lectureId).filter(Lecture::hasQuiz);
    if (lecture.isEmpty() || content.inCategory(lecture.get().quizCategory()).isEmpty()) {
      return Mono.just(new Started.Refused(Refusal.NO_QUIZ));
    }
    var study = e.schedule().window(Activity.STUDY);
    if (study.isEmpty() || !study.get().contains(now)) {
      return Mono.just(new Started.Refused(Refusal.NOT_OPEN));
    }
    // The common case costs two statements: the open attempt (none) with the count of finished ones, and the insert.
    return openAndFinished(e.id(), lectureId).flatMap(state -> {
      Attempt open = state.open();
      if (open != null && (open.closesAt() == null || now.isBefore(open.closesAt()))) {
        return withAnswers(open).map(a -> (Started) new Started.Ok(a));
      }
      // An attempt left open past its time is graded first; then a new one may start.
      Mono<Integer> finished = open == null ? Mono.just(state.finished())
          : closeIfDue(e.id(), lectureId, content, now).then(finishedCount(e.id(), lectureId));
      return finished.flatMap(n -> startNew(e, content, lecture.get(), study.get().closes(), n, now));
    });
  }

  /** A new attempt after {@code finished} finished ones, if the quiz allows another. */
  private Mono<Started> startNew(Cohorts.Enrollment e, CourseContent content, Lecture lecture, Instant studyCloses,
                                 int finished, Instant now) {
    var settings = lecture.quiz();
    String lectureId = lecture.id();
    if (!settings.mayStart(finished)) {
      return Mono.just(new Started.Refused(Refusal.NO_ATTEMPTS_LEFT));
    }
    Paper paper = Paper.draw(content.inCategory(lecture.quizCategory()), settings, ThreadLocalRandom.current().nextLong());
    Instant closes = AttemptClock.closesAt(now, settings.timeLimit(), Optional.of(studyCloses)).orElse(null);
    var insert = db.sql("""
            INSERT INTO quiz_attempt (enrollment_id, account_id, lecture_id, number, paper, question_ids, started_at, closes_at)
            VALUES (:e, :acc, :l, :n, :p, :q, :s, :c)
            ON CONFLICT DO NOTHING
            RETURNING id""")
        .bind("e", e.id()).bind("acc", e.accountId()).bind("l", lectureId).bind("n", finished + 1)
        .bind("p", Json.of(JSON.writeValueAsString(paper)))
        .bind("q", paper.items().stream().map(Paper.Item::questionId).toArray(String[]::new))
        .bind("s", now);
    insert = closes == null ? insert.bindNull("c", Instant.class) : insert.bind("c", closes);
    // A first attempt at a lecture's quiz may be the enrollment's first work: the reports count it as started.
    return insert.map((r, m) -> r.get("id", Long.class)).one()
        .flatMap(id -> finished > 0 ? Mono.just(id) : outbox.publish(Topics.ENROLLMENT, e.id()).thenReturn(id))
        .as(tx::transactional)
        .map(id -> new Attempt(id, e.id(), lectureId, finished + 1, paper, now, closes, false, null, null, null, Map.of(), Map.of()))
        // Lost a race with a second click: resume the attempt it started.
        .switchIfEmpty(Mono.defer(() -> openAttempt(e.id(), lectureId)))
        .map(a -> (Started) new Started.Ok(a));
  }

  /** The open attempt at a lecture's quiz (null when none) and how many are finished. */
  private record OpenAndFinished(Attempt open, int finished) {
  }

  private Mono<OpenAndFinished> openAndFinished(long enrollmentId, String lectureId) {
    return db.sql("SELECT f.n AS finished_count, " + COLUMNS + """

            FROM (SELECT count(*) AS n FROM quiz_attempt
                  WHERE enrollment_id = :e AND lecture_id = :l AND state = 'FINISHED') f
            LEFT JOIN quiz_attempt a ON a.enrollment_id = :e AND a.lecture_id = :l AND a.state = 'OPEN'""")
        .bind("e", enrollmentId).bind("l", lectureId)
        .map((r, m) -> new OpenAndFinished(r.get("id", Long.class) == null ? null : attempt(r),
            r.get("finished_count", Long.class).intValue()))
        .one();
  }

  private Mono<Integer> finishedCount(long enrollmentId, String lectureId) {
    return db.sql("SELECT count(*) AS n FROM quiz_attempt WHERE enrollment_id = :e AND lecture_id = :l AND state = 'FINISHED'")
        .bind("e", enrollmentId).bind("l", lectureId).map((r, m) -> r.get("n", Long.class).intValue()).one();
  }

  private Mono<Attempt> openAttempt(long enrollmentId, String lectureId) {
    return db.sql(SELECT + " WHERE a.enrollment_id = :e AND a.lecture_id = :l AND a.state = 'OPEN'")
        .bind("e", enrollmentId).bind("l", lectureId).map((r, m) -> attempt(r)).one()
        .flatMap(this::withAnswers);
  }

  /** The caller's attempt with its answers; empty when it is not theirs or does not exist. */
  public Mono<Attempt> find(long attemptId, long accountId) {
    return findWithoutAnswers(attemptId, accountId).flatMap(this::withAnswers);
  }

  /**
   * The caller's attempt, its answers left empty (one statement): for a caller that needs only its state, paper
   * or lecture, as submitting does before {@link #submit} reads the answers it grades.
   */
  public Mono<Attempt> findWithoutAnswers(long attemptId, long accountId) {
    return db.sql(SELECT + " WHERE a.id = :a AND a.account_id = :acc")
        .bind("a", attemptId).bind("acc", accountId).map((r, m) -> attempt(r)).one();
  }

  /** Every attempt of the enrollment at a lecture's quiz, oldest first. */
  public Flux<Attempt> attempts(long enrollmentId, String lectureId) {
    return db.sql(SELECT + " WHERE a.enrollment_id = :e AND a.lecture_id = :l ORDER BY a.number")
        .bind("e", enrollmentId).bind("l", lectureId).map((r, m) -> attempt(r)).all();
  }

  /** Finished attempts of an enrollment per lecture, for the score that counts and criterion (i). */
  public Mono<Map<String, List<AttemptResult>>> results(long enrollmentId) {
    return db.sql("""
            SELECT lecture_id, number, score, finished_at FROM quiz_attempt
            WHERE enrollment_id = :e AND state = 'FINISHED' ORDER BY number""")
        .bind("e", enrollmentId)
        .map((r, m) -> Map.entry(r.get("lecture_id", String.class), new AttemptResult(r.get("number", Integer.class),
            r.get("score", BigDecimal.class), r.get("finished_at", Instant.class))))
        .all()
        .collectList()
        .map(list -> {
          Map<String, List<AttemptResult>> byLecture = new HashMap<>();
          list.forEach(en -> byLecture.computeIfAbsent(en.getKey(), k -> new ArrayList<>()).add(en.getValue()));
          return byLecture;
        });
  }

  /** Finished attempts of many enrollments: enrollment id → lecture id → attempts, oldest first. */
  public Mono<Map<Long, Map<String, List<AttemptResult>>>> resultsOf(java.util.Collection<Long> enrollmentIds) {
    return db.sql("""
            SELECT enrollment_id, lecture_id, number, score, finished_at FROM quiz_attempt
            WHERE enrollment_id = ANY(:e) AND state = 'FINISHED' ORDER BY enrollment_id, number""")
        .bind("e", enrollmentIds.toArray(Long[]::new))
        .map((r, m) -> new Object[] {r.get("enrollment_id", Long.class), r.get("lecture_id", String.class),
            new AttemptResult(r.get("number", Integer.class), r.get("score", BigDecimal.class), r.get("finished_at", Instant.class))})
        .all()
        .collectList()
        .map(rows -> {
          Map<Long, Map<String, List<AttemptResult>>> out = new HashMap<>();
          for (Object[] row : rows) {
            out.computeIfAbsent((Long) row[0], k -> new HashMap<>())
                .computeIfAbsent((String) row[1], k -> new ArrayList<>()).add((AttemptResult) row[2]);
          }
          return out;
        });
  }

  /** Which of these enrollments have started any quiz attempt. */
  public Mono<java.util.Set<Long>> attempted(java.util.Collection<Long> enrollmentIds) {
    if (enrollmentIds.isEmpty()) {
      return Mono.just(java.util.Set.of());
    }
    return db.sql("SELECT DISTINCT enrollment_id FROM quiz_attempt WHERE enrollment_id = ANY(:e)")
        .bind("e", enrollmentIds.toArray(Long[]::new)).map((r, m) -> r.get(0, Long.class)).all()
        .collect(java.util.stream.Collectors.toSet());
  }

  /**
   * Saves one answer as it is given. One statement: it writes only if the
   * attempt is the caller's, open, before its closing time, the question is on
   * its paper and the choices are its own (one of them, unless the question
   * takes several). Saving the same answer twice is harmless. Without a page
   * (the submit form, an old page) the server's receive order decides.
   */
  public Mono<Saved> save(long attemptId, long accountId, String questionId, Set<Integer> chosen, long seq, Instant now) {
    return save(attemptId, accountId, questionId, chosen, null, null, seq, now);
  }

  /** The highest counter a page may send: a page load never gives that many answers; a larger one is refused. */
  public static final long MAX_PAGE_SEQ = 1_000_000;

  /** Same as {@link #save(long, long, String, Set, String, String, long, Instant)} without a page: receive order. */
  public Mono<Saved> save(long attemptId, long accountId, String questionId, Set<Integer> chosen, String response, long seq,
                          Instant now) {
    return save(attemptId, accountId, questionId, chosen, response, null, seq, now);
  }

  /** The longest response kept: a short answer or number is a few words; a matching response a list of indexes. */
  public static final int MAX_RESPONSE = 500;

  /**
   * Saves one answer: the choices ticked, or the {@code response} typed (short
   * answer, numerical) or matched (matching: answer indexes per item), with the
   * same guards.
   *
   * <p>Order of saves, which no device clock can poison: {@code page} names
   * the page load that sent the answer and {@code seq} is that page's own
   * counter (1, 2, 3..., at most {@link #MAX_PAGE_SEQ}). A save from the same
   * page as the stored answer replaces it only if its counter is not lower (a
   * late duplicate of an older save is {@link Saved#STALE}: superseded); a save
   * from another page load, or without a page, replaces it: the server's
   * receive order. Without a page {@code seq} is ignored.
   */
  public Mono<Saved> save(long attemptId, long accountId, String questionId, Set<Integer> chosen, String response,
                          String page, long seq, Instant now) {
    if (chosen.size() > 50 || (response != null && response.length() > MAX_RESPONSE)
        || (page != null && (page.isEmpty() || page.length() > 40 || seq < 0 || seq > MAX_PAGE_SEQ))) {
      return Mono.just(Saved.INVALID);
    }
    long order = page == null ? 0 : seq;
    Short[] choices = chosen.stream().sorted().map(i -> (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, i)))
        .toArray(Short[]::new);
    int max = chosen.stream().mapToInt(Integer::intValue).max().orElse(-1);
    int min = chosen.stream().mapToInt(Integer::intValue).min().orElse(0);
    return db.sql("""
            INSERT INTO attempt_answer (attempt_id, question_id, chosen, saved_at, seq, page, response)
            SELECT a.id, :q, :c, :now, :seq, :p, :r FROM quiz_attempt a
            WHERE a.id = :a AND a.account_id = :acc AND a.state = 'OPEN'
              AND (a.closes_at IS NULL OR a.closes_at > :now) AND :q = ANY (a.question_ids) AND :min >= 0
              AND EXISTS (SELECT 1 FROM jsonb_array_elements(a.paper -> 'items') it
                          WHERE it ->> 'questionId' = :q AND jsonb_array_length(it -> 'choiceOrder') > :max
                            AND (:n <= 1 OR COALESCE((it ->> 'multiple')::boolean, FALSE)))
            ON CONFLICT (attempt_id, question_id) DO UPDATE
              SET chosen = EXCLUDED.chosen, saved_at = EXCLUDED.saved_at, seq = EXCLUDED.seq, page = EXCLUDED.page,
                  response = EXCLUDED.response
              WHERE attempt_answer.page IS DISTINCT FROM EXCLUDED.page OR attempt_answer.page IS NULL
                 OR attempt_answer.seq <= EXCLUDED.seq""")
        .bind("r", org.springframework.r2dbc.core.Parameter.fromOrEmpty(response, String.class))
        .bind("p", org.springframework.r2dbc.core.Parameter.fromOrEmpty(page, String.class))
        .bind("q", questionId).bind("c", choices).bind("now", now).bind("seq", order).bind("a", attemptId).bind("acc", accountId)
        .bind("max", max).bind("min", min).bind("n", chosen.size())
        .fetch().rowsUpdated()
        .flatMap(n -> n > 0 ? Mono.just(Saved.SAVED) : findWithoutAnswers(attemptId, accountId).map(a -> {
          var item = a.paper().item(questionId);
          if (item.isEmpty()) {
            return Saved.NOT_FOUND;
          }
          if (a.finished() || (a.closesAt() != null && !now.isBefore(a.closesAt()))) {
            return Saved.CLOSED;
          }
          return item.get().accepts(chosen) ? Saved.STALE : Saved.INVALID;
        }).defaultIfEmpty(Saved.NOT_FOUND));
  }

  /**
   * Submits the attempt: grades the answers saved before its closing time and
   * finishes it. Idempotent: an attempt already finished is returned as it is.
   */
  public Mono<Attempt> submit(long attemptId, long accountId, CourseContent content, Instant now) {
    return db.sql(SELECT + " WHERE a.id = :a AND a.account_id = :acc FOR UPDATE OF a")
        .bind("a", attemptId).bind("acc", accountId).map((r, m) -> attempt(r)).one()
        // Grading read the answers it graded: they are returned as they are, not read again.
        .flatMap(a -> a.finished() ? withAnswers(a) : grade(a, content, now, "LEARNER"))
        .as(tx::transactional);
  }

  /** Grades and finishes attempts past their closing time (a learner who never pressed "Nộp bài"); returns how many. */
  public Mono<Integer> closeExpired(Instant now, java.util.function.Function<Long, Mono<CourseContent>> contentOfEnrollment) {
    return db.sql(SELECT + " WHERE a.state = 'OPEN' AND a.closes_at <= :now ORDER BY a.closes_at LIMIT 500 FOR UPDATE OF a SKIP LOCKED")
        .bind("now", now).map((r, m) -> attempt(r)).all()
        // All rows first: the grading statements share the transaction's connection with this result.
        .collectList()
        .flatMapMany(Flux::fromIterable)
        .concatMap(a -> contentOfEnrollment.apply(a.enrollmentId()).flatMap(c -> grade(a, c, now, "TIME")))
        .count().map(Long::intValue)
        .as(tx::transactional);
  }

  private Mono<Void> closeIfDue(long enrollmentId, String lectureId, CourseContent content, Instant now) {
    return db.sql(SELECT + " WHERE a.enrollment_id = :e AND a.lecture_id = :l AND a.state = 'OPEN' AND a.closes_at <= :now FOR UPDATE OF a")
        .bind("e", enrollmentId).bind("l", lectureId).bind("now", now).map((r, m) -> attempt(r)).all()
        .collectList()
        .flatMapMany(Flux::fromIterable)
        .concatMap(a -> grade(a, content, now, "TIME"))
        .then()
        .as(tx::transactional);
  }

  private Mono<Attempt> grade(Attempt a, CourseContent content, Instant now, String by) {
    return saved(a.id()).flatMap(both -> {
      var answers = both.answers();
      var responses = both.responses();
      List<Question> questions = new ArrayList<>();
      for (Paper.Item item : a.paper().items()) {
        content.question(item.questionId()).ifPresent(questions::add);
      }
      BigDecimal score = Grading.score(questions, answers, responses);
      boolean late = a.closesAt() != null && !now.isBefore(a.closesAt());
      Instant finishedAt = late ? a.closesAt() : now;
      String closedBy = late ? "TIME" : by;
      return db.sql("""
              UPDATE quiz_attempt SET state = 'FINISHED', score = :s, finished_at = :f, closed_by = :by
              WHERE id = :id AND state = 'OPEN'""")
          .bind("s", score).bind("f", finishedAt).bind("by", closedBy).bind("id", a.id())
          .fetch().rowsUpdated()
          .flatMap(n -> n > 0 ? outbox.publish(Topics.ENROLLMENT, a.enrollmentId()) : Mono.<Void>empty())
          .thenReturn(new Attempt(a.id(), a.enrollmentId(), a.lectureId(), a.number(), a.paper(), a.startedAt(), a.closesAt(),
              true, finishedAt, score, closedBy, answers, responses));
    });
  }

  /** What an attempt holds: the choices of every answer saved, and the responses typed or matched. */
  private record SavedAnswers(Map<String, Set<Integer>> answers, Map<String, String> responses) {
  }

  /** The attempt's answers and responses in one statement (they are the same rows). */
  private Mono<SavedAnswers> saved(long attemptId) {
    return db.sql("SELECT question_id, chosen, response FROM attempt_answer WHERE attempt_id = :a")
        .bind("a", attemptId)
        .map((r, m) -> new SavedAnswer(r.get("question_id", String.class), toSet(r.get("chosen", Short[].class)),
            r.get("response", String.class)))
        .all()
        .collectList()
        .map(rows -> {
          Map<String, Set<Integer>> answers = new HashMap<>();
          Map<String, String> responses = new HashMap<>();
          for (SavedAnswer row : rows) {
            answers.put(row.questionId(), row.chosen());
            if (row.response() != null) {
              responses.put(row.questionId(), row.response());
            }
          }
          return new SavedAnswers(answers, responses);
        });
  }

  private record SavedAnswer(String questionId, Set<Integer> chosen, String response) {
  }

  private Mono<Attempt> withAnswers(Attempt a) {
    return saved(a.id()).map(both -> new Attempt(a.id(), a.enrollmentId(), a.lectureId(), a.number(),
        a.paper(), a.startedAt(), a.closesAt(), a.finished(), a.finishedAt(), a.score(), a.closedBy(), both.answers(),
        both.responses()));
  }

  private static Set<Integer> toSet(Short[] chosen) {
    var set = new LinkedHashSet<Integer>();
    if (chosen != null) {
      for (Short s : chosen) {
        set.add(s.intValue());
      }
    }
    return set;
  }

  private static final String COLUMNS = """
      a.id, a.enrollment_id, a.lecture_id, a.number, a.paper, a.started_at, a.closes_at, a.state, a.finished_at,
             a.score, a.closed_by""";

  private static final String SELECT = "SELECT " + COLUMNS + "\n      FROM quiz_attempt a";

  private static Attempt attempt(io.r2dbc.spi.Readable r) {
    Paper paper = JSON.readValue(r.get("paper", Json.class).asString(), Paper.class);
    return new Attempt(r.get("id", Long.class), r.get("enrollment_id", Long.class), r.get("lecture_id", String.class),
        r.get("number", Integer.class), paper, r.get("started_at", Instant.class), r.get("closes_at", Instant.class),
        "FINISHED".equals(r.get("state", String.class)), r.get("finished_at", Instant.class), r.get("score", BigDecimal.class),
        r.get("closed_by", String.class), Map.of(), Map.of());
  }
}
