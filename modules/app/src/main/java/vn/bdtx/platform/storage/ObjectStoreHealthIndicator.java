package vn.bdtx.platform.storage;

import java.time.Duration;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Shown as {@code objectStore} in /actuator/health: UP when the store answers and every bucket exists. */
@Component
class ObjectStoreHealthIndicator extends AbstractReactiveHealthIndicator {

  private final ObjectStore store;

  ObjectStoreHealthIndicator(ObjectStore store) {
    super("Object store health check failed");
    this.store = store;
  }

  @Override
  protected Mono<Health> doHealthCheck(Health.Builder builder) {
    return store.bucketsExist()
        .timeout(Duration.ofSeconds(8))
        .map(ok -> ok ? builder.up().build() : builder.down().withDetail("buckets", "missing").build());
  }
}
