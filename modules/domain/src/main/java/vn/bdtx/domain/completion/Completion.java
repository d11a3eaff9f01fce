package vn.bdtx.domain.completion;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A learner's module ends COMPLETED only when all three evaluations say passed
 * (seed 001 §5 step 4): (i) the system, from self-study; (ii) the core teacher,
 * from the final assignment's grade; (iii) the training institution. Anything
 * else is NOT_COMPLETED, with what is missing. Only a completed MAIN enrollment
 * earns a certificate; a REFERENCE one records study only.
 */
public record Completion(Outcome outcome, List<Missing> missing) {

  public enum Outcome { COMPLETED, NOT_COMPLETED }

  /** The three criteria of seed 001, and the professional meeting when the run counts attendance (off by default). */
  public enum Criterion { SELF_STUDY, CORE_TEACHER, INSTITUTION, MEETING }

  /** Not yet decided (no grade, no decision) or decided as not passed. */
  public enum State { PENDING, FAILED }

  public record Missing(Criterion criterion, State state) {
  }

  /** (iii) as recorded for one learner: undecided, passed, or not passed. */
  public enum InstitutionDecision { UNDECIDED, PASSED, NOT_PASSED }

  /**
   * The learner's attendance at their group's professional meeting (days 6–8), an
   * optional criterion: a run may make attendance count toward completion; by
   * default (as in the seeds) it does not, and NOT_COUNTED changes nothing.
   */
  public enum MeetingAttendance {
    /** The run does not count attendance (the default). */
    NOT_COUNTED,
    PRESENT,
    ABSENT,
    /** The run counts attendance and none is recorded for the learner yet. */
    NOT_RECORDED
  }

  public Completion {
    missing = List.copyOf(missing);
  }

  /**
   * As {@link #decide(boolean, BigDecimal, InstitutionDecision, Regulation)}, with the
   * meeting criterion when the run counts attendance: absent is a failed criterion,
   * nothing recorded a pending one.
   */
  public static Completion decide(boolean selfStudyPassed, BigDecimal finalGrade, InstitutionDecision institution,
                                  Regulation rules, MeetingAttendance meeting) {
    var base = decide(selfStudyPassed, finalGrade, institution, rules);
    if (meeting == null || meeting == MeetingAttendance.NOT_COUNTED || meeting == MeetingAttendance.PRESENT) {
      return base;
    }
    var missing = new ArrayList<>(base.missing());
    missing.add(new Missing(Criterion.MEETING, meeting == MeetingAttendance.ABSENT ? State.FAILED : State.PENDING));
    return new Completion(Outcome.NOT_COMPLETED, missing);
  }

  /**
   * @param selfStudyPassed criterion (i), computed by the system
   * @param finalGrade      the core teacher's grade of the final assignment; null while there is none
   *                        (not submitted, waiting, or returned for revision)
   * @param institution     criterion (iii)
   */
  public static Completion decide(boolean selfStudyPassed, BigDecimal finalGrade, InstitutionDecision institution,
                                  Regulation rules) {
    var missing = new ArrayList<Missing>();
    if (!selfStudyPassed) {
      missing.add(new Missing(Criterion.SELF_STUDY, State.PENDING));
    }
    if (finalGrade == null) {
      missing.add(new Missing(Criterion.CORE_TEACHER, State.PENDING));
    } else if (!rules.passes(finalGrade)) {
      missing.add(new Missing(Criterion.CORE_TEACHER, State.FAILED));
    }
    if (institution == InstitutionDecision.UNDECIDED) {
      missing.add(new Missing(Criterion.INSTITUTION, State.PENDING));
    } else if (institution == InstitutionDecision.NOT_PASSED) {
      missing.add(new Missing(Criterion.INSTITUTION, State.FAILED));
    }
    return new Completion(missing.isEmpty() ? Outcome.COMPLETED : Outcome.NOT_COMPLETED, missing);
  }

  public boolean completed() {
    return outcome == Outcome.COMPLETED;
  }

  public boolean passed(Criterion criterion) {
    return missing.stream().noneMatch(m -> m.criterion() == criterion);
  }

  /**
   * Everything the learner can do is done: (i) and (ii) passed, and only the
   * institution's (iii) is still to be recorded. The learner's pages then say
   * what they are waiting for, and from when.
   */
  public boolean waitsOnlyForInstitution() {
    return missing.size() == 1 && missing.get(0).criterion() == Criterion.INSTITUTION
        && missing.get(0).state() == State.PENDING;
  }

  /** A certificate is issued only for a completed main subject. */
  public boolean earnsCertificate(boolean mainEnrollment) {
    return mainEnrollment && completed();
  }
}
