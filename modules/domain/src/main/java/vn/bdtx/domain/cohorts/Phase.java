package vn.bdtx.domain.cohorts;

/** Where a cohort (or an enrollment running past it) stands on its calendar. */
public enum Phase {
  /** Before day 1. */
  NOT_STARTED,
  /** Days 1–5 by default: online self-study; the main subject is registered by the end of day 2. */
  SELF_STUDY,
  /** Days 6–8 by default: professional meetings at school or cluster; lecturers review results. */
  MEETINGS,
  /** Days 9–15 by default: finish studying, submit the final assignment, answer the survey. */
  FINISHING,
  /** After the cohort's last day, within this enrollment's extension (a reference subject, a named person). */
  EXTENDED,
  /** After the effective deadline: nothing more is accepted. */
  ENDED
}
