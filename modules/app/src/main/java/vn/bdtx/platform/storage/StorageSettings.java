package vn.bdtx.platform.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where objects are kept ({@code bdtx.storage.*}). An empty endpoint means: start
 * the embedded store and keep files under {@code embedded.dataDir}. Presigned URLs
 * are signed for {@code publicEndpoint}, the address browsers reach the store at
 * (the same as {@code endpoint} when empty).
 */
@ConfigurationProperties("bdtx.storage")
public record StorageSettings(String endpoint, String publicEndpoint, String accessKey, String secretKey,
                              String region, String bucketPrefix, Embedded embedded) {

  public record Embedded(String dataDir, String host, int port) {
  }

  boolean isEmbedded() {
    return endpoint == null || endpoint.isBlank();
  }
}
