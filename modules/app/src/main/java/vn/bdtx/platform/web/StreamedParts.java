package vn.bdtx.platform.web;

import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.Part;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.http.codec.multipart.PartEventHttpMessageReader;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.platform.storage.TempUploadFiles;

/**
 * Multipart parts written once, straight to their destination (issue 18 item 2).
 * Spring's default reader writes every part beyond 256 KB to a spring-multipart-*
 * file, and {@link FilePart#transferTo(Path)} then copies it to the upload's own
 * temp file (bdtx-upload-*.tmp, where the type is read, the SHA-256 taken and the
 * store fed from): each byte written twice, both files on disk at once. Here a
 * file part beyond 256 KB streams from the request into a bdtx-upload-*.tmp file as
 * it arrives, and {@code transferTo} moves that file to the caller's path (a rename
 * in the same folder); a smaller one stays in memory until its upload writes it.
 * Form fields stay in memory (at most {@code spring.codec.max-in-memory-size}
 * each). The limits are Spring Boot's: {@code spring.webflux.multipart.max-parts}
 * (beyond it "Too many parts", 413) and {@code max-disk-usage-per-part} (beyond it
 * a {@link DataBufferLimitException}, 413; platform.web.UploadLimits). A part's file
 * is deleted when the request ends unless it was handed over, and at once when the
 * body fails or the client goes.
 */
final class StreamedParts implements HttpMessageReader<Part> {

  private final PartEventHttpMessageReader events = new PartEventHttpMessageReader();
  private final int maxParts;
  private final long maxBytesPerPart;
  private final Path folder;

  /** Part files in {@code folder} (the temp folder); {@code maxParts} or {@code maxBytesPerPart} below zero: no limit. */
  StreamedParts(Path folder, int maxParts, long maxBytesPerPart, int maxFieldBytes, int maxHeadersBytes) {
    this.folder = folder;
    this.maxParts = maxParts;
    this.maxBytesPerPart = maxBytesPerPart;
    events.setMaxInMemorySize(maxFieldBytes);
    events.setMaxHeadersSize(maxHeadersBytes);
    events.setHeadersCharset(StandardCharsets.UTF_8);
  }

  @Override
  public List<MediaType> getReadableMediaTypes() {
    return events.getReadableMediaTypes();
  }

  @Override
  public boolean canRead(ResolvableType elementType, MediaType mediaType) {
    return Part.class.equals(elementType.toClass()) && events.canRead(ResolvableType.forClass(PartEvent.class), mediaType);
  }

  @Override
  public Mono<Part> readMono(ResolvableType elementType, ReactiveHttpInputMessage message, Map<String, Object> hints) {
    return Mono.error(new UnsupportedOperationException("a multipart body is read as its parts, not as one"));
  }

  @Override
  public Flux<Part> read(ResolvableType elementType, ReactiveHttpInputMessage message, Map<String, Object> hints) {
    List<Path> written = new ArrayList<>();
    var parts = new AtomicInteger();
    return events.read(ResolvableType.forClass(PartEvent.class), message, hints)
        .windowUntil(PartEvent::isLast)
        .concatMap(window -> window.switchOnFirst((first, all) -> {
          if (!first.hasValue()) {
            return all.thenMany(Flux.<Part>empty());
          }
          if (maxParts >= 0 && parts.incrementAndGet() > maxParts) {
            // At once: the rest of the body is not read.
            return Flux.<Part>error(new DecodingException("Too many parts (" + parts.get() + "/" + maxParts + " allowed)"));
          }
          PartEvent head = first.get();
          if (head instanceof FormPartEvent field) {
            return all.doOnNext(e -> DataBufferUtils.release(e.content()))
                .then(Mono.<Part>fromSupplier(() -> new Field(field.name(), field.headers(), field.value())))
                .flux();
          }
          var spill = new Spill(head);
          return limited(all.map(PartEvent::content))
              .concatMap(buffer -> spill.accept(buffer, written), 1)
              .then(Mono.fromCallable(spill::part))
              .doOnError(e -> spill.discard())
              .doOnCancel(spill::discard)
              .flux();
        }))
        // A body that failed, or a client that went: nothing of it stays on disk.
        .doOnError(e -> deleteAll(written))
        .doOnCancel(() -> deleteAll(written));
  }

  /**
   * One file part's content as it arrives: held in memory up to the form fields' limit (a small file is never
   * written before its upload takes it), then written to its part file as it comes, in order, once.
   */
  private final class Spill {
    private final PartEvent head;
    private final List<DataBuffer> held = new ArrayList<>();
    private long heldBytes;
    private Path file;
    private AsynchronousFileChannel channel;
    private long position;

    Spill(PartEvent head) {
      this.head = head;
    }

    Mono<Void> accept(DataBuffer buffer, List<Path> written) {
      if (channel != null) {
        return append(List.of(buffer));
      }
      held.add(buffer);
      heldBytes += buffer.readableByteCount();
      if (heldBytes <= events.getMaxInMemorySize()) {
        return Mono.empty();
      }
      return Mono.fromCallable(() -> {
            Path created = TempUploadFiles.create(folder);
            synchronized (written) {
              written.add(created);
            }
            file = created;
            channel = AsynchronousFileChannel.open(created, StandardOpenOption.WRITE);
            return created;
          })
          .subscribeOn(Schedulers.boundedElastic())
          .then(Mono.defer(() -> {
            var first = List.copyOf(held);
            held.clear();
            return append(first);
          }));
    }

