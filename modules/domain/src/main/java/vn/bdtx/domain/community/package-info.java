/**
 * Community rules (issue 17) as plain Java: a question's states and who may move it, escalation targets,
 * answer-time targets and search text; who approves a core teacher's or core manager's peer-support plan,
 * and when it is due; when and where a professional meeting (sinh hoạt chuyên môn) may be held; which
 * notices are e-mailed by default, and who may announce to whom.
 */
package vn.bdtx.domain.community;
