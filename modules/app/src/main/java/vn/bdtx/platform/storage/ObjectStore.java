package vn.bdtx.platform.storage;

import vn.bdtx.domain.text.Downloads;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.domain.storage.Orphans.StoredObject;

/**
 * The one way the application reads and writes objects. The MinIO client blocks
 * (OkHttp), so every call runs on the bounded elastic scheduler, never on an
 * event-loop thread.
 */
public class ObjectStore {

  /** Presigned URLs never live longer than this (RELIABILITY.md §B: ≤ 5 min). */
  public static final Duration MAX_URL_LIFETIME = Duration.ofMinutes(5);

  private final MinioClient client;
  private final MinioClient presigner;
  private final String bucketPrefix;
  private final String servedEndpoint;

  /** How long a probe's answer is trusted before a file link asks the store again. */
  private static final Duration REACHABLE_KEPT = Duration.ofSeconds(5);
  private static final Duration UNREACHABLE_KEPT = Duration.ofSeconds(2);
  /** A probe that has no answer by then counts as "unreachable": a file link waits no longer. */
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  /** The last probe's answer and when it came, or null when none is trusted (never probed, or a write failed since). */
  private volatile Boolean reachable;
  private volatile long reachableAt;
  /** One probe in flight, shared by every link asked for meanwhile. */
  private final Mono<Boolean> probe;
  private final java.util.concurrent.atomic.AtomicBoolean probing = new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * @param client         talks to the store
   * @param presigner      signs URLs for the address browsers use (may differ inside a container network)
   * @param servedEndpoint the embedded store's own address when the application serves its objects under
   *                       {@link StoreFiles#PATH} (presigned URLs then become paths of the application); null otherwise
   */
  ObjectStore(MinioClient client, MinioClient presigner, String bucketPrefix, String servedEndpoint) {
    this.client = client;
    this.presigner = presigner;
    this.bucketPrefix = bucketPrefix;
    this.servedEndpoint = servedEndpoint;
    this.probe = Mono.fromCallable(() -> {
          // A store that takes connections but never answers holds a probe until the client's read timeout: one such
          // probe at a time, and while it waits the store counts as unreachable, so no thread piles up behind it.
          if (!probing.compareAndSet(false, true)) {
            return false;
          }
          try {
            return client.bucketExists(BucketExistsArgs.builder().bucket(bucketName(Bucket.values()[0])).build());
          } finally {
            probing.set(false);
          }
        })
        .subscribeOn(Schedulers.boundedElastic())
        .timeout(PROBE_TIMEOUT)
        .onErrorReturn(false)
        .doOnNext(ok -> {
          reachable = ok;
          reachableAt = System.nanoTime();
        })
        .cache(ok -> Duration.ZERO, e -> Duration.ZERO, () -> Duration.ZERO);
  }

  /**
   * True when the store answered a probe lately (within seconds), else after a
   * bounded probe (at most {@link #PROBE_TIMEOUT}): cheap enough to ask before
   * every file link, so that a link never sends a browser to a store that is down.
   */
  public Mono<Boolean> reachable() {
    Boolean known = reachable;
    if (known != null && System.nanoTime() - reachableAt < (known ? REACHABLE_KEPT : UNREACHABLE_KEPT).toNanos()) {
      return Mono.just(known);
    }
    return probe;
  }

  /** A write failed: it is no longer known that the store answers. */
  private <T> Mono<T> saving(Mono<T> write) {
    return write.onErrorMap(e -> !(e instanceof StorageUnavailable), e -> {
      reachable = null;
      return new StorageUnavailable(StorageUnavailable.Action.SAVE, e);
    });
  }

  /** True when the bucket name is one of this application's buckets. */
  boolean isBucket(String name) {
    for (Bucket bucket : Bucket.values()) {
      if (bucketName(bucket).equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** The bucket's name in the store. */
  public String bucketName(Bucket bucket) {
    return bucket.nameWith(bucketPrefix);
  }

  /** Creates every bucket that does not exist yet; safe to run on several nodes at once. */
  public Mono<Void> ensureBuckets() {
    return blocking(() -> {
      for (Bucket bucket : Bucket.values()) {
        String name = bucketName(bucket);
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(name).build())) {
          try {
            client.makeBucket(MakeBucketArgs.builder().bucket(name).build());
          } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
              throw e;
            }
          }
        }
      }
      return null;
    });
  }

