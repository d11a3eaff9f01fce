package vn.bdtx.platform.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.ResponseCookie;
import org.springframework.session.config.ReactiveSessionRepositoryCustomizer;
import org.springframework.session.data.redis.ReactiveRedisSessionRepository;
import org.springframework.session.data.redis.config.annotation.web.server.EnableRedisWebSession;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

/**
 * Sessions live in Redis so that any node can serve any request (DESIGN.md §5).
 * Lettuce is told to refuse commands while disconnected and to bound its queue:
 * by default it queues without limit and callers hang until their timeout
 * (RELIABILITY.md, lettuce#1395, #1718).
 */
@Configuration(proxyBeanMethods = false)
@EnableRedisWebSession
class RedisConfiguration {

  /** Commands waiting for a reply on one connection; beyond it a caller is refused at once. */
  static final int REQUEST_QUEUE_SIZE = 10_000;

  @Bean
  LettuceClientConfigurationBuilderCustomizer failFastLettuce(@Value("${spring.data.redis.timeout}") Duration timeout) {
    return builder -> builder.clientOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .requestQueueSize(REQUEST_QUEUE_SIZE)
        .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
        .timeoutOptions(TimeoutOptions.enabled(timeout))
        // Emit replies on Lettuce's computation threads, not on its single I/O thread: otherwise the
        // rest of every request (security, rendering) runs on the thread that reads Redis replies,
        // and under load replies queue behind page rendering (2 s timeouts, lost replies seen in
        // the login baseline).
        .publishOnScheduler(true)
        .build());
  }

  /** Works around a lost-wake-up in Lettuce's read pausing ({@link KeepReading}). */
  @Bean
  ClientResourcesBuilderCustomizer keepLettuceReading() {
    return builder -> builder.nettyCustomizer(new NettyCustomizer() {
      @Override
      public void afterChannelInitialized(Channel channel) {
        channel.pipeline().addFirst("bdtx-keep-reading", KeepReading.INSTANCE);
      }
    });
  }

  /**
   * Sessions are stored with the idle timeout plus the touch interval: the last-access time is written at most once
   * per interval ({@link QuietSessions}), so an idle session ends between idle-timeout and idle-timeout + interval
   * after its last request, never before the idle timeout.
   */
  @Bean
  ReactiveSessionRepositoryCustomizer<ReactiveRedisSessionRepository> sessionNamespaceAndTimeout(
      @Value("${bdtx.redis.namespace}") String namespace,
      @Value("${bdtx.session.idle-timeout}") Duration idleTimeout,
      @Value("${bdtx.session.touch-interval}") Duration touchInterval) {
    if (touchInterval.isNegative() || touchInterval.compareTo(idleTimeout) >= 0) {
      throw new IllegalStateException("bdtx.session.touch-interval (" + touchInterval
          + ") must be shorter than bdtx.session.idle-timeout (" + idleTimeout + ")");
    }
    return repository -> {
      repository.setRedisKeyNamespace(namespace + ":sessions");
      repository.setDefaultMaxInactiveInterval(idleTimeout.plus(touchInterval));
    };
  }

  /** The repository WebFlux's sessions use: Spring Session's, writing only what changed. */
  @Bean
  @Primary
  QuietSessions quietSessions(ReactiveRedisSessionRepository redis,
                                             @Value("${bdtx.session.touch-interval}") Duration touchInterval) {
    return new QuietSessions(redis, touchInterval);
  }

  @Bean
  WebSessionIdResolver webSessionIdResolver(@Value("${bdtx.session.cookie-name}") String cookieName,
                                            @Value("${bdtx.session.cookie-secure}") boolean secure) {
    var resolver = new CookieWebSessionIdResolver();
    // RFC 6265bis: a "__Host-" cookie must be Secure, have Path=/ and no Domain; only over HTTPS.
    resolver.setCookieName(secure ? "__Host-" + cookieName : cookieName);
    resolver.addCookieInitializer((ResponseCookie.ResponseCookieBuilder cookie) -> cookie
        .httpOnly(true).secure(secure).sameSite("Lax").path("/"));
    return resolver;
  }
}
