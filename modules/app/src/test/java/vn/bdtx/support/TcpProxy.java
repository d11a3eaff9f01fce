package vn.bdtx.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay between the application and a real service, which a test can cut
 * (every connection dropped, new ones refused) and restore, to see what users
 * get while the service is unreachable and that the application recovers.
 */
public final class TcpProxy implements AutoCloseable {

  private final String targetHost;
  private final int targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;
  private volatile int port;
  private volatile byte[] watched;
  private final AtomicLong seen = new AtomicLong();

  public TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  public synchronized TcpProxy start() throws IOException {
    server = port == 0 ? firstFree() : rebind(port);
    port = server.getLocalPort();
    ServerSocket listening = server;
    daemon(() -> accept(listening));
    return this;
  }

  /**
   * The same port again after a cut. Closing a listener whose accept() is blocked in another thread releases the
   * port only when that thread has woken up, so under load a bind at once can still find it taken: try for 5 s.
   * A test that stands its own listener on a cut relay's port (a service that hangs) binds through this too.
   */
  public static ServerSocket rebind(int port) throws IOException {
    long until = System.nanoTime() + 5_000_000_000L;
    while (true) {
      try {
        return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
      } catch (java.net.BindException taken) {
        if (System.nanoTime() > until) {
          throw taken;
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw taken;
        }
      }
    }
  }

  /**
   * A port below Linux's ephemeral range (32768 and up): restore() binds the same port again after a cut,
   * and a port from the ephemeral range may meanwhile be the local end of some other process's connection.
   */
  private static ServerSocket firstFree() throws IOException {
    int from = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000);
    IOException last = null;
    for (int p = from; p < from + 200; p++) {
      try {
        return new ServerSocket(p, 50, InetAddress.getLoopbackAddress());
      } catch (IOException busy) {
        last = busy;
      }
    }
    throw last;
  }

  /**
   * A started relay in front of the service the tests use (a container where Docker
   * answers, else the local one): {@code service} is "db" or "redis".
   */
  public static TcpProxy inFrontOf(String service, int localPort) {
    var props = Containers.properties().orElse(java.util.Map.of());
    try {
      return new TcpProxy(String.valueOf(props.getOrDefault("bdtx." + service + ".host", "127.0.0.1")),
          Integer.parseInt(String.valueOf(props.getOrDefault("bdtx." + service + ".port", localPort)))).start();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /**
   * From now on, counts how often {@code bytes} passes from the application to the service (on every connection,
   * across reads), e.g. a query's text as the PostgreSQL protocol sends it; the count starts at zero.
   */
  public TcpProxy counting(byte[] bytes) {
    seen.set(0);
    watched = bytes.clone();
    return this;
  }

  /** How often the bytes given to {@link #counting} went to the service since. */
  public long counted() {
    return seen.get();
  }

  /** The service becomes unreachable: connections drop, new ones are refused. */
  public synchronized void cut() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
    open.clear();
  }

  /** The service is reachable again on the same port. */
  public void restore() throws IOException {
    start();
  }

  private static void daemon(Runnable work) {
    var thread = new Thread(work, "tcp-proxy");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    cut();
  }

  private void accept(ServerSocket listening) {
    while (!listening.isClosed()) {
      try {
        Socket client = listening.accept();
        Socket upstream = new Socket(targetHost, targetPort);
        open.add(client);
        open.add(upstream);
        pipe(client, upstream, true);
        pipe(upstream, client, false);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pipe(Socket from, Socket to, boolean toService) {
    daemon(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        if (toService) {
          relayCounting(in, out);
        } else {
          in.transferTo(out);
        }
      } catch (IOException ignored) {
        // the other side closed, or the proxy was cut
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
    });
  }

  /** Relays like transferTo, counting the watched bytes; a match split between two reads counts once. */
  private void relayCounting(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[8192];
    byte[] carry = new byte[0];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      out.write(buffer, 0, n);
      out.flush();
      byte[] pattern = watched;
      if (pattern == null || pattern.length == 0) {
        continue;
      }
      byte[] window = new byte[carry.length + n];
      System.arraycopy(carry, 0, window, 0, carry.length);
      System.arraycopy(buffer, 0, window, carry.length, n);
      for (int i = 0; i + pattern.length <= window.length; i++) {
        if (java.util.Arrays.equals(window, i, i + pattern.length, pattern, 0, pattern.length)) {
          seen.incrementAndGet();
        }
      }
      // Shorter than the pattern, so a match is never counted twice.
      int keep = Math.min(pattern.length - 1, window.length);
      carry = java.util.Arrays.copyOfRange(window, window.length - keep, window.length);
    }
  }
}
