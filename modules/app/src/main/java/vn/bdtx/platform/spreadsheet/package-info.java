/** Reading the spreadsheets schools send (CSV in any of the encodings they use, XLSX) as rows of text. */
package vn.bdtx.platform.spreadsheet;
