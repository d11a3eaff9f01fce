/**
 * The 15-day schedule of a cohort (seed 001 §4, DESIGN.md §4): phases, "day N of
 * M", what is open and every effective deadline, in Asia/Ho_Chi_Minh, as pure
 * functions of a start date, a template, an enrollment's extensions and an instant.
 */
package vn.bdtx.domain.schedule;
