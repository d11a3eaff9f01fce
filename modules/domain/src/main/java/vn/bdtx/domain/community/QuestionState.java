package vn.bdtx.domain.community;

/**
 * Where a learner's question stands (seed 001, section 4: the core teacher answers or sends it on).
 * WAITING for the class's first line, ESCALATED to someone who can answer it, ANSWERED, or MERGED
 * into another question or an FAQ entry that answers it.
 */
public enum QuestionState {
  WAITING, ESCALATED, ANSWERED, MERGED;

  /** Still waiting for an answer from someone. */
  public boolean open() {
    return this == WAITING || this == ESCALATED;
  }
}
