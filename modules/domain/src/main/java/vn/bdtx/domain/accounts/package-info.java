/** Accounts, roles and the password rules (DESIGN.md §2, RELIABILITY.md §B "Authentication"). */
package vn.bdtx.domain.accounts;
