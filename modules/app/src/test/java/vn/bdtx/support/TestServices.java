package vn.bdtx.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.flywaydb.core.Flyway;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * Gives every test application context services of its own: a fresh PostgreSQL
 * database, a fresh Redis key namespace and a fresh object-store folder, so runs
 * never see each other's data. The services are real: containers where a Docker
 * engine answers ({@link Containers}), the machine's own PostgreSQL and Redis
 * otherwise. The database is dropped when the context closes.
 *
 * <p>The database is a copy of a template that this JVM migrated once with the application's own migrations
 * (CREATE DATABASE ... TEMPLATE), so each context skips the 30 migrations (about 3 s of its start); the
 * application's Flyway still validates it at start-up and finds nothing pending. A test that must see the
 * migrations run on an empty database sets {@value #FROM_EMPTY} (FirstStartTest does).
 */
public class TestServices implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  /** Set to true (e.g. in @TestPropertySource) for a database the application creates and migrates itself. */
  public static final String FROM_EMPTY = "bdtx.test.database-from-empty";

  private static String template;
  /** The settings of every context that copied the template, newest first: the first may have gone through a proxy. */
  private static final ConcurrentLinkedDeque<Environment> copiedBy = new ConcurrentLinkedDeque<>();

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
    if (!context.getEnvironment().getProperty(FROM_EMPTY, Boolean.class, false)) {
      copyMigratedTemplate(context.getEnvironment(), (String) props.get("bdtx.db.name"));
    }

    context.addApplicationListener(event -> {
      if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
        dropDatabase(context, (String) props.get("bdtx.db.name"));
        FileSystemUtils.deleteRecursively(new java.io.File(objects));
      }
    });
  }

  private static void dropDatabase(ConfigurableApplicationContext context, String name) {
    if (!dropDatabase(context.getEnvironment(), name)) {
      dropAnywhere(name);
    }
  }

  private static boolean dropDatabase(Environment env, String name) {
    try (var c = connect(env, env.getProperty("bdtx.db.maintenance-database")); var s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
      return true;
    } catch (SQLException e) {
      System.err.println("Could not drop test database " + name + ": " + e.getMessage());
      return false;
    }
  }

  /**
   * Drops a database through the settings of the latest context that still reaches PostgreSQL: the template when the
   * JVM ends, or a context's database that it reached through a proxy already stopped (PostgresOutageTest's).
   */
  private static void dropAnywhere(String name) {
    for (Environment env : copiedBy) {
      if (dropDatabase(env, name)) {
        return;
      }
    }
  }

  /** Creates the context's database as a copy of this JVM's migrated template, migrating the template first. */
  private static synchronized void copyMigratedTemplate(Environment env, String name) {
    if (template == null) {
      String candidate = "bdtx_test_template_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
      create(env, candidate, "template0");
      Flyway.configure()
          .dataSource(url(env, candidate), env.getProperty("bdtx.db.user"), env.getProperty("bdtx.db.password"))
          .locations(env.getProperty("spring.flyway.locations", "classpath:db/migration"))
          .load()
          .migrate();
      template = candidate;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> dropAnywhere(candidate)));
    }
    copiedBy.addFirst(env);
    create(env, name, template);
  }

  private static void create(Environment env, String name, String from) {
    // PostgreSQL copies a template only with no session on it, and waits a few seconds for closing ones to end.
    try (var c = connect(env, env.getProperty("bdtx.db.maintenance-database")); var s = c.createStatement()) {
      s.execute("CREATE DATABASE \"" + name + "\" ENCODING 'UTF8' TEMPLATE \"" + from + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create test database " + name + " from " + from + ": " + e.getMessage(), e);
    }
  }

  private static Connection connect(Environment env, String database) throws SQLException {
    return DriverManager.getConnection(url(env, database), env.getProperty("bdtx.db.user"),
        env.getProperty("bdtx.db.password"));
  }

  private static String url(Environment env, String database) {
    return "jdbc:postgresql://" + env.getProperty("bdtx.db.host") + ":" + env.getProperty("bdtx.db.port") + "/" + database;
  }
}
