/**
 * Whether a learner completed a module — criteria (i) self-study, (ii) the core
 * teacher and (iii) the training institution, all three required (seed 001 §5,
 * step 4) — and whether a school year's BDTX is complete (seed 000).
 */
package vn.bdtx.domain.completion;
