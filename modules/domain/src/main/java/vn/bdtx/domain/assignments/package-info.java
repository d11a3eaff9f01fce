/**
 * The final assignment (bài tập thực hành cuối khóa): which files a submission
 * may hold and when it is accepted, and the core teacher's marking against the
 * rubric on the 10-point scale (seed 001 §8.3, seed 003 §V).
 */
package vn.bdtx.domain.assignments;