    private Mono<Void> append(List<DataBuffer> buffers) {
      long at = position;
      position += buffers.stream().mapToLong(DataBuffer::readableByteCount).sum();
      return DataBufferUtils.write(Flux.fromIterable(buffers), channel, at).doOnNext(DataBufferUtils::release).then();
    }

    Part part() throws IOException {
      if (channel == null) {
        byte[] bytes = new byte[(int) heldBytes];
        int at = 0;
        for (DataBuffer b : held) {
          int n = b.readableByteCount();
          b.read(bytes, at, n);
          at += n;
          DataBufferUtils.release(b);
        }
        held.clear();
        return head instanceof FilePartEvent f ? new HeldFilePart(head.name(), head.headers(), bytes, f.filename())
            : new HeldPart(head.name(), head.headers(), bytes);
      }
      channel.close();
      return head instanceof FilePartEvent f ? new StoredFilePart(head.name(), head.headers(), file, f.filename())
          : new StoredPart(head.name(), head.headers(), file);
    }

    void discard() {
      held.forEach(DataBufferUtils::release);
      held.clear();
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // the file is deleted with the request's others
        }
      }
    }
  }

  private Flux<DataBuffer> limited(Flux<DataBuffer> content) {
    if (maxBytesPerPart < 0) {
      return content;
    }
    var size = new AtomicLong();
    return content.handle((buffer, sink) -> {
      if (size.addAndGet(buffer.readableByteCount()) > maxBytesPerPart) {
        DataBufferUtils.release(buffer);
        sink.error(new DataBufferLimitException("Part exceeded the disk usage limit of " + maxBytesPerPart + " bytes"));
      } else {
        sink.next(buffer);
      }
    });
  }

  private static void deleteAll(List<Path> written) {
    List<Path> copy;
    synchronized (written) {
      copy = List.copyOf(written);
    }
    Schedulers.boundedElastic().schedule(() -> copy.forEach(StreamedParts::deleteQuietly));
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // named after this process: removed by platform.storage.TempUploadCleanup
    }
  }

  /** A form field, in memory. */
  private record Field(String name, HttpHeaders headers, String value) implements FormFieldPart {
    @Override
    public Flux<DataBuffer> content() {
      return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(value.getBytes(StandardCharsets.UTF_8))));
    }
  }

  /** A part other than a form field, in its file until it is handed over or the request ends. */
  private static class StoredPart implements Part {
    private final String name;
    private final HttpHeaders headers;
    private volatile Path file;
    private volatile boolean handedOver;

    StoredPart(String name, HttpHeaders headers, Path file) {
      this.name = name;
      this.headers = headers;
      this.file = file;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public HttpHeaders headers() {
      return headers;
    }

    @Override
    public Flux<DataBuffer> content() {
      return DataBufferUtils.read(file, DefaultDataBufferFactory.sharedInstance, 64 * 1024);
    }

    /** Moves the file to {@code dest} (replacing it): a rename when both are in the temp folder, no second copy. */
    public Mono<Void> transferTo(Path dest) {
      return Mono.<Void>fromRunnable(() -> {
        try {
          Files.move(file, dest, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        file = dest;
        handedOver = true;
      }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<Void> delete() {
      return handedOver ? Mono.empty()
          : Mono.<Void>fromRunnable(() -> deleteQuietly(file)).subscribeOn(Schedulers.boundedElastic());
    }
  }

  /** A small part other than a form field, in memory: written only by its upload. */
  private static class HeldPart implements Part {
    private final String name;
    private final HttpHeaders headers;
    private final byte[] bytes;

    HeldPart(String name, HttpHeaders headers, byte[] bytes) {
      this.name = name;
      this.headers = headers;
      this.bytes = bytes;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public HttpHeaders headers() {
      return headers;
    }

    @Override
    public Flux<DataBuffer> content() {
      return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes)));
    }

    public Mono<Void> transferTo(Path dest) {
      return Mono.<Void>fromRunnable(() -> {
        try {
          Files.write(dest, bytes);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).subscribeOn(Schedulers.boundedElastic());
    }
  }

  /** A small uploaded file. */
  private static final class HeldFilePart extends HeldPart implements FilePart {
    private final String filename;

    HeldFilePart(String name, HttpHeaders headers, byte[] bytes, String filename) {
      super(name, headers, bytes);
      this.filename = filename;
    }

    @Override
    public String filename() {
      return filename;
    }
  }

  /** An uploaded file. */
  private static final class StoredFilePart extends StoredPart implements FilePart {
    private final String filename;

    StoredFilePart(String name, HttpHeaders headers, Path file, String filename) {
      super(name, headers, file);
      this.filename = filename;
    }

    @Override
    public String filename() {
      return filename;
    }
  }
}
