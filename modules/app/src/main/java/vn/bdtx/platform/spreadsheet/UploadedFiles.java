package vn.bdtx.platform.spreadsheet;

import java.nio.file.Path;
import java.util.function.BiFunction;
import org.springframework.http.codec.multipart.FilePart;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.domain.text.FileNames;

/**
 * An uploaded file on disk for as long as it is being read: written to a server
 * temp file (never a path from the client), deleted afterwards whatever happens.
 */
public final class UploadedFiles {

  private UploadedFiles() {
  }

  /** Calls {@code work} with the file and the client's file name reduced to its last segment, cleaned (for display only). */
  public static <T> Mono<T> withTempFile(FilePart part, BiFunction<Path, String, Mono<T>> work) {
    // Its last segment without controls or bidirectional characters, cut between whole characters (FileNames).
    String name = part.filename() == null || part.filename().isBlank() ? "" : FileNames.clean(part.filename(), 300);
    return Mono.fromCallable(vn.bdtx.platform.storage.TempUploadFiles::create)
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(tmp -> part.transferTo(tmp)
            .then(Mono.defer(() -> work.apply(tmp, name)))
            .doFinally(signal -> tmp.toFile().delete()));
  }
}
