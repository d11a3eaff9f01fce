/**
 * The catalogue of training modules (Decision 4660/QĐ-BGDĐT) and course content as lecturers write it: lectures,
 * the question bank (GIFT and Moodle XML), the final survey, the final assignment with its rubric, the course
 * folder format of content/courses, and the checks before publishing. The rules of the app's catalog context.
 */
package vn.bdtx.domain.catalog;
