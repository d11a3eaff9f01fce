/**
 * The outbox: an owning context announces a change in the same transaction as
 * the change ({@link vn.bdtx.platform.events.Outbox#publish}), one row per
 * subscribed {@link vn.bdtx.platform.events.OutboxConsumer}, which claims and
 * deletes its rows in the transaction of its own writes (DESIGN §5).
 */
package vn.bdtx.platform.events;
