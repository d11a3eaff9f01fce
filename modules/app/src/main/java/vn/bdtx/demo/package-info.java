/**
 * Demo: a sample province seeded on an empty database when BDTX_DEMO=true, so a
 * newcomer can try every role at once.
 */
package vn.bdtx.demo;
