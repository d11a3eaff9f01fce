/**
 * Peer support (Hỗ trợ đồng nghiệp, seed 001 section 8.3): core teachers' and core managers' plans before a run and
 * reports after it, each version kept, approved or returned by the approver the seed names, with due dates and the
 * oversight of the district offices and the department.
 */
package vn.bdtx.community.peersupport;
