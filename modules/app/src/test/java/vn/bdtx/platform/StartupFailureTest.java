package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import vn.bdtx.BdtxApplication;
import vn.bdtx.support.Containers;

/**
 * A newcomer who forgot to start PostgreSQL or Redis gets one message naming the
 * service, the address tried and how to start it, not a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

  static final String DATABASE = "bdtx_test_startup_failure";

  @Test
  void withoutPostgresqlStartUpStopsWithOneMessageThatSaysWhatToDo(CapturedOutput output) throws IOException {
    int deadPort = freePort();
    assertThatThrownBy(() -> start("bdtx.db.port=" + deadPort)).isNotNull();
    assertThat(output.getOut() + output.getErr())
        .contains("APPLICATION FAILED TO START",
            "PostgreSQL does not answer at 127.0.0.1:" + deadPort,
            "PostgreSQL không trả lời tại 127.0.0.1:" + deadPort,
            "pg_ctlcluster", "BDTX_DB_HOST")
        .doesNotContain("\tat org.postgresql");
  }

  @Test
  void withoutRedisStartUpStopsWithOneMessageThatSaysWhatToDo(CapturedOutput output) throws IOException {
    int deadPort = freePort();
    assertThatThrownBy(() -> start("bdtx.redis.port=" + deadPort)).isNotNull();
    assertThat(output.getOut() + output.getErr())
        .contains("APPLICATION FAILED TO START",
            "Redis does not answer at 127.0.0.1:" + deadPort,
            "redis-server", "BDTX_REDIS_HOST")
        .doesNotContain("\tat io.lettuce");
  }

  private static void start(String property) {
    var args = new ArrayList<String>();
    // The same services as every other test (containers where Docker answers), but for the one broken address.
    Containers.properties().ifPresent(p -> p.forEach((k, v) -> args.add("--" + k + "=" + v)));
    args.addAll(List.of("--server.port=0", "--bdtx.db.name=" + DATABASE,
        "--bdtx.storage.embedded.data-dir=target/test-objects/startup-failure", "--" + property));
    new SpringApplicationBuilder(BdtxApplication.class).run(args.toArray(String[]::new)).close();
  }

  @AfterAll
  static void dropDatabase() {
    var p = Containers.properties().orElse(Map.of());
    String url = "jdbc:postgresql://" + p.getOrDefault("bdtx.db.host", "127.0.0.1") + ":"
        + p.getOrDefault("bdtx.db.port", 5432) + "/postgres";
    try (var c = DriverManager.getConnection(url, String.valueOf(p.getOrDefault("bdtx.db.user", "postgres")),
        String.valueOf(p.getOrDefault("bdtx.db.password", "")));
         var s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    } catch (SQLException e) {
      System.err.println("Could not drop " + DATABASE + ": " + e.getMessage());
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
