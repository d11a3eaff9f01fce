/** Community rules as plain Java: who approves a core teacher's or core manager's peer-support plan, and when it is due. */
package vn.bdtx.domain.community;
