/** The organisation tree: department, district offices, schools and clusters (DESIGN.md §3). */
package vn.bdtx.domain.org;
