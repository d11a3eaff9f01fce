/**
 * Course content as lecturers write it: lectures, the question bank (GIFT and
 * Moodle XML), the final survey, the final assignment with its rubric, the course
 * folder format of content/courses, and the checks before publishing.
 */
package vn.bdtx.domain.content;
