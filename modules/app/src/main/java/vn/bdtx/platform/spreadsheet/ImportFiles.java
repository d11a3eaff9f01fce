package vn.bdtx.platform.spreadsheet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The uploaded file of an import (accounts, organisation, module run), opened the one way: refused above
 * {@code bdtx.import.max-file-size}, read as rows ({@link Spreadsheets}), at most {@code bdtx.import.max-rows} data
 * rows for the domain's {@link vn.bdtx.domain.imports.ImportFormat}. Blocking I/O: call it on a bounded-elastic thread.
 */
@Component
public class ImportFiles {

  private final int maxRows;
  private final DataSize maxFileSize;

  ImportFiles(@Value("${bdtx.import.max-rows}") int maxRows, @Value("${bdtx.import.max-file-size}") DataSize maxFileSize) {
    this.maxRows = maxRows;
    this.maxFileSize = maxFileSize;
  }

  /** The most data rows one file may hold. */
  public int maxRows() {
    return maxRows;
  }

  /**
   * @param readable   what to make of the rows of a file that can be read
   * @param unreadable what to make of why it cannot (too large, not a spreadsheet, an encoding not told apart …)
   */
  public <T> T read(Path file, Function<SpreadsheetRows, T> readable, Function<SpreadsheetProblem, T> unreadable) {
    try {
      Spreadsheets.Opened opened = Spreadsheets.open(file, maxFileSize);
      if (opened instanceof Spreadsheets.Opened.Unreadable u) {
        return unreadable.apply(u.problem());
      }
      return readable.apply(((Spreadsheets.Opened.Readable) opened).rows());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
