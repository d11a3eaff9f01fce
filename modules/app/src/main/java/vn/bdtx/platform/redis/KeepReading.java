package vn.bdtx.platform.redis;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps Lettuce's connection reading.
 *
 * <p>When a reply arrives in more than one read, Lettuce pauses the socket
 * ({@code autoRead=false}) if the reactive subscriber has no demand at that
 * instant, and resumes it when demand arrives from another thread. The check
 * and the pause are not atomic: demand that arrives between them is lost, the
 * rest of the reply stays in the socket, and the caller waits for the whole
 * command timeout (a 503 on a session read). We saw it about once in 2,000
 * session reads (AccessMatrixTest), on epoll and on NIO; Lettuce's debug log
 * reads "Received: 1024 bytes … Decode done, empty stack: false" and then
 * nothing, while Redis MONITOR shows the command arrived at once.
 *
 * <p>This handler sits in front of Lettuce's and, at the end of every read
 * batch, on the connection's own event loop, turns reading back on. Our replies
 * are small (sessions, counters), so there is no backpressure to keep: at most
 * one more buffer is read before a slow subscriber asks for it.
 */
@ChannelHandler.Sharable
final class KeepReading extends ChannelInboundHandlerAdapter {

  static final KeepReading INSTANCE = new KeepReading();

  private static final AtomicInteger CONNECTIONS = new AtomicInteger();

  private KeepReading() {
  }

  /** Network connections this handler has been put on since the JVM started. */
  static int connections() {
    return CONNECTIONS.get();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    // Counted when the connection is made; not on test channels, which have no network address.
    if (!ctx.channel().getClass().getSimpleName().startsWith("Embedded")) {
      CONNECTIONS.incrementAndGet();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.fireChannelReadComplete();
    if (!ctx.channel().config().isAutoRead()) {
      ctx.channel().config().setAutoRead(true);
    }
  }
}
