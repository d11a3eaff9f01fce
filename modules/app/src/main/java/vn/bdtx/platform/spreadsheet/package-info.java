/**
 * Spreadsheets in and out: reading the ones schools send (CSV in any of the encodings they use, XLSX) as rows
 * of text, and writing tables as typed, formula-free XLSX or CSV with bounded memory ({@link
 * vn.bdtx.platform.spreadsheet.TableExport}).
 */
package vn.bdtx.platform.spreadsheet;
