package vn.bdtx.community.meetings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.assignments.Submissions;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.community.Notifications;
import vn.bdtx.domain.assignments.SubmissionRules;
import vn.bdtx.domain.community.MeetingRules;
import vn.bdtx.domain.cohorts.Activity;
import vn.bdtx.domain.cohorts.CohortSchedule;
import vn.bdtx.domain.cohorts.EnrollmentKind;
import vn.bdtx.domain.cohorts.EnrollmentSchedule;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;
import vn.bdtx.platform.storage.Bucket;
import vn.bdtx.platform.storage.FileTypes;
import vn.bdtx.platform.storage.ObjectStore;

/**
 * The professional meetings' store: one meeting per group, its attendance,
 * minutes and evidence files. Scheduling is keyed by the form's one-time key (a
 * double-submit finds the meeting it made); each change is a new version, and
 * the group's learners are told once per version. Recording attendance publishes
 * the group's enrollments so the reports recompute them.
 */
@Service
public class Meetings {

  public record Meeting(long id, long cohortId, long groupId, MeetingRules.Level level, String place, String link,
                        Instant startsAt, int version, String minutes, Instant recordedAt) {
    public boolean recorded() {
      return recordedAt != null;
    }

    public boolean begun(Instant now) {
      return !now.isBefore(startsAt);
    }
  }

  /** One learner's attendance: present or absent, and the core teacher's note. */
  public record Attendance(boolean present, String note) {
  }

  /** An evidence file. */
  public record EvidenceFile(long id, String name, String contentType, long size, String sha256, String objectKey) {
    public boolean inline() {
      return SubmissionRules.showsInline(contentType);
    }

    public String kind() {
      return FileTypes.kind(contentType);
    }
  }

  public sealed interface Scheduled {
    record Saved(Meeting meeting, boolean again) implements Scheduled {
    }

    record Refused(List<MeetingRules.Problem> problems) implements Scheduled {
    }
  }

  /** Evidence types: photos, PDF and Word (the shared lesson plan). */
  static final java.util.Set<String> EVIDENCE_TYPES = java.util.Set.of("image/jpeg", "image/png", "application/pdf", FileTypes.DOCX);
  static final int MAX_FILES = 10;

  /** Why evidence files are refused; nothing is stored then. */
  public enum FileProblem { NO_FILES, TOO_MANY_FILES, EMPTY, TYPE_NOT_ACCEPTED, TOO_LARGE }

  public record FileRefusal(String name, FileProblem problem) {
  }

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final Outbox outbox;
  private final ObjectStore store;
  private final Cohorts cohorts;
  private final Notifications notifications;
  private final long maxDocument;
  private final long maxImage;

  Meetings(DatabaseClient db, TransactionalOperator tx, Outbox outbox, ObjectStore store, Cohorts cohorts,
           Notifications notifications,
           @Value("${bdtx.assignments.max-document-size}") DataSize maxDocument,
           @Value("${bdtx.assignments.max-image-size}") DataSize maxImage) {
    this.db = db;
    this.tx = tx;
    this.outbox = outbox;
    this.store = store;
    this.cohorts = cohorts;
    this.notifications = notifications;
    this.maxDocument = maxDocument.toBytes();
    this.maxImage = maxImage.toBytes();
  }

  public long maxDocument() {
    return maxDocument;
  }

  public long maxImage() {
    return maxImage;
  }

  private static final String COLUMNS =
      "id, cohort_id, group_id, level, place, link, starts_at, version, minutes, recorded_at FROM professional_meeting";

  private static Meeting meeting(io.r2dbc.spi.Readable r) {
    return new Meeting(r.get("id", Long.class), r.get("cohort_id", Long.class), r.get("group_id", Long.class),
        MeetingRules.Level.valueOf(r.get("level", String.class)), r.get("place", String.class), r.get("link", String.class),
        r.get("starts_at", Instant.class), r.get("version", Integer.class), r.get("minutes", String.class),
        r.get("recorded_at", Instant.class));
  }

