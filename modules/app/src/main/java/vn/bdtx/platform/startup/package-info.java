/** Start-up: reach PostgreSQL and Redis first, and say plainly which one is missing if not. */
package vn.bdtx.platform.startup;
