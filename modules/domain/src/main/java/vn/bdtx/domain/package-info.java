/** The BDTX rules as plain Java: no Spring, no I/O, time and randomness passed in as arguments. */
package vn.bdtx.domain;
