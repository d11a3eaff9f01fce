/** What a learner studies: the lectures and assignment of their cohort's pinned version, and its media. */
package vn.bdtx.learning;
