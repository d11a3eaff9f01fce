package vn.bdtx.platform.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Slow clients are disconnected (issue 18 item 8; README, "Limits"): a connection
 * must deliver a whole request head (request line and headers) within
 * {@code bdtx.web.request-head-timeout} of opening, or of the previous answer on a
 * kept-alive connection — so a client trickling a header byte every few seconds,
 * or holding an idle connection, is closed; and while a body is being read it must
 * bring at least {@code bdtx.web.min-body-bytes} in every {@code bdtx.web.body-window},
 * so a body trickled a byte at a time is closed too, while a weak phone's upload
 * (kilobytes a second, with pauses) goes on for as long as it takes. Only the time
 * the server spent asking for more counts against the client: a window in which the
 * server itself was mostly not reading (back-pressure: a part waiting for the disk)
 * is no fault of the client's. The server's own time
 * (handling the request, streaming a long download) has no limit here.
 */
@Component
class SlowClients implements NettyServerCustomizer {

  private static final Logger log = LoggerFactory.getLogger(SlowClients.class);
  static final String HANDLER = "bdtx.slowClients";

  private final Duration headTimeout;
  private final Duration bodyWindow;
  private final long minBodyBytes;
  private final Counter headsTooSlow;
  private final Counter bodiesTooSlow;

  SlowClients(MeterRegistry meters,
              @Value("${bdtx.web.request-head-timeout:20s}") Duration headTimeout,
              @Value("${bdtx.web.body-window:30s}") Duration bodyWindow,
              @Value("${bdtx.web.min-body-bytes:8KB}") DataSize minBodyBytes) {
    this.headTimeout = headTimeout;
    this.bodyWindow = bodyWindow;
    this.minBodyBytes = minBodyBytes.toBytes();
    // bdtx_slow_clients_closed_total{phase="head|body"}: connections closed for slowness.
    this.headsTooSlow = meters.counter("bdtx.slow.clients.closed", "phase", "head");
    this.bodiesTooSlow = meters.counter("bdtx.slow.clients.closed", "phase", "body");
  }

  @Override
  public HttpServer apply(HttpServer server) {
    return server.doOnChannelInit((observer, channel, remote) -> {
      var pipeline = channel.pipeline();
      var handler = new Deadlines(headTimeout.toNanos(), bodyWindow.toNanos(), minBodyBytes, headsTooSlow, bodiesTooSlow);
      if (pipeline.get(NettyPipeline.HttpCodec) != null) {
        pipeline.addAfter(NettyPipeline.HttpCodec, HANDLER, handler);
      } else {
        log.warn("no HTTP codec in the pipeline {}: slow clients are not timed", pipeline.names());
      }
    });
  }

  /**
   * One connection's deadlines, after the HTTP codec: it sees decoded request heads
   * and body chunks coming in and the end of each answer going out.
   */
  static final class Deadlines extends ChannelDuplexHandler {

    private final long headNanos;
    private final long windowNanos;
    private final long minBytes;
    private final Counter headsTooSlow;
    private final Counter bodiesTooSlow;
    private ScheduledFuture<?> timer;
    /** Waiting for a request head. */
    private boolean awaitingHead = true;
    /** Reading a request's body. */
    private boolean readingBody;
    private long bytesThisWindow;
    /** The server has asked for more of the request and nothing has come since {@link #askedAt}. */
    private boolean asked;
    private long askedAt;
    /** How long the server has waited on the client this window. */
    private long waitedNanos;

    Deadlines(long headNanos, long windowNanos, long minBytes, Counter headsTooSlow, Counter bodiesTooSlow) {
      this.headNanos = headNanos;
      this.windowNanos = windowNanos;
      this.minBytes = minBytes;
      this.headsTooSlow = headsTooSlow;
      this.bodiesTooSlow = bodiesTooSlow;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      if (ctx.channel().isActive()) {
        awaitHead(ctx);
      }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      if (timer == null) {
        awaitHead(ctx);
      }
      super.channelActive(ctx);
    }

    @Override
    public void read(ChannelHandlerContext ctx) throws Exception {
      if (!asked) {
        asked = true;
        askedAt = System.nanoTime();
      }
      super.read(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      answered();
      if (msg instanceof HttpRequest) {
        cancel();
        awaitingHead = false;
        readingBody = true;
        bytesThisWindow = 0;
        waitedNanos = 0;
        timer = ctx.executor().schedule(() -> windowEnded(ctx), windowNanos, TimeUnit.NANOSECONDS);
      }
      if (msg instanceof HttpContent content && readingBody) {
        bytesThisWindow += content.content().readableBytes();
        if (msg instanceof LastHttpContent) {
          readingBody = false;
          cancel();
        }
      }
      super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
      if (msg instanceof LastHttpContent && !readingBody && !awaitingHead) {
        // The answer is complete: the next request's head is due (keep-alive), from when it has gone out.
        awaitingHead = true;
        promise.addListener(done -> {
          if (awaitingHead && ctx.channel().isActive()) {
            awaitHead(ctx);
          }
        });
      }
      super.write(ctx, msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      cancel();
      super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
      cancel();
    }

    private void awaitHead(ChannelHandlerContext ctx) {
      cancel();
      timer = ctx.executor().schedule(() -> {
        if (awaitingHead) {
          log.debug("{}: no whole request head within the timeout: closed", ctx.channel().remoteAddress());
          headsTooSlow.increment();
          ctx.close();
        }
      }, headNanos, TimeUnit.NANOSECONDS);
    }

    private void windowEnded(ChannelHandlerContext ctx) {
      if (!readingBody || !ctx.channel().isActive()) {
        return;
      }
      long now = System.nanoTime();
      long waited = waitedNanos + (asked ? now - askedAt : 0);
      // Only time the server spent asking for more counts against the client: a window in which the server
      // itself did not read (back-pressure: a part waiting for the disk, a session for Redis) is no fault of its.
      if (bytesThisWindow < minBytes && waited >= windowNanos / 2) {
        log.info("{}: request body slower than {} bytes in {} s: closed", ctx.channel().remoteAddress(), minBytes,
            TimeUnit.NANOSECONDS.toSeconds(windowNanos));
        bodiesTooSlow.increment();
        ctx.close();
        return;
      }
      bytesThisWindow = 0;
      waitedNanos = 0;
      if (asked) {
        askedAt = now;
      }
      timer = ctx.executor().schedule(() -> windowEnded(ctx), windowNanos, TimeUnit.NANOSECONDS);
    }

    private void answered() {
      if (asked) {
        waitedNanos += System.nanoTime() - askedAt;
        asked = false;
      }
    }

    private void cancel() {
      if (timer != null) {
        timer.cancel(false);
        timer = null;
      }
    }
  }
}
