/**
 * Reporting: where every run stands against the targets (98% completed, 75% of
 * survey answers positive), by scope and level, with exports in the shapes
 * officials send upwards. It owns its read model (the {@code report_*} tables),
 * kept current from the owners' outbox events and rebuildable from their query
 * interfaces, and never writes another context's tables. {@link ReportScope}
 * decides, on the server, which units, runs and people a caller's grants reach.
 */
package vn.bdtx.reporting;
