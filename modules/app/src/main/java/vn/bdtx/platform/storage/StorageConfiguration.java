package vn.bdtx.platform.storage;

import io.minio.MinioClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import okhttp3.OkHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The MinIO client, aimed at the configured S3/MinIO endpoint or at the embedded store. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

  /** Credentials of the embedded store: random for each process, since only this process talks to it. */
  record Credentials(String accessKey, String secretKey) {
  }

  @Bean
  Credentials storageCredentials(StorageSettings settings) {
    if (!settings.isEmbedded()) {
      return new Credentials(settings.accessKey(), settings.secretKey());
    }
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    return new Credentials("bdtx-embedded", HexFormat.of().formatHex(secret));
  }

  @Bean(destroyMethod = "close")
  EmbeddedObjectStoreHolder embeddedObjectStore(StorageSettings settings, Credentials credentials) {
    return new EmbeddedObjectStoreHolder(settings.isEmbedded()
        ? EmbeddedObjectStore.start(settings.embedded(), credentials.accessKey(), credentials.secretKey())
        : null);
  }

  @Bean
  ObjectStore objectStore(StorageSettings settings, Credentials credentials, EmbeddedObjectStoreHolder embedded) {
    String endpoint = embedded.store() != null ? embedded.store().endpoint() : settings.endpoint();
    boolean publicEndpointSet = settings.publicEndpoint() != null && !settings.publicEndpoint().isBlank();
    String publicEndpoint = publicEndpointSet ? settings.publicEndpoint() : endpoint;
    // The embedded store listens on loopback at a random port, which no other device can reach: unless told
    // otherwise, its objects are served under the application's own address (StoreFiles).
    String servedEndpoint = embedded.store() != null && !publicEndpointSet ? endpoint : null;
    var http = new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(60))
        .writeTimeout(Duration.ofSeconds(60))
        .retryOnConnectionFailure(true)
        .build();
    return new ObjectStore(client(endpoint, settings, credentials, http),
        client(publicEndpoint, settings, credentials, http), settings.bucketPrefix(), servedEndpoint);
  }

  /** The relay of the embedded store's objects under /files, or nothing when the store is external. */
  @Bean
  StoreFiles.Relay storeFilesRelay(EmbeddedObjectStoreHolder embedded, StorageSettings settings) {
    boolean publicEndpointSet = settings.publicEndpoint() != null && !settings.publicEndpoint().isBlank();
    return new StoreFiles.Relay(embedded.store() != null && !publicEndpointSet ? embedded.store().endpoint() : null);
  }

  private static MinioClient client(String endpoint, StorageSettings settings, Credentials credentials,
                                    OkHttpClient http) {
    // The region is set, so presigning never asks the store for a bucket's location: it is pure computation.
    return MinioClient.builder()
        .endpoint(endpoint)
        .region(settings.region())
        .credentials(credentials.accessKey(), credentials.secretKey())
        .httpClient(http, false)
        .build();
  }

  /** Holds the embedded store when one runs; empty when an external endpoint is configured. */
  record EmbeddedObjectStoreHolder(EmbeddedObjectStore store) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      if (store != null) {
        store.close();
      }
    }
  }
}
