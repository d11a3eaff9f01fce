package vn.bdtx.support;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.FileSystemUtils;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * An external S3 store as production has one (MinIO there): an S3Proxy the test starts on 127.0.0.1, with an
 * access key and a secret, that every app node and the test context reach over HTTP. It counts how often each
 * object is written, and can be told to refuse writes (a full or failing store) while it still answers.
 */
public final class ExternalStore implements AutoCloseable {

  private final Path dir;
  private final Counting blobs;
  private final S3Proxy proxy;
  private final String accessKey = "bdtx-external";
  private final String secretKey = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));

  private ExternalStore() throws Exception {
    dir = Path.of("target", "test-objects", "external-s3-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4)))
        .toAbsolutePath();
    Files.createDirectories(dir);
    blobs = new Counting(new FilesystemNio2BlobStore(dir.toString()));
    proxy = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey).ignoreUnknownHeaders(true).build();
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      Thread.sleep(10);
    }
  }

  public static ExternalStore start() {
    try {
      return new ExternalStore();
    } catch (Exception e) {
      throw new IllegalStateException("Could not start the external store: " + e.getMessage(), e);
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  /** The production settings (endpoint, access key, secret) for the test context. */
  public void register(DynamicPropertyRegistry registry) {
    registry.add("bdtx.storage.endpoint", this::endpoint);
    registry.add("bdtx.storage.access-key", () -> accessKey);
    registry.add("bdtx.storage.secret-key", () -> secretKey);
  }

  /** The same settings as arguments of an {@link AppProcess}. */
  public String[] nodeArguments() {
    return new String[] {"--bdtx.storage.endpoint=" + endpoint(), "--bdtx.storage.access-key=" + accessKey,
        "--bdtx.storage.secret-key=" + secretKey};
  }

  /** Writes by object ("bucket/key"), of the objects whose name contains {@code part}. */
  public Map<String, Integer> puts(String part) {
    var found = new TreeMap<String, Integer>();
    blobs.puts.forEach((key, n) -> {
      if (key.contains(part)) {
        found.put(key, n.get());
      }
    });
    return found;
  }

  /** From now on every write is answered with an error (and nothing stored), until told otherwise. */
  public void refuseWrites(boolean refuse) {
    blobs.refusing = refuse;
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    FileSystemUtils.deleteRecursively(dir);
  }

  private static final class Counting extends ForwardingBlobStore {

    private final Map<String, AtomicInteger> puts = new ConcurrentHashMap<>();
    private volatile boolean refusing;

    Counting(BlobStore delegate) {
      super(delegate);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
      if (refusing) {
        throw new IllegalStateException("the external store refuses writes (test)");
      }
      puts.computeIfAbsent(request.bucket() + "/" + request.key(), k -> new AtomicInteger()).incrementAndGet();
      return super.putBlob(request, content);
    }
  }
}
