/**
 * Assignments: learners' final-assignment submissions (every version kept, in
 * the object store), and their grading by core teachers. The rules are in
 * {@code vn.bdtx.domain.assignments}.
 */
package vn.bdtx.assignments;
