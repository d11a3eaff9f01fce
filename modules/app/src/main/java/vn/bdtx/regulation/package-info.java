/**
 * Regulation: the figures of the regulation (pass marks, video threshold,
 * periods, the school year's requirement) as versioned settings that the IT
 * admin adds to, never edits (domain {@code Regulation}). Other contexts read a
 * version through {@link vn.bdtx.regulation.Regulations}, never its table: a
 * cohort names the version it opened with, the school year uses the version
 * current when the year ended (or now).
 */
package vn.bdtx.regulation;
