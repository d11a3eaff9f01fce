/** Lecture study: what counts as having studied a lecture. */
package vn.bdtx.domain.learning;
