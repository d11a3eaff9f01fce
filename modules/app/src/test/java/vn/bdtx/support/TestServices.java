package vn.bdtx.support;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * Gives every test application context services of its own: a fresh PostgreSQL
 * database, a fresh Redis key namespace and a fresh object-store folder, so runs
 * never see each other's data. The services are real: containers where a Docker
 * engine answers ({@link Containers}), the machine's own PostgreSQL and Redis
 * otherwise. The database is dropped when the context closes.
 */
public class TestServices implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    Map<String, Object> props = new HashMap<>();
    props.put("bdtx.db.name", "bdtx_test_" + run);
    props.put("bdtx.redis.namespace", "bdtx-test:" + run);
    String objects = "target/test-objects/" + run;
    props.put("bdtx.storage.embedded.data-dir", objects);
    props.put("bdtx.storage.bucket-prefix", "t" + run);
    // Tests run in modules/app: the repository's content folder is two levels up.
    props.put("bdtx.content.dir", "../../content");
    // Test classes sharing a context look certificate numbers up from 127.0.0.1; VerifyThrottleTest reads the limit.
    props.put("bdtx.verify.misses-per-address", "200");
    Containers.properties().ifPresent(props::putAll);
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("bdtx-test-services", props));

    context.addApplicationListener(event -> {
      if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
        dropDatabase(context, (String) props.get("bdtx.db.name"));
        FileSystemUtils.deleteRecursively(new java.io.File(objects));
      }
    });
  }

  private static void dropDatabase(ConfigurableApplicationContext context, String name) {
    var env = context.getEnvironment();
    String url = "jdbc:postgresql://" + env.getProperty("bdtx.db.host") + ":" + env.getProperty("bdtx.db.port") + "/"
        + env.getProperty("bdtx.db.maintenance-database");
    try (var c = DriverManager.getConnection(url, env.getProperty("bdtx.db.user"), env.getProperty("bdtx.db.password"));
         var s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    } catch (SQLException e) {
      System.err.println("Could not drop test database " + name + ": " + e.getMessage());
    }
  }
}
