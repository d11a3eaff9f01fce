package vn.bdtx.platform.events;

import java.util.Set;

/**
 * A context that reacts to other contexts' changes, registered as a bean: every
 * change published on one of its {@link #topics} becomes a row for it in the
 * outbox. Platform knows consumers only through this interface.
 */
public interface OutboxConsumer {

  /** The consumer's name, stored on its rows (at most 30 characters). */
  String name();

  /** The topics it reacts to. */
  Set<String> topics();
}
