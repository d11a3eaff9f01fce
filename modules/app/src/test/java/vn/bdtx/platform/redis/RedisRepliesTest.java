package vn.bdtx.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import vn.bdtx.support.BdtxIntegrationTest;

/**
 * Lettuce may pause its socket in the middle of a reply and miss the signal to
 * resume it ({@link KeepReading} says how): the page then waits for the whole
 * command timeout. AccessMatrixTest's ~4,000 session reads are where it showed.
 */
@BdtxIntegrationTest
class RedisRepliesTest {

  @Autowired ReactiveStringRedisTemplate redis;
  @Value("${bdtx.redis.namespace}") String namespace;

  /** Stands for Lettuce's CommandHandler pausing reads while a reply is half decoded. */
  static final class PausesMidReply extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      io.netty.util.ReferenceCountUtil.release(msg);
      ctx.channel().config().setAutoRead(false);
    }
  }

  @Test
  void aConnectionPausedInTheMiddleOfAReplyReadsOnAfterTheBatch() {
    var channel = new EmbeddedChannel(KeepReading.INSTANCE, new PausesMidReply());
    channel.writeInbound(Unpooled.copiedBuffer("*4\r\n$3\r\nabc\r\n", StandardCharsets.US_ASCII));
    assertThat(channel.config().isAutoRead()).as("reading after the batch").isTrue();

    var withoutIt = new EmbeddedChannel(new PausesMidReply());
    withoutIt.writeInbound(Unpooled.copiedBuffer("*4\r\n$3\r\nabc\r\n", StandardCharsets.US_ASCII));
    assertThat(withoutIt.config().isAutoRead()).as("the pause this guards against").isFalse();
  }

  @Test
  void theAppsRedisConnectionCarriesIt() {
    // A session-sized reply arrives whole through the app's own connection, the handler in its pipeline.
    String key = namespace + ":replies";
    String value = "ă".repeat(3_000);
    redis.opsForHash().put(key, "a", value).block(Duration.ofSeconds(5));
    assertThat(redis.opsForHash().get(key, "a").block(Duration.ofSeconds(5))).isEqualTo(value);
    assertThat(KeepReading.connections()).as("Lettuce connections with the handler").isPositive();
  }
}
