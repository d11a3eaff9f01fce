package vn.bdtx.domain.community;

/**
 * How a person stands to one question: the class's first line (the learner's group's core teacher, the
 * class's assistants), the class's lecturer, or a target it was escalated to (the specialists or the IT team).
 */
public enum Responder {
  FIRST_LINE, LECTURER, REGULATION, IT;

  static Responder of(EscalationTarget target) {
    return switch (target) {
      case LECTURER -> LECTURER;
      case REGULATION -> REGULATION;
      case IT -> IT;
    };
  }
}
