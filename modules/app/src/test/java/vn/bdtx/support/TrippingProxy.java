package vn.bdtx.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A TCP relay like {@link TcpProxy} that can be armed to cut itself at one precise moment: the first time the
 * application sends a chunk the trap matches (say, the Redis command that saves one session), that chunk is
 * dropped, every connection is closed and new ones are refused until {@link #restore}. So a test breaks Redis
 * exactly between a request's work and the save of its session, which no timing of a plain cut can hit.
 */
public final class TrippingProxy implements AutoCloseable {

  private final String targetHost;
  private final int targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicReference<Predicate<String>> trap = new AtomicReference<>();
  private volatile ServerSocket server;
  private volatile int port;
  private volatile boolean tripped;
  // Down: the listener stays bound (re-binding its port after a cut failed under load with "Address already in
  // use"), and every connection it accepts is closed at once, which the client sees as Redis gone.
  private volatile boolean down;

  private TrippingProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  /** A started relay in front of the Redis the tests use (see {@link TcpProxy#inFrontOf}). */
  public static TrippingProxy inFrontOfRedis() {
    var props = Containers.properties().orElse(java.util.Map.of());
    try {
      var proxy = new TrippingProxy(String.valueOf(props.getOrDefault("bdtx.redis.host", "127.0.0.1")),
          Integer.parseInt(String.valueOf(props.getOrDefault("bdtx.redis.port", 6379))));
      proxy.start();
      return proxy;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /**
   * Cuts at the first chunk the application sends whose text (ISO-8859-1, so RESP arrives as written) matches;
   * one trip per arming.
   */
  public void armOn(Predicate<String> sentChunk) {
    tripped = false;
    trap.set(sentChunk);
  }

  /** Whether the armed trap went off. */
  public boolean tripped() {
    return tripped;
  }

  /** Reachable again on the same port, disarmed. */
  public synchronized void restore() throws IOException {
    trap.set(null);
    down = false;
    if (server == null || server.isClosed()) {
      start();
    }
  }

  @Override
  public synchronized void close() throws IOException {
    trap.set(null);
    cut();
    if (server != null) {
      server.close();
    }
  }

  private synchronized void start() throws IOException {
    if (port == 0) {
      int from = 20_000 + ThreadLocalRandom.current().nextInt(10_000);
      IOException last = null;
      for (int p = from; p < from + 200 && server == null; p++) {
        try {
          server = new ServerSocket(p, 50, InetAddress.getLoopbackAddress());
        } catch (IOException busy) {
          last = busy;
        }
      }
      if (server == null) {
        throw last;
      }
    } else {
      server = TcpProxy.rebind(port);
    }
    port = server.getLocalPort();
    ServerSocket listening = server;
    daemon(() -> accept(listening));
  }

  private synchronized void cut() throws IOException {
    down = true;
    for (Socket s : open) {
      s.close();
    }
    open.clear();
  }

  private void accept(ServerSocket listening) {
    while (!listening.isClosed()) {
      try {
        Socket client = listening.accept();
        if (down) {
          client.close();
          continue;
        }
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

  private void pipe(Socket from, Socket to, boolean watched) {
    daemon(() -> {
      byte[] buffer = new byte[65536];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          var armed = watched ? trap.get() : null;
          if (armed != null && armed.test(new String(buffer, 0, n, StandardCharsets.ISO_8859_1))
              && trap.compareAndSet(armed, null)) {
            tripped = true;
            cut();
            return;
          }
          out.write(buffer, 0, n);
          out.flush();
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

  private static void daemon(Runnable work) {
    var thread = new Thread(work, "tripping-proxy");
    thread.setDaemon(true);
    thread.start();
  }
}
