package vn.bdtx.domain.community;

import java.util.Optional;

/** The approver's decision on one version: approve, or return it with a comment (required). */
public final class PeerSupportDecision {

  public enum Verdict { APPROVED, RETURNED }

  public enum Refusal { COMMENT_REQUIRED, COMMENT_TOO_LONG, ALREADY_DECIDED, NOT_LATEST, BAD_VERDICT }

  public static final int MAX_COMMENT = 2000;

  private PeerSupportDecision() {
  }

  /**
   * @param decided whether the version already has a decision
   * @param latest  whether it is the author's latest version of this kind and run
   */
  public static Optional<Refusal> check(Verdict verdict, String comment, boolean decided, boolean latest) {
    if (verdict == null) {
      return Optional.of(Refusal.BAD_VERDICT);
    }
    if (decided) {
      return Optional.of(Refusal.ALREADY_DECIDED);
    }
    if (!latest) {
      return Optional.of(Refusal.NOT_LATEST);
    }
    String c = comment == null ? "" : comment.strip();
    if (verdict == Verdict.RETURNED && c.isEmpty()) {
      return Optional.of(Refusal.COMMENT_REQUIRED);
    }
    if (c.length() > MAX_COMMENT) {
      return Optional.of(Refusal.COMMENT_TOO_LONG);
    }
    return Optional.empty();
  }
}