  /** True when the store answers and every bucket exists. */
  public Mono<Boolean> bucketsExist() {
    return blocking(() -> {
      for (Bucket bucket : Bucket.values()) {
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucketName(bucket)).build())) {
          return false;
        }
      }
      return true;
    });
  }

  public Mono<Void> put(Bucket bucket, String key, byte[] bytes, String contentType) {
    return put(bucket, key, new ByteArrayInputStream(bytes), bytes.length, contentType);
  }

  /** Stores a file from disk. */
  public Mono<Void> put(Bucket bucket, String key, java.nio.file.Path file, String contentType) {
    return saving(blocking(() -> {
      try (InputStream in = java.nio.file.Files.newInputStream(file)) {
        client.putObject(PutObjectArgs.builder()
            .bucket(bucketName(bucket)).object(key)
            .stream(in, java.nio.file.Files.size(file), null)
            .contentType(contentType)
            .build());
      }
      return null;
    }));
  }

  public Mono<Void> put(Bucket bucket, String key, InputStream content, long size, String contentType) {
    return saving(blocking(() -> {
      client.putObject(PutObjectArgs.builder()
          .bucket(bucketName(bucket)).object(key)
          .stream(content, size, null)
          .contentType(contentType)
          .build());
      return null;
    }));
  }

  /** Size in bytes, or empty when there is no such object. */
  public Mono<Long> size(Bucket bucket, String key) {
    return blocking(() -> {
      try {
        return client.statObject(StatObjectArgs.builder().bucket(bucketName(bucket)).object(key).build()).size();
      } catch (ErrorResponseException e) {
        if ("NoSuchKey".equals(e.errorResponse().code())) {
          return null;
        }
        throw e;
      }
    });
  }

  /**
   * Every object of the bucket with when it was last written, in key order, read
   * from the store a page (1,000 keys) at a time as they are consumed. Only the
   * reconciliation lists a bucket ({@link StoreReconciliation}).
   */
  Flux<StoredObject> list(Bucket bucket) {
    return Flux.defer(() -> Flux.fromIterable(client.listObjects(ListObjectsArgs.builder()
                .bucket(bucketName(bucket)).recursive(true).build())))
        .map(ObjectStore::item)
        .filter(item -> !item.isDir())
        .map(item -> new StoredObject(item.objectName(), item.lastModified().toInstant()))
        // Every page is fetched by a blocking call: requests run on the worker, never on the caller's thread.
        .subscribeOn(Schedulers.boundedElastic());
  }

  private static io.minio.messages.Item item(Result<io.minio.messages.Item> result) {
    try {
      return result.get();
    } catch (Exception e) {
      throw new IllegalStateException("The object store's listing failed: " + e.getMessage(), e);
    }
  }

  /** When the object was last written, or empty when there is no such object. */
  Mono<java.time.Instant> lastModified(Bucket bucket, String key) {
    return blocking(() -> {
      try {
        return client.statObject(StatObjectArgs.builder().bucket(bucketName(bucket)).object(key).build())
            .lastModified().toInstant();
      } catch (ErrorResponseException e) {
        if ("NoSuchKey".equals(e.errorResponse().code())) {
          return null;
        }
        throw e;
      }
    });
  }

  /** Removes the object (nothing when there is none). Only the reconciliation removes objects. */
  Mono<Void> remove(Bucket bucket, String key) {
    return blocking(() -> {
      client.removeObject(RemoveObjectArgs.builder().bucket(bucketName(bucket)).object(key).build());
      return null;
    });
  }

  /**
   * The object as a stream, for copying it somewhere without holding it in
   * memory. Blocking: call from a thread that may block, and close the stream.
   */
  public InputStream openBlocking(Bucket bucket, String key) throws Exception {
    return client.getObject(GetObjectArgs.builder().bucket(bucketName(bucket)).object(key).build());
  }

  public Mono<byte[]> read(Bucket bucket, String key) {
    return blocking(() -> {
      try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucketName(bucket)).object(key).build())) {
        return in.readAllBytes();
      }
    });
  }

  /**
   * A URL the browser fetches the object from (Range requests work), valid for
   * {@code lifetime}, at most {@link #MAX_URL_LIFETIME}. Call it only after the
   * caller's right to the object has been checked. With the embedded store it is a
   * path of the application ({@code /files/<bucket>/<key>?X-Amz-...}), relative to
   * whatever address the browser used, which {@link StoreFiles} relays to the store;
   * with an external store it is absolute, at the public endpoint.
   *
   * <p>Fails with {@link StorageUnavailable} ({@code OPEN}) when the store does not
   * answer ({@link #reachable()}): the person is told the file cannot be opened right
   * now instead of being sent to an address that does not answer.
   */
  public Mono<String> presignedGet(Bucket bucket, String key, Duration lifetime) {
    return presignedGet(bucket, key, lifetime, java.util.Map.of());
  }

  /**
   * As {@link #presignedGet(Bucket, String, Duration)}, asking the store to answer with
   * the given response headers ("response-cache-control", "response-content-type",
   * "response-content-disposition"), which are part of the signature.
   */
  public Mono<String> presignedGet(Bucket bucket, String key, Duration lifetime, java.util.Map<String, String> responseHeaders) {
    Duration capped = lifetime.compareTo(MAX_URL_LIFETIME) > 0 ? MAX_URL_LIFETIME : lifetime;
    Mono<String> url = blocking(() -> served(presigner.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
        .method(Http.Method.GET)
        .bucket(bucketName(bucket)).object(key)
        .expiry((int) Math.max(1, capped.toSeconds()), TimeUnit.SECONDS)
        .extraQueryParams(responseHeaders)
        .build())));
    return reachable().flatMap(ok -> ok ? url
        : Mono.error(new StorageUnavailable(StorageUnavailable.Action.OPEN, null)));
  }

  /**
   * A presigned URL for a stored file, answered by the store with the headers {@link Downloads} decides from
   * the type read from its bytes at upload: shown inline only as a PDF, image, video or sound, otherwise
   * downloaded (an HTML or SVG file as bytes), the name cleaned and given as RFC 6266 asks. With the embedded
   * store {@link StoreFiles} adds nosniff and holds to the same rule whatever a link asked for.
   */
  public Mono<String> presignedDownload(Bucket bucket, String key, Duration lifetime, String detectedType, String name,
                                        String cacheControl) {
    return presignedDownload(bucket, key, lifetime, Downloads.of(detectedType, name), cacheControl);
  }

  /** As above, with the answer decided by the caller ({@link Downloads#attachment} for a file always downloaded). */
  public Mono<String> presignedDownload(Bucket bucket, String key, Duration lifetime, Downloads.Answer answer,
                                        String cacheControl) {
    return presignedGet(bucket, key, lifetime, java.util.Map.of(
        "response-content-type", answer.contentType(),
        "response-content-disposition", answer.disposition(),
        "response-cache-control", cacheControl));
  }

  /**
   * The embedded store's URL as a path of the application: the path and the signed
   * query string are kept byte for byte, so the store still checks the signature and
   * the expiry when the application relays the request to it.
   */
  private String served(String url) {
    if (servedEndpoint == null) {
      return url;
    }
    if (!url.startsWith(servedEndpoint + "/")) {
      throw new IllegalStateException("A presigned URL not at the embedded store: " + url);
    }
    return StoreFiles.PATH + url.substring(servedEndpoint.length());
  }

  private static <T> Mono<T> blocking(Callable<T> call) {
    return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
  }
}
