/**
 * Where each person finds their work: the dashboard of the role they act in, the
 * menu every page carries, and the principal's and district office's overviews
 * of their school or district (read through the owners' query services).
 */
package vn.bdtx.home;
