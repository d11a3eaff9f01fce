/** The BDTX application: one package per bounded context (DESIGN.md §5) plus {@code platform}. */
package vn.bdtx;
