package vn.bdtx.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import reactor.core.publisher.Flux;

/**
 * Issue 18 item 2: a file part is written once, straight from the body to its
 * bdtx-upload-*.tmp file, and handed to the upload by a move, not copied again;
 * form fields stay in memory; a part beyond the limit or a body with too many parts
 * fails as Spring's reader did (413 by UploadLimits) and leaves no file behind.
 */
class StreamedPartsTest {

  static final String BOUNDARY = "bdtxparts";

  /** The part files' folder, this test's alone. */
  @TempDir Path folder;

  @Test
  void aFilePartIsWrittenOnceAndHandedOverByAMove() throws Exception {
    byte[] file = new byte[3 * 1024 * 1024 + 7];
    Arrays.fill(file, (byte) 'p');
    var parts = read(new StreamedParts(folder, 10, 10L << 20, 256 * 1024, 10 * 1024), body(file, "bai-lam.pdf"));

    assertThat(parts).hasSize(2);
    var token = (FormFieldPart) parts.get(0);
    assertThat(token.name()).isEqualTo("_csrf");
    assertThat(token.value()).isEqualTo("mã-thông-báo");
    var upload = (FilePart) parts.get(1);
    assertThat(upload.filename()).isEqualTo("bai-lam.pdf");

    Path dest = Files.createTempFile("bdtx-upload-", ".tmp");
    assertThat(uploadFiles()).as("the part's one file").isEqualTo(1);
    try {
      upload.transferTo(dest).block(Duration.ofSeconds(10));
      assertThat(Files.readAllBytes(dest)).isEqualTo(file);
      assertThat(uploadFiles()).as("moved, not copied").isZero();
      // Handed over: the end of the request does not delete the upload's own file.
      upload.delete().block(Duration.ofSeconds(10));
      assertThat(dest).exists();
    } finally {
      Files.deleteIfExists(dest);
    }
  }

  @Test
  void aPartNotHandedOverIsDeletedWhenTheRequestEnds() throws Exception {
    var parts = read(new StreamedParts(folder, 10, 10L << 20, 256 * 1024, 10 * 1024), body(new byte[1 << 20], "a.pdf"));
    var upload = (FilePart) parts.get(1);
    // Reading its content leaves the file in place; the request's end removes it.
    long read = upload.content().map(DataBuffer::readableByteCount).reduce(0, Integer::sum).block(Duration.ofSeconds(10));
    assertThat(read).isEqualTo(1 << 20);
    assertThat(uploadFiles()).isEqualTo(1);
    upload.delete().block(Duration.ofSeconds(10));
    assertThat(uploadFiles()).isZero();
  }

  @Test
  void aSmallFileIsWrittenOnlyByItsUpload() throws Exception {
    byte[] file = "một tệp nhỏ".repeat(1000).getBytes(StandardCharsets.UTF_8);
    var parts = read(new StreamedParts(folder, 10, 10L << 20, 256 * 1024, 10 * 1024), body(file, "nho.pdf"));
    assertThat(uploadFiles()).as("held in memory, as Spring's reader held parts up to 256 KB").isZero();
    Path dest = Files.createTempFile("bdtx-upload-", ".tmp");
    try {
      ((FilePart) parts.get(1)).transferTo(dest).block(Duration.ofSeconds(10));
      assertThat(Files.readAllBytes(dest)).isEqualTo(file);
    } finally {
      Files.deleteIfExists(dest);
    }
  }

  @Test
  void aPartBeyondItsLimitFailsAndLeavesNoFile() throws Exception {
    long before = uploadFiles();
    var reader = new StreamedParts(folder, 10, 1024 * 1024, 256 * 1024, 10 * 1024);
    assertThatThrownBy(() -> read(reader, body(new byte[2 * 1024 * 1024], "lon.mp4")))
        .isInstanceOf(DataBufferLimitException.class);
    Thread.sleep(300);
    assertThat(uploadFiles()).isEqualTo(before);
  }

  @Test
  void tooManyPartsFailAsSpringsReaderDid() {
    var reader = new StreamedParts(folder, 1, 10L << 20, 256 * 1024, 10 * 1024);
    assertThatThrownBy(() -> read(reader, body(new byte[10], "a.pdf")))
        .isInstanceOf(DecodingException.class).hasMessageStartingWith("Too many parts");
  }

  private static List<Part> read(StreamedParts reader, byte[] body) {
    var factory = DefaultDataBufferFactory.sharedInstance;
    // The body in 8 KB chunks, as the network brings it.
    var chunks = Flux.range(0, (body.length + 8191) / 8192)
        .map(i -> factory.wrap(Arrays.copyOfRange(body, i * 8192, Math.min(body.length, (i + 1) * 8192))));
    var request = MockServerHttpRequest.post("/learn/1/submission")
        .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + BOUNDARY))
        .body(chunks.cast(DataBuffer.class));
    return reader.read(ResolvableType.forClass(Part.class), request, java.util.Map.of())
        .collectList().block(Duration.ofSeconds(30));
  }

  private static byte[] body(byte[] file, String name) {
    var head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nmã-thông-báo\r\n"
        + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name + "\"\r\n"
        + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    var tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = Arrays.copyOf(head, head.length + file.length + tail.length);
    System.arraycopy(file, 0, all, head.length, file.length);
    System.arraycopy(tail, 0, all, head.length + file.length, tail.length);
    return all;
  }

  private long uploadFiles() throws java.io.IOException {
    try (var files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().startsWith("bdtx-upload-")).count();
    }
  }
}
