/**
 * Accounts, roles and the password rules (DESIGN.md §2, RELIABILITY.md §B "Authentication"), and the organisation
 * tree they are placed in: department, district offices, schools and clusters (DESIGN.md §3). The rules of the
 * app's accounts context, which owns both.
 */
package vn.bdtx.domain.accounts;
