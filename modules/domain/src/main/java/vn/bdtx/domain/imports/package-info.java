/**
 * The one import kernel the account, organisation and run imports share: a file's header row matched to the
 * columns an import declares ({@link vn.bdtx.domain.imports.Headers}), its rows read with blank rows skipped and a
 * limit on their number ({@link vn.bdtx.domain.imports.ImportFormat}), and every problem found, by row, column and
 * value ({@link vn.bdtx.domain.imports.RowProblem}). Each import keeps its own columns, kinds of problem and row
 * rules; this package knows none of them.
 */
package vn.bdtx.domain.imports;
