package vn.bdtx.support;

import java.util.Map;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL and Redis in containers when a Docker engine answers, started once per
 * test JVM. Without Docker (as on the CI machine) the local services are used:
 * {@link #properties()} is then empty and the application's defaults apply.
 */
public final class Containers {

  private static volatile Map<String, Object> started;

  private Containers() {
  }

  public static synchronized Optional<Map<String, Object>> properties() {
    if (Boolean.getBoolean("bdtx.test.local-services") || !dockerAnswers()) {
      return Optional.empty();
    }
    if (started == null) {
      var postgres = new PostgreSQLContainer("postgres:15-alpine");
      postgres.start();
      var redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
      redis.start();
      started = Map.of(
          "bdtx.db.host", postgres.getHost(),
          "bdtx.db.port", postgres.getMappedPort(5432),
          "bdtx.db.user", postgres.getUsername(),
          "bdtx.db.password", postgres.getPassword(),
          "bdtx.redis.host", redis.getHost(),
          "bdtx.redis.port", redis.getMappedPort(6379));
    }
    return Optional.of(started);
  }

  private static boolean dockerAnswers() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
