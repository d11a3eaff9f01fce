package vn.bdtx.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §5, checked on the sources: reporting writes only its own read model
 * (the {@code report_*} tables); what it knows of other contexts comes through
 * their public services, and outbox rows are taken through platform's Outbox.
 */
class ReportingOwnsOnlyItsTablesTest {

  /** A statement that writes a table: INSERT INTO t, UPDATE t (not "DO UPDATE SET" or "FOR UPDATE"), DELETE FROM t, TRUNCATE t. */
  private static final Pattern WRITE = Pattern.compile(
      "(?i)(?:INSERT\\s+INTO|(?<!DO\\s)(?<!FOR\\s)(?<!KEY\\s)\\bUPDATE|DELETE\\s+FROM|TRUNCATE(?:\\s+TABLE)?)\\s+([a-z_][a-z0-9_]*)");

  @Test
  void reportingWritesNoTableOutsideItsReadModel() throws IOException {
    Path sources = Path.of("src/main/java/vn/bdtx/reporting");
    List<String> foreign = new ArrayList<>();
    int writes = 0;
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        var m = WRITE.matcher(Files.readString(file));
        while (m.find()) {
          String table = m.group(1).toLowerCase();
          if (table.equals("set")) {
            continue;
          }
          writes++;
          if (!table.startsWith("report_")) {
            foreign.add(file.getFileName() + ": " + m.group());
          }
        }
      }
    }
    assertThat(writes).as("the check sees reporting's own writes").isPositive();
    assertThat(foreign).as("writes outside report_*").isEmpty();
  }
}
