/**
 * Completion: the training institution's evaluation (criterion (iii)), each
 * enrollment's outcome from (i), (ii) and (iii), the learner's school year, and
 * certificates. The rules are in {@code vn.bdtx.domain.completion}.
 */
package vn.bdtx.completion;
