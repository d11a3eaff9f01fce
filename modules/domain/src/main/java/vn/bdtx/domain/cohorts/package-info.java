/** Module runs, cohorts, groups and enrollments: the rules that hold before anything is written. */
package vn.bdtx.domain.cohorts;
