package vn.bdtx.platform.web;

import reactor.core.publisher.Mono;
import vn.bdtx.platform.security.Caller;

/**
 * The unread count the header of every page shows, provided by the context that
 * keeps the notices (community), as {@link PageMenu} is by home: platform never
 * depends on community. {@link LayoutModel} puts it in the model as a lazy
 * {@code unreadNotices}, subscribed only when a full page is rendered — a JSON or
 * 204 answer (a quiz answer saved, progress) never counts.
 */
public interface PageNotices {

  /** How many notices {@code caller} has not read; one indexed count. */
  Mono<Long> unread(Caller caller);
}
