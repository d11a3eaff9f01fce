/** Shared infrastructure: start-up checks, security, storage, Redis and the web layout. */
package vn.bdtx.platform;
