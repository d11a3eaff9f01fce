package vn.bdtx.community.questions;

import java.time.Instant;
import vn.bdtx.domain.community.EscalationTarget;
import vn.bdtx.domain.community.QuestionState;

/** One learner's question in their class, with its file, escalation and answer. */
public record Question(long id, long cohortId, Long groupId, long askerId, Long districtId, String body, String fileName,
                String fileType, Long fileSize, String fileKey, QuestionState state, Instant askedAt,
                EscalationTarget escalatedTo, String escalationNote, Instant escalatedAt, String answer, Long answeredBy,
                Instant answeredAt, Long mergedInto, Long mergedFaq) {

  static final String COLUMNS = """
      q.id, q.cohort_id, q.group_id, q.asker_id, q.district_id, q.body, q.file_name, q.file_type, q.file_size, q.file_key,
      q.state, q.asked_at, q.escalated_to, q.escalation_note, q.escalated_at, q.answer, q.answered_by, q.answered_at,
      q.merged_into, q.merged_faq""";

  static Question of(io.r2dbc.spi.Readable r) {
    String to = r.get("escalated_to", String.class);
    return new Question(r.get("id", Long.class), r.get("cohort_id", Long.class), r.get("group_id", Long.class),
        r.get("asker_id", Long.class), r.get("district_id", Long.class), r.get("body", String.class),
        r.get("file_name", String.class), r.get("file_type", String.class), r.get("file_size", Long.class),
        r.get("file_key", String.class), QuestionState.valueOf(r.get("state", String.class)),
        r.get("asked_at", Instant.class), to == null ? null : EscalationTarget.valueOf(to),
        r.get("escalation_note", String.class), r.get("escalated_at", Instant.class), r.get("answer", String.class),
        r.get("answered_by", Long.class), r.get("answered_at", Instant.class), r.get("merged_into", Long.class),
        r.get("merged_faq", Long.class));
  }

  public boolean hasFile() {
    return fileKey != null;
  }

  /** Images and PDF open in the browser; anything else is downloaded. */
  public boolean inline() {
    return fileType != null && (fileType.startsWith("image/") || "application/pdf".equals(fileType));
  }
}
