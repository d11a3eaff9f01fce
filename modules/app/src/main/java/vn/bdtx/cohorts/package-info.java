/**
 * Cohorts (lớp bồi dưỡng) and enrollments. A cohort pins the content version its
 * course had when it opened, so editing the course never changes a running class.
 * The schedule, groups and the pages to run a whole module come with issue 5.
 */
package vn.bdtx.cohorts;
