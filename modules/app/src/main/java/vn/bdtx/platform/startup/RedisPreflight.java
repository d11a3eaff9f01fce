package vn.bdtx.platform.startup;

import java.time.Duration;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.stereotype.Component;

/** Pings Redis once at start-up so that a missing Redis stops the app with one clear message. */
@Component
class RedisPreflight implements InitializingBean {

  static final String HOW_TO_START = """
      Start Redis, or point BDTX at a running one:
        redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
        or set BDTX_REDIS_HOST, BDTX_REDIS_PORT, BDTX_REDIS_PASSWORD.""";

  private final ReactiveRedisConnectionFactory redis;
  private final String address;

  RedisPreflight(ReactiveRedisConnectionFactory redis,
                 @Value("${bdtx.redis.host}") String host, @Value("${bdtx.redis.port}") int port) {
    this.redis = redis;
    this.address = host + ":" + port;
  }

  @Override
  public void afterPropertiesSet() {
    try (var connection = redis.getReactiveConnection()) {
      connection.ping().block(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      throw new ServiceUnreachableException("Redis", address, HOW_TO_START, e);
    }
  }
}
