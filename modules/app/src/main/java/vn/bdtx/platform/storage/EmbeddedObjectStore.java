package vn.bdtx.platform.storage;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible server inside the application's process (S3Proxy on a
 * filesystem blob store) so that a laptop or a single node needs no MinIO. It
 * speaks real S3, presigned URLs and Range requests included, on loopback only
 * unless configured otherwise.
 */
final class EmbeddedObjectStore implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedObjectStore.class);

  private final S3Proxy proxy;
  private final String endpoint;

  private EmbeddedObjectStore(S3Proxy proxy, String endpoint) {
    this.proxy = proxy;
    this.endpoint = endpoint;
  }

  static EmbeddedObjectStore start(StorageSettings.Embedded settings, String accessKey, String secretKey) {
    try {
      Path dir = Path.of(settings.dataDir()).toAbsolutePath().normalize();
      Files.createDirectories(dir);
      S3Proxy proxy = S3Proxy.builder()
          .blobStore(new FilesystemNio2BlobStore(dir.toString()))
          .endpoint(URI.create("http://" + settings.host() + ":" + settings.port()))
          .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
          .ignoreUnknownHeaders(true)
          .build();
      proxy.start();
      while (!"STARTED".equals(proxy.getState())) {
        Thread.sleep(10);
      }
      String endpoint = "http://" + settings.host() + ":" + proxy.getPort();
      log.info("Embedded object store listening on {} with files under {}", endpoint, dir);
      return new EmbeddedObjectStore(proxy, endpoint);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting the embedded object store", e);
    } catch (Exception e) {
      throw new IllegalStateException("Could not start the embedded object store under " + settings.dataDir()
          + " on port " + settings.port() + ": " + e.getMessage(), e);
    }
  }

  String endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
