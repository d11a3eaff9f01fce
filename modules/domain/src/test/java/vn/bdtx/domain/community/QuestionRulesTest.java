package vn.bdtx.domain.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuestionRulesTest {

  @Test void theFirstLineAnswersAWaitingQuestion() {
    assertThat(QuestionRules.answer(QuestionState.WAITING, null, Responder.FIRST_LINE, "Trả lời")).isEmpty();
  }

  @Test void onlyTheTargetOrTheLecturerAnswersAnEscalatedQuestion() {
    assertThat(QuestionRules.answer(QuestionState.ESCALATED, EscalationTarget.IT, Responder.FIRST_LINE, "x"))
        .contains(QuestionRules.Refusal.NOT_YOURS);
    assertThat(QuestionRules.answer(QuestionState.ESCALATED, EscalationTarget.IT, Responder.REGULATION, "x"))
        .contains(QuestionRules.Refusal.NOT_YOURS);
    assertThat(QuestionRules.answer(QuestionState.ESCALATED, EscalationTarget.IT, Responder.IT, "x")).isEmpty();
    assertThat(QuestionRules.answer(QuestionState.ESCALATED, EscalationTarget.REGULATION, Responder.LECTURER, "x")).isEmpty();
  }

  @Test void aTargetCannotAnswerWhatWasNotEscalated() {
    assertThat(QuestionRules.answer(QuestionState.WAITING, null, Responder.IT, "x")).contains(QuestionRules.Refusal.NOT_YOURS);
  }

  @Test void anAnsweredOrMergedQuestionIsClosed() {
    assertThat(QuestionRules.answer(QuestionState.ANSWERED, null, Responder.LECTURER, "x"))
        .contains(QuestionRules.Refusal.ALREADY_ANSWERED);
    assertThat(QuestionRules.escalate(QuestionState.MERGED, Responder.FIRST_LINE, "ghi chú"))
        .contains(QuestionRules.Refusal.MERGED);
  }

  @Test void anEmptyAnswerIsRefused() {
    assertThat(QuestionRules.answer(QuestionState.WAITING, null, Responder.FIRST_LINE, "  "))
        .contains(QuestionRules.Refusal.EMPTY_TEXT);
    assertThat(QuestionRules.text("a".repeat(QuestionRules.MAX_TEXT + 1))).contains(QuestionRules.Refusal.TOO_LONG);
  }

  @Test void escalatingNeedsANoteAndTheFirstLine() {
    assertThat(QuestionRules.escalate(QuestionState.WAITING, Responder.FIRST_LINE, " ")).contains(QuestionRules.Refusal.NOTE_REQUIRED);
    assertThat(QuestionRules.escalate(QuestionState.WAITING, Responder.IT, "ghi chú")).contains(QuestionRules.Refusal.NOT_YOURS);
    assertThat(QuestionRules.escalate(QuestionState.ESCALATED, Responder.FIRST_LINE, "chuyển tiếp")).isEmpty();
  }

  @Test void aQuestionIsNotADuplicateOfItselfNorOfAMergedOne() {
    assertThat(QuestionRules.merge(QuestionState.WAITING, Responder.FIRST_LINE, 5, 5L, QuestionState.ANSWERED))
        .contains(QuestionRules.Refusal.SAME_QUESTION);
    assertThat(QuestionRules.merge(QuestionState.WAITING, Responder.FIRST_LINE, 5, 6L, QuestionState.MERGED))
        .contains(QuestionRules.Refusal.MERGED);
    assertThat(QuestionRules.merge(QuestionState.WAITING, Responder.FIRST_LINE, 5, 6L, QuestionState.WAITING)).isEmpty();
    assertThat(QuestionRules.merge(QuestionState.WAITING, Responder.FIRST_LINE, 5, null, null)).isEmpty();
  }

  @Test void whoeverAnsweredOrTheLecturerPublishesToTheFaq() {
    assertThat(QuestionRules.publish(QuestionState.ANSWERED, true, Responder.FIRST_LINE)).isEmpty();
    assertThat(QuestionRules.publish(QuestionState.ANSWERED, false, Responder.LECTURER)).isEmpty();
    assertThat(QuestionRules.publish(QuestionState.ANSWERED, false, Responder.FIRST_LINE)).contains(QuestionRules.Refusal.NOT_YOURS);
    assertThat(QuestionRules.publish(QuestionState.WAITING, true, Responder.LECTURER)).contains(QuestionRules.Refusal.NOT_ANSWERED);
  }

  @Test void theFirstAnswerIsDue24HoursAfterAskingAndAnEscalatedOne48HoursAfterEscalating() {
    Instant asked = Instant.parse("2026-12-07T02:00:00Z");
    Instant escalated = Instant.parse("2026-12-07T10:00:00Z");
    assertThat(AnswerTime.DEFAULT.due(asked, null)).isEqualTo(Instant.parse("2026-12-08T02:00:00Z"));
    assertThat(AnswerTime.DEFAULT.due(asked, escalated)).isEqualTo(Instant.parse("2026-12-09T10:00:00Z"));
  }

  @Test void overdueOnlyAfterTheDueInstantAndOnlyWhileOpen() {
    Instant asked = Instant.parse("2026-12-07T02:00:00Z");
    Instant due = asked.plus(Duration.ofHours(24));
    assertThat(AnswerTime.DEFAULT.overdue(QuestionState.WAITING, asked, null, due)).isFalse();
    assertThat(AnswerTime.DEFAULT.overdue(QuestionState.WAITING, asked, null, due.plusSeconds(1))).isTrue();
    assertThat(AnswerTime.DEFAULT.overdue(QuestionState.ANSWERED, asked, null, due.plusSeconds(1))).isFalse();
    assertThat(AnswerTime.age(asked, null, asked.minusSeconds(5))).isEqualTo(Duration.ZERO);
  }
}
