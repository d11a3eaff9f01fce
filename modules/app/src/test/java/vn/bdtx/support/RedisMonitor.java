package vn.bdtx.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;

/**
 * The commands Redis runs on keys under one prefix, as Redis's own MONITOR reports them (a connection of its own to
 * the test context's Redis): what the application really sends, whichever client or pool sent it. Other runs on the
 * same Redis use other namespaces and are filtered out.
 */
public final class RedisMonitor implements AutoCloseable {

  /** Commands that change a key. */
  public static final Set<String> WRITES = Set.of("SET", "HSET", "HMSET", "HDEL", "EXPIRE", "PEXPIRE", "EXPIREAT",
      "PEXPIREAT", "PERSIST", "DEL", "UNLINK", "RENAME", "RENAMENX", "SETEX", "PSETEX");

  private static final Pattern COMMAND = Pattern.compile("\\[[^]]*] \"([^\"]+)\" \"([^\"]*)\"");

  private final Socket socket;
  private final String prefix;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final Thread reader;

  public RedisMonitor(Environment env, String keyPrefix) throws IOException, InterruptedException {
    this.prefix = keyPrefix;
    socket = new Socket(env.getProperty("bdtx.redis.host"), Integer.parseInt(env.getProperty("bdtx.redis.port")));
    OutputStream out = socket.getOutputStream();
    String password = env.getProperty("bdtx.redis.password", "");
    if (!password.isEmpty()) {
      out.write(("AUTH " + password + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    out.write("MONITOR\r\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
    var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    var started = new java.util.concurrent.CountDownLatch(1);
    reader = new Thread(() -> {
      try {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith("+OK")) {
            started.countDown();
            continue;
          }
          Matcher m = COMMAND.matcher(line);
          if (m.find() && m.group(2).startsWith(prefix)) {
            seen.add(m.group(1).toUpperCase(Locale.ROOT) + " " + m.group(2));
          }
        }
      } catch (IOException closed) {
        // the monitor was closed
      }
    }, "redis-monitor");
    reader.setDaemon(true);
    reader.start();
    if (!started.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
      throw new IllegalStateException("Redis did not start MONITOR");
    }
  }

  /** Every command seen so far on the prefix, as "COMMAND key", in order; then forgets them. */
  public List<String> drain() throws InterruptedException {
    // MONITOR reports a command as Redis runs it: a short pause lets the last replies' lines arrive.
    Thread.sleep(300);
    var copy = List.copyOf(seen);
    seen.clear();
    return copy;
  }

  public static List<String> writes(List<String> commands) {
    return commands.stream().filter(c -> WRITES.contains(c.substring(0, c.indexOf(' ')))).toList();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
