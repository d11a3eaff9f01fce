package vn.bdtx.domain.community;

import java.util.Optional;

/**
 * Who may do what to a question, as values: an empty answer means allowed, otherwise the reason it is not.
 * The class's first line answers or escalates a waiting question; an escalated question is answered by its
 * target (the class's lecturer may always answer in their class); staff merge open duplicates.
 */
public final class QuestionRules {

  /** Why an action on a question is refused. */
  public enum Refusal { NOT_YOURS, ALREADY_ANSWERED, MERGED, EMPTY_TEXT, TOO_LONG, NOTE_REQUIRED, SAME_QUESTION, NOT_ANSWERED }

  /** Longest question, answer or note, in characters. */
  public static final int MAX_TEXT = 5000;

  private QuestionRules() {
  }

  /** A question's or an answer's text. */
  public static Optional<Refusal> text(String text) {
    if (text == null || text.isBlank()) {
      return Optional.of(Refusal.EMPTY_TEXT);
    }
    return text.strip().length() > MAX_TEXT ? Optional.of(Refusal.TOO_LONG) : Optional.empty();
  }

  public static Optional<Refusal> answer(QuestionState state, EscalationTarget escalatedTo, Responder who, String text) {
    Optional<Refusal> closed = closed(state);
    if (closed.isPresent()) {
      return closed;
    }
    boolean allowed = who == Responder.LECTURER
        || state == QuestionState.WAITING && who == Responder.FIRST_LINE
        || state == QuestionState.ESCALATED && escalatedTo != null && who == Responder.of(escalatedTo);
    return allowed ? text(text) : Optional.of(Refusal.NOT_YOURS);
  }

  /** The first line (or the class's lecturer) sends an open question on, with a note saying what is needed. */
  public static Optional<Refusal> escalate(QuestionState state, Responder who, String note) {
    Optional<Refusal> closed = closed(state);
    if (closed.isPresent()) {
      return closed;
    }
    if (who != Responder.FIRST_LINE && who != Responder.LECTURER) {
      return Optional.of(Refusal.NOT_YOURS);
    }
    return note == null || note.isBlank() ? Optional.of(Refusal.NOTE_REQUIRED)
        : note.strip().length() > MAX_TEXT ? Optional.of(Refusal.TOO_LONG) : Optional.empty();
  }

  /** The class's staff mark an open question as a duplicate of another question (or of an FAQ entry). */
  public static Optional<Refusal> merge(QuestionState state, Responder who, long questionId, Long intoQuestionId,
                                        QuestionState intoState) {
    Optional<Refusal> closed = closed(state);
    if (closed.isPresent()) {
      return closed;
    }
    if (who != Responder.FIRST_LINE && who != Responder.LECTURER) {
      return Optional.of(Refusal.NOT_YOURS);
    }
    if (intoQuestionId != null && intoQuestionId == questionId) {
      return Optional.of(Refusal.SAME_QUESTION);
    }
    return intoState == QuestionState.MERGED ? Optional.of(Refusal.MERGED) : Optional.empty();
  }

  /** Whoever answered it, or the class's lecturer, publishes an answered question to the module's FAQ. */
  public static Optional<Refusal> publish(QuestionState state, boolean answeredByCaller, Responder who) {
    if (state != QuestionState.ANSWERED) {
      return Optional.of(Refusal.NOT_ANSWERED);
    }
    return answeredByCaller || who == Responder.LECTURER ? Optional.empty() : Optional.of(Refusal.NOT_YOURS);
  }

  private static Optional<Refusal> closed(QuestionState state) {
    return switch (state) {
      case ANSWERED -> Optional.of(Refusal.ALREADY_ANSWERED);
      case MERGED -> Optional.of(Refusal.MERGED);
      default -> Optional.empty();
    };
  }
}
