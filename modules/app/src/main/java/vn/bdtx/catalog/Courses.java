package vn.bdtx.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.domain.catalog.CourseLevel;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.security.Caller;

/**
 * Courses, their drafts and their published versions. A draft is saved only if
 * nobody saved it in between (revision check), so two tabs never overwrite each
 * other silently; publishing copies the draft into a new immutable version.
 */
@Service
public class Courses {

  private static final String SELECT = """
      SELECT c.id, c.module_code, c.level, c.subject, c.title, c.owner_id, c.source_dir,
             c.revision, c.draft, c.updated_at,
             (SELECT max(number) FROM content_version v WHERE v.course_id = c.id) AS latest_version
      FROM course c""";

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final AuditLog audit;
  /**
   * Module code and title by course id, for the pages of other contexts: they change only when the loader reads
   * a changed course folder (which forgets its entry here); a few minutes bound what another node still shows.
   */
  private final Cache<Long, Title> titles = Caffeine.newBuilder().maximumSize(TITLES_KEPT)
      .expireAfterWrite(java.time.Duration.ofMinutes(10)).build();

  static final int TITLES_KEPT = 2_000;

  Courses(DatabaseClient db, TransactionalOperator tx, AuditLog audit) {
    this.db = db;
    this.tx = tx;
    this.audit = audit;
  }

  /** The outcome of saving a draft. */
  public enum Saved { SAVED, CHANGED_MEANWHILE }

  public Mono<Course> find(long id) {
    return db.sql(SELECT + " WHERE c.id = :id").bind("id", id).map((r, m) -> course(r)).one();
  }

  /** The course if the caller may see it; empty otherwise (a 404 for them). */
  public Mono<Course> findVisible(long id, Caller caller) {
    return find(id).filter(c -> c.visibleTo(caller));
  }

  /** The course if the caller may edit it. */
  public Mono<Course> findEditable(long id, Caller caller) {
    return find(id).filter(c -> c.editableBy(caller));
  }

  /** A lecturer's own courses and the file courses; every course for supervisors and IT admins. */
  public Flux<Course> visibleTo(Caller caller) {
    boolean all = caller.hasRole(Role.SUPERVISOR) || caller.hasRole(Role.IT_ADMIN);
    return db.sql(SELECT + " WHERE :all OR c.owner_id = :me OR c.owner_id IS NULL ORDER BY c.module_code, c.level, c.subject, c.id")
        .bind("all", all).bind("me", caller.accountId()).map((r, m) -> course(r)).all();
  }

  public Mono<Long> create(Caller owner, String moduleCode, CourseLevel level, String subject, String title) {
    return db.sql("""
            INSERT INTO course (module_code, level, subject, title, owner_id, draft)
            VALUES (:m, :l, :s, :t, :o, :d) RETURNING id""")
        .bind("m", moduleCode).bind("l", level.name()).bind("s", subject).bind("t", title).bind("o", owner.accountId())
        .bind("d", ContentJson.write(CourseContent.EMPTY))
        .map((r, m) -> r.get("id", Long.class)).one()
        .flatMap(id -> audit.record(owner, "COURSE_CREATED", "course", id,
            Map.of("module", moduleCode, "title", title)).thenReturn(id))
        .as(tx::transactional);
  }

  /** Saves {@code change} applied to the draft the page was showing (revision {@code seen}). */
  public Mono<Saved> saveDraft(Course course, int seen, UnaryOperator<CourseContent> change) {
    if (seen != course.revision()) {
      return Mono.just(Saved.CHANGED_MEANWHILE);
    }
    CourseContent next = change.apply(course.draft());
    return db.sql("UPDATE course SET draft = :d, revision = revision + 1, updated_at = now() WHERE id = :id AND revision = :r")
        .bind("d", ContentJson.write(next)).bind("id", course.id()).bind("r", seen)
        .fetch().rowsUpdated()
        .map(n -> n == 1 ? Saved.SAVED : Saved.CHANGED_MEANWHILE);
  }

  /** Freezes the draft as the next version; the caller has checked the blockers. */
  public Mono<Integer> publish(Course course, Caller by) {
    return publish(course.id(), course.draft(), by == null ? null : by.accountId())
        .flatMap(number -> by == null ? Mono.just(number)
            : audit.record(by, "COURSE_PUBLISHED", "course", course.id(), Map.of("version", String.valueOf(number)))
            .thenReturn(number))
        .as(tx::transactional);
  }

  Mono<Integer> publish(long courseId, CourseContent content, Long by) {
    var insert = db.sql("""
            INSERT INTO content_version (course_id, number, content, published_by)
            SELECT :c, COALESCE(max(number), 0) + 1, :content, :by FROM content_version WHERE course_id = :c
            RETURNING number""")
        .bind("c", courseId).bind("content", ContentJson.write(content));
    var bound = by == null ? insert.bindNull("by", Long.class) : insert.bind("by", by);
    return db.sql("SELECT id FROM course WHERE id = :id FOR UPDATE").bind("id", courseId).fetch().one()
        .then(bound.map((r, m) -> r.get("number", Integer.class)).one());
  }

