package vn.bdtx.platform.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.multipart.MultipartHttpMessageReader;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * Multipart bodies are read by {@link StreamedParts} (each file part written once,
 * straight to its upload file) with Spring Boot's multipart limits, instead of the
 * default reader that buffers a part in a spring-multipart-* file to be copied again.
 */
@Configuration(proxyBeanMethods = false)
class MultipartReading implements WebFluxConfigurer {

  private final StreamedParts parts;

  MultipartReading(@Value("${spring.webflux.multipart.max-parts:-1}") int maxParts,
                   @Value("${spring.webflux.multipart.max-disk-usage-per-part:-1B}") DataSize maxPerPart,
                   @Value("${spring.webflux.multipart.max-in-memory-size:256KB}") DataSize maxField,
                   @Value("${spring.webflux.multipart.max-headers-size:10KB}") DataSize maxHeaders) {
    this.parts = new StreamedParts(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")), maxParts, maxPerPart.toBytes(), (int) maxField.toBytes(), (int) maxHeaders.toBytes());
  }

  @Override
  public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
    configurer.defaultCodecs().multipartReader(new MultipartHttpMessageReader(parts));
  }
}
