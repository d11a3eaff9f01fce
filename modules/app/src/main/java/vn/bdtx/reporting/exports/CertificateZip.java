package vn.bdtx.reporting.exports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.completion.Certificates;
import vn.bdtx.domain.reporting.DownloadNames;
import vn.bdtx.reporting.ReportScope;

/**
 * A run's certificates as one ZIP of their PDFs, written as it is sent: a worker
 * thread takes the certificates in batches (the read model says which enrollments
 * in scope hold one, the completion context which are valid and where their PDF
 * is), copies each PDF from the store into the ZIP and hands the bytes to the
 * response in chunks, waiting while the client reads. Memory holds one batch and
 * one chunk, never the archive; no temporary file either. Entries are named
 * "number - full name.pdf", Vietnamese kept, never a path.
 */
@Component
class CertificateZip {

  private static final Logger log = LoggerFactory.getLogger(CertificateZip.class);
  private static final int BATCH = 200;
  private static final int CHUNK = 64 * 1024;

  private final CertificateRegister register;
  private final Certificates certificates;

  CertificateZip(CertificateRegister register, Certificates certificates) {
    this.register = register;
    this.certificates = certificates;
  }

  Flux<DataBuffer> write(long runId, ReportScope scope) {
    Flux<Certificates.Certificate> valid = register.ofRun(runId, scope).buffer(BATCH)
        .concatMap(certificates::validWithPdf, 1);
    return Flux.from(DataBufferUtils.outputStreamPublisher(out -> copy(valid, out), DefaultDataBufferFactory.sharedInstance,
        task -> Schedulers.boundedElastic().schedule(task), CHUNK));
  }

  private void copy(Flux<Certificates.Certificate> valid, OutputStream out) {
    int n = 0;
    try (var all = valid.toStream(BATCH); var zip = new ZipOutputStream(out, java.nio.charset.StandardCharsets.UTF_8)) {
      // PDFs are compressed already: the fastest level costs the CPU least and gains as much.
      zip.setLevel(Deflater.BEST_SPEED);
      for (var it = all.iterator(); it.hasNext(); ) {
        var c = it.next();
        zip.putNextEntry(new ZipEntry(DownloadNames.certificateEntry(c.number(), c.fullName())));
        try (InputStream pdf = certificates.openPdfBlocking(c)) {
          pdf.transferTo(zip);
        }
        zip.closeEntry();
        n++;
      }
      zip.finish();
    } catch (IOException e) {
      // The client went away (or the store failed mid-file): the archive stops here.
      log.info("Certificate ZIP stopped after {} files: {}", n, e.toString());
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
