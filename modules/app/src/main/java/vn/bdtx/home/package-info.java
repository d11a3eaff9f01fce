/** The dashboard each person lands on after logging in. */
package vn.bdtx.home;
