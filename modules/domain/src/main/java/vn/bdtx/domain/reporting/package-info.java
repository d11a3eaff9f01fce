/**
 * What the reports compute, as pure functions: a unit's tally of where its enrollments stand, the
 * completion rate against the 98% target and survey positivity against 75% (seeds 000, 001), the gap
 * that orders units worst first, the 15-day funnel, the final grades' distribution, and who is behind
 * today by their class's calendar.
 */
package vn.bdtx.domain.reporting;
