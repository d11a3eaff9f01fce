/**
 * Shared infrastructure: start-up checks, security, storage, Redis, audit,
 * spreadsheets, the web layout and the scheduled jobs' runner. An open module: every context may use its
 * sub-packages, and it depends on no context (contexts plug in through
 * interfaces such as {@code CallerDirectory}).
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package vn.bdtx.platform;

import org.springframework.modulith.ApplicationModule;
