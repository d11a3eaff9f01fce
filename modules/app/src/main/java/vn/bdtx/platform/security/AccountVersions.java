package vn.bdtx.platform.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A counter per account in Redis, bumped whenever its roles, status or password
 * change. Each session remembers the value it saw; a different value makes the
 * next request reload the caller (ASVS 8.3.2: access changes apply at once).
 */
@Component
public class AccountVersions {

  private final ReactiveStringRedisTemplate redis;
  private final String prefix;

  AccountVersions(ReactiveStringRedisTemplate redis, @Value("${bdtx.redis.namespace}") String namespace) {
    this.redis = redis;
    this.prefix = namespace + ":account-version:";
  }

  public Mono<Long> current(long accountId) {
    return redis.opsForValue().get(prefix + accountId).map(Long::parseLong).defaultIfEmpty(0L);
  }

  /** Call after the change is committed. */
  public Mono<Void> bump(long accountId) {
    return redis.opsForValue().increment(prefix + accountId).then();
  }
}
