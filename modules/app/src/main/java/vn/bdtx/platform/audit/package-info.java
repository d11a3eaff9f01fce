/** The audit log: who changed accounts, roles, exemptions and imports, when, and what. */
package vn.bdtx.platform.audit;