  public Mono<Meeting> find(long id) {
    return db.sql("SELECT " + COLUMNS + " WHERE id = :id").bind("id", id).map((r, m) -> meeting(r)).one();
  }

  /** The meetings of these groups, by group id. */
  public Mono<Map<Long, Meeting>> ofGroups(Collection<Long> groupIds) {
    if (groupIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql("SELECT " + COLUMNS + " WHERE group_id = ANY(:g)").bind("g", groupIds.toArray(Long[]::new))
        .map((r, m) -> meeting(r)).all().collectMap(Meeting::groupId);
  }

  /** The meeting days of a class (days 6–8 of the default template), empty when it has none. */
  public static Optional<vn.bdtx.domain.cohorts.Window> meetingDays(CohortSchedule schedule) {
    return EnrollmentSchedule.of(schedule, EnrollmentKind.MAIN).window(Activity.MEETINGS);
  }

  /**
   * Schedules the group's meeting. The same form key again (a double-submit) answers with the meeting
   * it made; a group that already has a meeting keeps it (the form then changes it instead).
   */
  public Mono<Scheduled> schedule(long byAccount, Cohorts.GroupRef group, CohortSchedule schedule, MeetingRules.Request request,
                                  UUID formKey, Instant now) {
    Mono<Meeting> byKey = db.sql("SELECT " + COLUMNS + " WHERE form_key = :k").bind("k", formKey).map((r, m) -> meeting(r)).one();
    return byKey.<Scheduled>map(m -> new Scheduled.Saved(m, true)).switchIfEmpty(Mono.defer(() -> {
      var decision = MeetingRules.decide(meetingDays(schedule), request, null, false, now);
      if (!decision.ok()) {
        return Mono.just(new Scheduled.Refused(decision.problems()));
      }
      var a = decision.accepted().get();
      var spec = db.sql("""
              INSERT INTO professional_meeting (cohort_id, group_id, level, place, link, starts_at, form_key, scheduled_by,
                                                created_at, updated_at)
              VALUES (:c, :g, :l, :p, :u, :s, :k, :by, :now, :now)
              ON CONFLICT DO NOTHING RETURNING id""")
          .bind("c", group.cohortId()).bind("g", group.id()).bind("l", a.level().name()).bind("s", a.startsAt())
          .bind("k", formKey).bind("by", byAccount).bind("now", now);
      spec = a.place() == null ? spec.bindNull("p", String.class) : spec.bind("p", a.place());
      spec = a.link() == null ? spec.bindNull("u", String.class) : spec.bind("u", a.link());
      return spec.map((r, m) -> r.get(0, Long.class)).one()
          .flatMap(id -> find(id).flatMap(m -> tell(m, now).thenReturn((Scheduled) new Scheduled.Saved(m, false))))
          .as(tx::transactional)
          // Nothing inserted: the same key won a race, or the group already has its meeting.
          .switchIfEmpty(Mono.defer(() -> byKey.<Scheduled>map(m -> new Scheduled.Saved(m, true))
              .switchIfEmpty(ofGroups(List.of(group.id())).flatMap(m -> Mono.justOrEmpty(m.get(group.id())))
                  .map(m -> new Scheduled.Saved(m, true)))));
    }));
  }

  /** Moves or changes a meeting that has not begun; a new version, and the learners are told again. */
  public Mono<Scheduled> change(Meeting meeting, CohortSchedule schedule, MeetingRules.Request request, Instant now) {
    var decision = MeetingRules.decide(meetingDays(schedule), request, meeting.startsAt(), meeting.recorded(), now);
    if (!decision.ok()) {
      return Mono.just(new Scheduled.Refused(decision.problems()));
    }
    var a = decision.accepted().get();
    if (a.level() == meeting.level() && a.startsAt().equals(meeting.startsAt()) && java.util.Objects.equals(a.place(), meeting.place())
        && java.util.Objects.equals(a.link(), meeting.link())) {
      return Mono.just(new Scheduled.Saved(meeting, true));
    }
    var spec = db.sql("""
            UPDATE professional_meeting SET level = :l, place = :p, link = :u, starts_at = :s, version = version + 1,
              updated_at = :now
            WHERE id = :id AND version = :v AND recorded_at IS NULL AND starts_at > :now""")
        .bind("l", a.level().name()).bind("s", a.startsAt()).bind("now", now).bind("id", meeting.id())
        .bind("v", meeting.version());
    spec = a.place() == null ? spec.bindNull("p", String.class) : spec.bind("p", a.place());
    spec = a.link() == null ? spec.bindNull("u", String.class) : spec.bind("u", a.link());
    return spec.fetch().rowsUpdated()
        .flatMap(n -> find(meeting.id()).flatMap(m -> (n > 0 ? tell(m, now) : Mono.<Void>empty())
            .thenReturn((Scheduled) new Scheduled.Saved(m, n == 0))))
        .as(tx::transactional);
  }

  /** Tells every learner of the group about this version of the meeting (once per person and version). */
  private Mono<Void> tell(Meeting m, Instant now) {
    String when = vn.bdtx.platform.web.VietnameseFormats.FORMATS.time(m.startsAt());
    String where = m.place() != null ? m.place() : m.link();
    String key = m.version() == 1 ? "community.notice.meeting.scheduled" : "community.notice.meeting.changed";
    return cohorts.groupMembers(m.groupId()).flatMapMany(Flux::fromIterable)
        .concatMap(l -> notifications.notify(new Notifications.Notice(l.accountId(), Notifications.Kind.MEETING, key,
            List.of(when, where), "/meetings/" + m.id(), "meeting:" + m.id() + ":" + m.version()), now))
        .then();
  }

  /** Each learner's recorded attendance at this meeting, by enrollment id. */
  public Mono<Map<Long, Attendance>> attendance(long meetingId) {
    return db.sql("SELECT enrollment_id, present, note FROM meeting_attendance WHERE meeting_id = :m").bind("m", meetingId)
        .map((r, m) -> Map.entry(r.get("enrollment_id", Long.class), new Attendance(r.get("present", Boolean.class),
            r.get("note", String.class))))
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** Recorded attendance of these enrollments at their group's meeting: true present, false absent. */
  public Mono<Map<Long, Boolean>> attended(Collection<Long> enrollmentIds) {
    if (enrollmentIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql("SELECT enrollment_id, present FROM meeting_attendance WHERE enrollment_id = ANY(:e)")
        .bind("e", enrollmentIds.toArray(Long[]::new))
        .map((r, m) -> Map.entry(r.get("enrollment_id", Long.class), r.get("present", Boolean.class)))
        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /**
   * Records (or corrects) attendance of the group's learners and the minutes, in one transaction with the
   * outbox rows that make the reports recompute those enrollments. Only the group's own learners are written.
   */
  public Mono<Void> record(Meeting m, Map<Long, Attendance> marks, String minutes, long byAccount, Instant now) {
    return cohorts.groupMembers(m.groupId()).flatMap(members -> {
      var ids = members.stream().map(Cohorts.GroupMember::enrollmentId).filter(marks::containsKey).toList();
      Long[] e = ids.toArray(Long[]::new);
      Boolean[] p = ids.stream().map(id -> marks.get(id).present()).toArray(Boolean[]::new);
      String[] n = ids.stream().map(id -> marks.get(id).note()).toArray(String[]::new);
      return db.sql("""
              INSERT INTO meeting_attendance (meeting_id, enrollment_id, present, note)
              SELECT :m, e, p, n FROM unnest(CAST(:e AS bigint[]), CAST(:p AS boolean[]), CAST(:n AS varchar[])) AS t(e, p, n)
              ON CONFLICT (meeting_id, enrollment_id) DO UPDATE SET present = EXCLUDED.present, note = EXCLUDED.note""")
          .bind("m", m.id()).bind("e", e).bind("p", p).bind("n", n).fetch().rowsUpdated()
          .then(db.sql("UPDATE professional_meeting SET minutes = :t, recorded_at = :now, recorded_by = :by, updated_at = :now WHERE id = :id")
              .bind("t", minutes).bind("now", now).bind("by", byAccount).bind("id", m.id()).fetch().rowsUpdated())
          .then(outbox.publish(Topics.ENROLLMENT, ids))
          .as(tx::transactional);
    });
  }

  public Mono<List<EvidenceFile>> files(long meetingId) {
    return db.sql("SELECT id, name, content_type, size, sha256, object_key FROM meeting_file WHERE meeting_id = :m ORDER BY id")
        .bind("m", meetingId)
        .map((r, m) -> new EvidenceFile(r.get("id", Long.class), r.get("name", String.class), r.get("content_type", String.class),
            r.get("size", Long.class), r.get("sha256", String.class), r.get("object_key", String.class)))
        .all().collectList();
  }

  /** What is wrong with these files as evidence; empty when every one may be stored. */
  public List<FileRefusal> check(List<Submissions.Received> files) {
    var problems = new ArrayList<FileRefusal>();
    if (files.isEmpty()) {
      problems.add(new FileRefusal("", FileProblem.NO_FILES));
    } else if (files.size() > MAX_FILES) {
      problems.add(new FileRefusal("", FileProblem.TOO_MANY_FILES));
    }
    for (var f : files) {
      String type = f.contentType() == null ? "" : f.contentType();
      if (f.size() == 0) {
        problems.add(new FileRefusal(f.name(), FileProblem.EMPTY));
      } else if (!EVIDENCE_TYPES.contains(type)) {
        problems.add(new FileRefusal(f.name(), FileProblem.TYPE_NOT_ACCEPTED));
      } else if (f.size() > (type.startsWith("image/") ? maxImage : maxDocument)) {
        problems.add(new FileRefusal(f.name(), FileProblem.TOO_LARGE));
      }
    }
    return List.copyOf(problems);
  }

  /**
   * Stores checked evidence files: every file's bytes first (content-addressed, so storing one twice is harmless),
   * then a row each in one transaction; the same file again is one row. A store that fails on the second file
   * leaves no row at all, so "nothing was stored" is what the person is told and what is true.
   */
  public Mono<Void> addFiles(Meeting m, List<Submissions.Received> files, long byAccount, Instant now) {
    return Flux.fromIterable(files)
        .concatMap(f -> store.put(Bucket.SUBMISSIONS, key(m.id(), f.sha256()), f.path(), f.contentType()))
        .then(Flux.fromIterable(files)
            .concatMap(f -> db.sql("""
                    INSERT INTO meeting_file (meeting_id, name, content_type, size, sha256, object_key, uploaded_by, uploaded_at)
                    VALUES (:m, :n, :t, :z, :h, :o, :by, :now) ON CONFLICT (meeting_id, sha256) DO NOTHING""")
                .bind("m", m.id()).bind("n", f.name()).bind("t", f.contentType()).bind("z", f.size()).bind("h", f.sha256())
                .bind("o", key(m.id(), f.sha256())).bind("by", byAccount).bind("now", now).fetch().rowsUpdated())
            .then()
            .as(tx::transactional));
  }

  static String key(long meetingId, String sha256) {
    return "meetings/" + meetingId + "/" + sha256;
  }

  /** A presigned URL for an evidence file: shown in the browser for images and PDF, downloaded (attachment) otherwise. */
  public Mono<String> url(EvidenceFile file) {
    return store.presignedDownload(Bucket.SUBMISSIONS, file.objectKey(), java.time.Duration.ofMinutes(5), file.contentType(),
        file.name(), "private, no-store");
  }
}
