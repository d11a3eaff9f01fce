package vn.bdtx.platform.security;

import java.time.Instant;
import reactor.core.publisher.Mono;

/** Where the current state of an account is read when a session must be refreshed (implemented by accounts). */
public interface CallerDirectory {

  /** The account as it is now, with its grants; empty when it no longer exists. */
  Mono<State> byId(long accountId);

  record State(Caller caller, boolean enabled, Instant sessionsRevokedAt) {
  }
}