  public Flux<ContentVersion> versions(long courseId) {
    return db.sql(VERSION_SELECT + " WHERE v.course_id = :c ORDER BY v.number DESC").bind("c", courseId)
        .map((r, m) -> version(r)).all();
  }

  public Mono<ContentVersion> version(long versionId) {
    return db.sql(VERSION_SELECT + " WHERE v.id = :id").bind("id", versionId).map((r, m) -> version(r)).one();
  }

  /** The newest published version, the one a new cohort pins. */
  public Mono<ContentVersion> latestVersion(long courseId) {
    return db.sql(VERSION_SELECT + " WHERE v.course_id = :c ORDER BY v.number DESC LIMIT 1").bind("c", courseId)
        .map((r, m) -> version(r)).one();
  }

  private static final String VERSION_SELECT = """
      SELECT v.id, v.course_id, v.number, v.content, v.published_at, v.published_by
      FROM content_version v""";

  private static ContentVersion version(Readable r) {
    return new ContentVersion(r.get("id", Long.class), r.get("course_id", Long.class), r.get("number", Integer.class),
        ContentJson.read(r.get("content", Json.class)), r.get("published_at", Instant.class), r.get("published_by", Long.class));
  }

  private static Course course(Readable r) {
    return new Course(r.get("id", Long.class), r.get("module_code", String.class), CourseLevel.valueOf(r.get("level", String.class)),
        r.get("subject", String.class), r.get("title", String.class), r.get("owner_id", Long.class),
        r.get("source_dir", String.class), r.get("revision", Integer.class),
        ContentJson.read(r.get("draft", Json.class)), r.get("updated_at", Instant.class), r.get("latest_version", Integer.class));
  }

  /** A course as a cohort sees it: which one, and whether it has a version to pin. */
  public record CourseKey(long id, String moduleCode, CourseLevel level, String subject, String title, boolean published) {
  }

  /** The courses of one module, without their content, for opening a run. */
  public Flux<CourseKey> ofModule(String moduleCode) {
    return db.sql("""
            SELECT c.id, c.module_code, c.level, c.subject, c.title,
                   EXISTS (SELECT 1 FROM content_version v WHERE v.course_id = c.id) AS published
            FROM course c WHERE c.module_code = :m ORDER BY c.id""")
        .bind("m", moduleCode)
        .map((r, m) -> new CourseKey(r.get("id", Long.class), r.get("module_code", String.class),
            CourseLevel.valueOf(r.get("level", String.class)), r.get("subject", String.class), r.get("title", String.class),
            Boolean.TRUE.equals(r.get("published", Boolean.class))))
        .all();
  }

  /** Module codes of the catalogue, for the create form and the loader. */
  /** A module a lecturer may build a course on, as the form offers it: by title, with the code beside it. */
  public record ModuleChoice(String code, String title) {
  }

  /** The modules of the catalogue in code order, for the new course form. */
  public Mono<List<ModuleChoice>> moduleChoices() {
    return db.sql("SELECT code, title FROM training_module ORDER BY code")
        .map((r, m) -> new ModuleChoice(r.get("code", String.class), r.get("title", String.class))).all().collectList();
  }

  public Mono<List<String>> moduleCodes() {
    return db.sql("SELECT code FROM training_module ORDER BY code").map((r, m) -> r.get("code", String.class)).all().collectList();
  }

  /** Which course a class follows, as its pages show it: the module code and the title. */
  public record Title(long id, String moduleCode, String title) {
  }

  /**
   * The module code and title of these courses, by id; unknown ids are left out. Kept in memory (the pages of
   * every class show them), so a page usually pays no statement for them and at most one for those not kept.
   */
  public Mono<Map<Long, Title>> titles(Collection<Long> courseIds) {
    Map<Long, Title> found = new HashMap<>();
    List<Long> missing = new java.util.ArrayList<>();
    for (Long id : new java.util.LinkedHashSet<>(courseIds)) {
      Title kept = titles.getIfPresent(id);
      if (kept != null) {
        found.put(id, kept);
      } else {
        missing.add(id);
      }
    }
    if (missing.isEmpty()) {
      return Mono.just(found);
    }
    return db.sql("SELECT id, module_code, title FROM course WHERE id = ANY(:ids)").bind("ids", missing.toArray(Long[]::new))
        .map((r, m) -> new Title(r.get("id", Long.class), r.get("module_code", String.class), r.get("title", String.class)))
        .all()
        .doOnNext(t -> titles.put(t.id(), t))
        .collect(() -> new HashMap<>(found), (map, t) -> map.put(t.id(), t));
  }

  /** The course loaded from this folder of the content directory (the demo's sample course); empty when there is none. */
  public Mono<Long> loadedFrom(String sourceDir) {
    return db.sql("SELECT id FROM course WHERE source_dir = :d").bind("d", sourceDir).map((r, m) -> r.get("id", Long.class))
        .one();
  }

  /** The title of one course (empty when there is none). */
  public Mono<Title> title(long courseId) {
    return titles(List.of(courseId)).flatMap(map -> Mono.justOrEmpty(map.get(courseId)));
  }

  /** A course's module code or title changed on this node: the next page reads it again. */
  void forgetTitle(long courseId) {
    titles.invalidate(courseId);
  }
}
