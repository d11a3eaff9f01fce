/**
 * Quizzes, attempts, grading and the final survey as pure functions: which
 * questions an attempt shows and in which order, what a set of answers scores on
 * the 10-point scale, which attempt counts, when an attempt closes, and
 * criterion (i) of completion (self-study evaluated by the system).
 */
package vn.bdtx.domain.assessment;
