/** Accounts, role grants, the first administrator, login and password change (DESIGN.md §2). */
package vn.bdtx.accounts;
