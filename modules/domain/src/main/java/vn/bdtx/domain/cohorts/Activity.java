package vn.bdtx.domain.cohorts;

/** What a learner can do at a given time; each has an opening instant and a deadline. */
public enum Activity {
  /** Read lectures and take lesson quizzes: from day 1 to the effective deadline. */
  STUDY,
  /** Register the main subject (and reference subjects): days 1 to 2 by default, never extended. */
  REGISTRATION,
  /** Professional meetings: the meeting days. */
  MEETINGS,
  /** Submit the final assignment: from the first finishing day to the effective deadline (main enrollments). */
  SUBMISSION,
  /** Answer the final survey: as the submission (main enrollments). */
  SURVEY
}
