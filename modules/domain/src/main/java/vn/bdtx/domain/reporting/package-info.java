/**
 * What the reports compute, as pure functions: a unit's tally of where its enrollments stand, the
 * completion rate against the 98% target and survey positivity against 75% (seeds 000, 001), the gap
 * that orders units worst first, the 15-day funnel, the final grades' distribution, and who is behind
 * today by their class's calendar. Reporting's export rules: why a module is counted as not completed,
 * and the names a report's files are given.
 */
package vn.bdtx.domain.reporting;
