/** Community rules (issue 17): a question's states and who may move it, escalation targets, answer-time targets, search text. */
package vn.bdtx.domain.community;
