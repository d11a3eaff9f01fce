/**
 * The formal exports officials send upwards, read from reporting's own read model only and filtered by
 * {@link vn.bdtx.reporting.ReportScope}: the module results report of a unit, the school year's BDTX status per
 * teacher, the certificate register (XLSX and CSV through platform.spreadsheet.TableExport), and a run's
 * certificates as one ZIP of PDFs, every one written as it streams.
 */
package vn.bdtx.reporting.exports;
