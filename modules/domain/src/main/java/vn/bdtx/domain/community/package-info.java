/** Community's rules: which notices are e-mailed by default, and who may announce to whom (issue 17). */
package vn.bdtx.domain.community;
