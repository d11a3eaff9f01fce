/**
 * Scheduled jobs: a scheduler with a thread for each job, so that none waits behind another, and
 * {@link vn.bdtx.platform.jobs.Jobs}, through which every job runs: no run while the previous one on this node is
 * still going, and metrics per job.
 */
package vn.bdtx.platform.jobs;
