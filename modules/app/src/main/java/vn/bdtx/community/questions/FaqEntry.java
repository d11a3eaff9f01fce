package vn.bdtx.community.questions;

import java.time.Instant;

/** A question and its answer published for every class of a module. */
public record FaqEntry(long id, String moduleCode, Long questionId, String questionText, String answerText, Instant publishedAt) {

  static FaqEntry of(io.r2dbc.spi.Readable r) {
    return new FaqEntry(r.get("id", Long.class), r.get("module_code", String.class), r.get("question_id", Long.class),
        r.get("question_text", String.class), r.get("answer_text", String.class), r.get("published_at", Instant.class));
  }
}
