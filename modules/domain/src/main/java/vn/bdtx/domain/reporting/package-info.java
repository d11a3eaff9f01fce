/** Reporting's rules: why a module is counted as not completed, and the names a report's files are given. */
package vn.bdtx.domain.reporting;
