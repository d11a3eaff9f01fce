/**
 * Module runs, cohorts, groups and enrollments: the rules that hold before anything is written; and the 15-day
 * schedule of a cohort (seed 001 §4, DESIGN.md §4): phases, "day N of M", what is open and every effective
 * deadline, in Asia/Ho_Chi_Minh, as pure functions of a start date, a template, an enrollment's extensions and an
 * instant. The rules of the app's cohorts context.
 */
package vn.bdtx.domain.cohorts;
